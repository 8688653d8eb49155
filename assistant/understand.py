"""Understand every question of an inquiry in its context, before anything is retrieved.

For each question: its **intent** (what kind of answer it asks for), the
**aspects** a multi-part question adds ("Welche ... und seit wann ...?"), the
inventory **column** its answer needs, and its **subject** – the AI
applications it is about. The subject is resolved in context: a question
that names no application of its own ("Seit wann ist er in Betrieb?")
inherits one from its parent question, the question before it, or the
inquiry's Betreff and preamble; a listing over the inventory is about all of
them. Applications are matched against the knowledge base's own inventory
(names, vendors, purposes; optionally by embedding similarity), so an
application the question names must exist.

The method is rules on German question syntax (interrogatives, verb-first
yes/no questions, imperatives) and on the vocabulary of the knowledge-base
contract, not on the sample inquiries' wording; decision record 0009 gives
the reasons and the accuracy on a labelled set of question variants
(``eval/understanding``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from assistant import lexicon as lx
from assistant.backends.embeddings import Embedder
from assistant.domain import Inquiry, Question
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record


class Intent(StrEnum):
    LISTING = "listing"
    ATTRIBUTE = "attribute"
    AMOUNT = "amount"
    COUNT = "count"
    DATE = "date"
    UNIT = "unit"
    YES_NO = "yes_no"
    DESCRIPTION = "description"
    JUDGEMENT = "judgement"


# When a question asks for several things, the primary intent is the first of these it has.
PRECEDENCE = (
    Intent.JUDGEMENT,
    Intent.LISTING,
    Intent.AMOUNT,
    Intent.COUNT,
    Intent.DATE,
    Intent.UNIT,
    Intent.ATTRIBUTE,
    Intent.YES_NO,
    Intent.DESCRIPTION,
)
ALL_STATUSES = ("production", "pilot", "test", "planned", "discontinued")
IN_USE = ("production", "pilot", "test")
_STATUS_GROUPS = {
    "discontinued": ("discontinued",),
    "planned": ("planned",),
    "trial": ("pilot", "test"),
    "in_use": IN_USE,
    "now": IN_USE,
}


@dataclass(frozen=True)
class Subject:
    """The applications a question is about: some inventory ids, all of them, or none."""

    applications: tuple[str, ...] = ()
    everything: bool = False
    origin: str = ""  # "question", "parent", "previous", "inquiry" or "" (none)

    @property
    def one(self) -> str | None:
        return self.applications[0] if len(self.applications) == 1 and not self.everything else None


@dataclass(frozen=True)
class Reading:
    """What one question asks, resolved in its inquiry's context."""

    question_id: str
    intent: Intent
    also: tuple[Intent, ...] = ()
    columns: tuple[str, ...] = ()  # inventory columns the answer needs, most specific first
    subject: Subject = Subject()
    statuses: tuple[str, ...] = ()  # status filter for listings and counts; () = any status
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) filters, e.g. ("dpia", "done")
    departments: tuple[str, ...] = ()  # department ids the question restricts to
    years: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # budget categories
    budget_kind: str = ""  # "investive" | "consumptive" | ""
    funding: bool = False  # asks about funding (Fördermittel), which budget lines do not show
    query: str = ""  # retrieval text: the question with what it refers to
    topic: tuple[str, ...] = field(default=(), compare=False)  # the question's own subject words

    @property
    def column(self) -> str | None:
        return self.columns[0] if self.columns else None

    def asks(self, intent: Intent) -> bool:
        return self.intent == intent or intent in self.also


# --- intent -----------------------------------------------------------------------------------

_LEAD_NUMBER = re.compile(r"^\s*(?:frage\s+)?(?:\d{1,3}|[a-z]|[ivx]{1,5})\s*[.)]\s+")
_TIME_NOUN = re.compile(r"\b(zeitpunkt|zeitraum|datum|termin|frist|zeitplan|jahr)\b")


def normalise(text: str) -> str:
    low = text.lower().replace("„", "").replace("“", "").replace('"', "").replace("\u2011", "-").replace("\u2010", "-")
    low = " ".join(low.split())
    low = _LEAD_NUMBER.sub("", low)
    for _ in range(2):  # "Und falls ja, ..." – the lead-in does not change what is asked
        low = lx.CONDITION_LEAD.sub("", low, count=1)
    return low


_VERBISH = frozenset(
    re.findall(
        r"\S+",
        "sind ist war waren werden wird wurden wurde hat haben hatte hatten gibt gab kann können soll sollen "
        "muss müssen darf dürfen setzt setzen nutzt nutzen verwendet stehen steht liegen liegt kommen kommt "
        "plant planen bestehen besteht sieht sehen gelten gilt erhalten erhält entstehen entstanden fallen "
        "fielen sollte sollten könnte ",
    )
)


_HEAD_END = frozenset(
    [
        "in",
        "im",
        "für",
        "von",
        "vom",
        "zur",
        "zum",
        "bei",
        "mit",
        "auf",
        "aus",
        "an",
        "am",
        "über",
        "unter",
        "nach",
        "und",
        "oder",
        "(",
        "sowie",
    ]
)


def _head(clause: str, words: int = 5) -> str:
    """The words after the interrogative, up to the first verb or preposition: where the head noun is
    ("Welche der im Landratsamt eingesetzten Systeme ..." looks further)."""
    head = []
    tokens = clause.split()
    partitive = tokens[1:2] in (["der"], ["die"], ["den"])
    if partitive:
        words += 4
    for word in tokens[1 : 1 + words]:
        bare = word.strip(",;:?")
        if bare in _VERBISH or word.startswith("(") or (bare in _HEAD_END and not partitive):
            break
        head.append(word)
    return " ".join(head)


_STRONG_MONEY = re.compile(r"\b(ausgaben|kosten|mittel|haushaltsmittel|budget\w*|aufwendungen|finanzmittel)\b")
_KI = re.compile(r"(?<![\w-])(ki|künstliche\w* intelligenz)(?![\w-])")


def _lists_applications(text: str) -> bool:
    """Plural application nouns or AI as such ("Wo wird KI eingesetzt?"): the inventory, not one application."""
    return bool(lx.APPLICATION_PLURAL.search(text) or _KI.search(text))


def _which_intent(clause: str) -> Intent:
    head = _head(clause)
    if lx.MONEY.search(head):
        return Intent.AMOUNT
    if _TIME_NOUN.search(head):
        return Intent.DATE
    if lx.APPLICATION_PLURAL.search(head) and not re.search(r"\b(regel\w*|vorgabe\w*|richtlinie\w*)\b", head):
        return Intent.LISTING
    return Intent.DESCRIPTION


_PLACE_NOUNS = (
    r"(bereich|amt|ämter|abteilung|fachbereich|dienststelle|organisationseinheit|behörde|referat|dezernat|einheit|"
    r"ressort|stelle|sachgebiet|fachdienst|verwaltungsbereich|aufgabenfeld|handlungsfeld|feld|felder)\w*"
)
_BY_PLACE = re.compile(rf"^(wo|(in|an|bei) welche\w* {_PLACE_NOUNS})\b")


def _where_intent(clause: str) -> Intent | None:
    """ "In welchen Ämtern / Wo wird KI eingesetzt?" lists applications by place; for one application it is a unit.
    ("In welchem Umfang …" and "In welcher Form …" ask no place.)"""
    by_place = _BY_PLACE.match(clause)
    by_unit = lx.ASPECT["unit"].match(clause) and lx.USE_VERB.search(clause)
    if not (by_place or by_unit):
        return None
    if _lists_applications(clause) and (by_unit or lx.USE_VERB.search(clause)):
        return Intent.LISTING
    if by_place and not clause.startswith("wo"):
        return Intent.UNIT
    return None


def _clause_intent(clause: str) -> Intent | None:
    clause = clause.strip(" ,;:-–?")
    if not clause:
        return None
    for _ in range(2):
        clause = lx.CONDITION_LEAD.sub("", clause, count=1)
    if lx.JUDGEMENT.match(clause):
        return Intent.JUDGEMENT
    if lx.ASPECT["amount"].match(clause):
        return Intent.AMOUNT
    if re.match(r"^(wie viel|wieviel)\b(?!e)", clause) and lx.MONEY.search(clause):
        return Intent.AMOUNT
    if lx.ASPECT["count"].match(clause) and lx.MONEY.search(_head(clause, 3)):
        return Intent.AMOUNT
    where = _where_intent(clause)
    if where is not None:
        return where
    for aspect, intent in (("count", Intent.COUNT), ("date", Intent.DATE), ("unit", Intent.UNIT)):
        if lx.ASPECT[aspect].match(clause):
            return intent
    if lx.WH_START.match(clause):
        words = clause.split()
        if words[0].startswith("welch"):
            return _which_intent(clause)
        if len(words) > 1 and words[1].startswith("welch"):
            return _which_intent(clause.split(" ", 1)[1])
        if words[0] == "wie" and _STRONG_MONEY.search(clause):
            return Intent.AMOUNT
        return Intent.DESCRIPTION
    if lx.IMPERATIVE.search(clause):
        if "beziffern" in clause or (lx.MONEY.search(clause) and not lx.APPLICATION_PLURAL.search(clause)):
            return Intent.AMOUNT
        if re.search(r"\b(anzahl|wie viele)\b", clause):
            return Intent.COUNT
        if lx.LIST_VERB.search(clause) and (
            lx.APPLICATION_PLURAL.search(clause)
            or (lx.INVENTORY_WORDS.search(clause) and lx.APPLICATION_NOUN.search(clause))
        ):
            return Intent.LISTING
        return Intent.DESCRIPTION
    if clause.startswith(("anzahl", "zahl der")):
        return Intent.COUNT
    if re.match(r"^(höhe|umfang) der (kosten|mittel|ausgaben)", clause):
        return Intent.AMOUNT
    return Intent.YES_NO


_PLACE = re.compile(r"\b(in welche\w* (bereich|ämter|abteilung|fachbereich|dienststelle|organisationseinheit)\w*|wo)\b")
_SENTENCES = re.compile(r"(?<=[?!.])\s+(?=\S)")


def intents(text: str) -> tuple[Intent, tuple[Intent, ...]]:
    """The primary intent of a question and the further ones a multi-part question adds."""
    low = normalise(text)
    if lx.JUDGEMENT.search(low) and lx.JUDGEMENT.match(low):
        return Intent.JUDGEMENT, ()
    found: list[Intent] = []
    clauses = [c for sentence in _SENTENCES.split(low) for c in lx.CLAUSE_SPLIT.split(sentence)]
    for clause in clauses:
        intent = _clause_intent(clause)
        if intent is not None and intent not in found:
            found.append(intent)
    if not found:
        return Intent.DESCRIPTION, ()
    if Intent.JUDGEMENT in found:
        return Intent.JUDGEMENT, ()
    if Intent.UNIT in found and _lists_applications(low) and lx.USE_VERB.search(low) and _PLACE.search(low):
        found = [Intent.LISTING if i == Intent.UNIT else i for i in found]  # "Setzt sie KI ein, und wo?"
    primary = min(found, key=PRECEDENCE.index)
    return primary, tuple(i for i in found if i != primary)


def columns(text: str) -> tuple[str, ...]:
    low = normalise(text)
    return tuple(name for name, pattern in lx.COLUMNS.items() if pattern.search(low))


# --- subject ----------------------------------------------------------------------------------

_GENERIC_WORDS = frozenset(
    (
        "KI Künstliche Intelligenz künstlicher Anwendung Anwendungen System Systeme Software Lösung Tool Werkzeug "
        "Verwaltung Einsatz Nutzung genutzt eingesetzt Unterstützung unterstützt digital digitale Digitalisierung "
        "Projekt Pilot Pilotprojekt Pilotbetrieb Test Testumgebung Testbetrieb Erprobung Betrieb Stadt Kreis "
        "Landkreis Gemeinde Land Landes Bund Bundes EU Ressort Ressorts Zentrum Rechenzentrum kommunal kommunale "
        "Kommunales Amt Bereich Fachbereich Abteilung Stabsstelle Beschäftigte Mitarbeitende Bürgerinnen Bürger "
        "automatisiert automatische Verfahren Daten Basis gestützt Frage Fragen Anfrage Kosten Jahr Jahre Dienst "
        "Service Modul Programm Plattform Prozess Prozesse Produkt Anbieter Einführung Aufgaben Bearbeitung "
        "Dokumente Texte Informationen Chatbot Bot Assistent Assistenz Assistenten Eigenentwicklung Entwicklung "
        "GmbH AG SE Ltd KG eG Operations Dienstleister Open Source Modell Sprachmodell Prüfung Analyse neue neuen "
        "Kreistag Kreistags Rat Rates Stadtrat Gemeinderat Sitzung Sitzungen Ausschuss Fraktion Bezirksversammlung "
        "Landtag Kreisverwaltung Stadtverwaltung Gemeindeverwaltung Landratsamt Rathaus"
    )
    .lower()
    .split()
)
# Generic by stem too, where a stem is long enough not to swallow a name ("Frag Musterstadt" is no "Frage").
_GENERIC = frozenset(t for t in analyze(" ".join(_GENERIC_WORDS)) if len(t) >= 6) | _GENERIC_WORDS


# Nouns for a kind of application: "der Chatbot" names the one chatbot of an inquiry's Betreff, and
# "Übersetzungssoftware" names the software whose purpose is translation.
_CLASS = frozenset(
    analyze("Chatbot Bot Assistent Assistenz Software Tool Dienst System Programm Plattform Lösung Anwendung Werkzeug")
)
_CLASS_COMPOUND = re.compile(
    r"([a-zäöüß]{4,}?)s?-?(software|tool|dienst\w*|system\w*|programm\w*|chatbot\w*|assistent\w*|lösung\w*|"
    r"anwendung\w*|plattform\w*|werkzeug\w*)\b"
)


@dataclass(frozen=True)
class _Profile:
    id: str
    whole: frozenset[str]  # stems of the name's words
    vendor: frozenset[str]  # stems of the vendor's own name
    parts: frozenset[str]  # stems of the name's compound parts
    purpose: frozenset[str]
    classes: frozenset[str]  # kind nouns in its name (chatbot, assistent, ...)


def _words(text: str) -> tuple[set[str], set[str]]:
    """Stems of whole words, and stems of their compound parts, without generic words."""
    words = [w for w in re.findall(r"[\wäöüß]+", text.lower()) if w not in _GENERIC_WORDS]
    whole = {t for w in words for t in analyze(w)[:1]}
    every = set(analyze(" ".join(words)))
    return {t for t in whole if t not in _GENERIC and not t.isdigit()}, {
        t for t in every - whole if t not in _GENERIC and not t.isdigit() and len(t) > 3
    }


def _terms(text: str) -> set[str]:
    whole, parts = _words(text)
    return whole | parts


class SubjectFinder:
    """Which inventory applications a piece of text names: by name, vendor or id; for an inquiry's
    Betreff also by purpose and (with an embedder) by meaning."""

    MIN_SCORE = 2.2  # one distinctive word of a name, or a few of its compound parts
    DENSE_MIN = 0.62
    DENSE_MARGIN = 0.06

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None) -> None:
        self._rows = [r for r in kb.inventory if r.get("id")]
        self._profiles = [self._profile(r) for r in self._rows]
        spread = Counter(t for p in self._profiles for t in p.whole | p.parts | p.purpose | p.vendor)
        self._idf = {t: math.log(1 + len(self._profiles) / n) for t, n in spread.items()}
        kinds = Counter(t for p in self._profiles for t in p.classes)
        # A kind noun names an application when there are few of that kind ("der Chatbot": the one or two chatbots).
        self._class_idf = {t: 2.0 if n <= 2 else 0.0 for t, n in kinds.items()}
        # A word the whole knowledge base uses often ("NRW", "Land") names no application in particular.
        from assistant.kb.chunk import chunks

        every = [set(analyze(f"{c.title} {c.text}")) for c in chunks(kb) if c.kind != "inventory"]
        common = Counter(t for words in every for t in words)
        for term in self._idf:
            if every and common[term] > 0.15 * len(every):
                self._idf[term] *= 0.3
        # A vendor's name identifies an application only if the documents do not use it all over
        # ("Polyvox" does; "Hochschule", "NRW" do not).
        vendors = Counter(t for p in self._profiles for t in p.vendor)
        self._vendor_idf = {
            t: 1.5 * math.log(1 + len(self._profiles) / n) * (0.3 if common[t] >= 3 else 1.0)
            for t, n in vendors.items()
        }
        # The municipality's own name says nothing about an application; a department's name only
        # says where it is used ("Posteingang im Jobcenter" is not what "Dolmetscher im Jobcenter" is).
        for term in _terms(kb.municipality.name):
            self._idf[term] = 0.0
        for term in _terms(" ".join(d.name for d in kb.municipality.departments)):
            if term in self._idf:
                self._idf[term] *= 0.3
        self._embedder = embedder
        self._vectors: list[list[float]] | None = None

    @staticmethod
    def _profile(row: Record) -> _Profile:
        whole, parts = _words(row.get("name"))
        vendor, _ = _words(_vendor_name(row.get("vendor")).split(" ", 1)[0].split(".", 1)[0])  # the company's name
        purpose = _terms(row.get("purpose")) - whole - parts - vendor
        classes = {t for t in analyze(row.get("name")) if t in _CLASS}
        return _Profile(
            row.get("id"),
            frozenset(whole | {row.get("id").lower()}),
            frozenset(vendor - whole),
            frozenset(parts),
            frozenset(purpose),
            frozenset(classes),
        )

    def _lexical(self, text: str, purpose: bool = False) -> dict[str, float]:
        whole, parts = _words(text)
        every = whole | parts
        low = text.lower()
        classes = {t for t in analyze(low) if t in _CLASS} if purpose else self._referred_kinds(low)
        kind_of = {t for m in _CLASS_COMPOUND.finditer(low) for t in analyze(m.group(1))} - _GENERIC
        scores: dict[str, float] = {}
        for profile in self._profiles:
            score = sum(2 * self._idf[t] for t in whole & profile.whole)
            score += sum(self._vendor_idf.get(t, 0.0) for t in whole & profile.vendor)
            if score or purpose:  # compound parts only add to a whole-word match ("Risikoklasse" is no "Risikomodell")
                score += sum(0.75 * self._idf[t] for t in (every & (profile.whole | profile.parts)) - profile.whole)
            score += sum(2 * self._class_idf[t] for t in classes & profile.classes)
            score += sum(self._idf[t] for t in kind_of & profile.purpose)
            if purpose:
                score += sum(0.5 * self._idf[t] for t in every & profile.purpose)
            if re.search(rf"(?<![\w-]){re.escape(profile.id.lower())}(?![\w-])", low):
                score += 10
            if score:
                scores[profile.id] = score
        return scores

    @staticmethod
    def _referred_kinds(low: str) -> set[str]:
        """Kind nouns used in the singular with a definite article ("der Chatbot", "des Chatbots")."""
        words = re.findall(r"[\wäöüß-]+", low)
        found = [
            w for i, w in enumerate(words) if {"der", "den", "dem", "des", "die", "das"} & set(words[max(0, i - 2) : i])
        ]
        return {t for word in found for t in analyze(word)[:1] if t in _CLASS}

    def _dense(self, text: str) -> dict[str, float]:
        if self._embedder is None or not self._rows:
            return {}
        if self._vectors is None:
            self._vectors = self._embedder.embed_documents(
                [f"{r.get('name')}: {r.get('purpose')} ({r.get('vendor')})" for r in self._rows]
            )
        query = self._embedder.embed_query(text)
        return {
            r.get("id"): sum(a * b for a, b in zip(query, vector, strict=True))
            for r, vector in zip(self._rows, self._vectors, strict=True)
        }

    def named_in(self, text: str) -> set[str]:
        """Ids of every application ``text`` names clearly (lexically), for scoping evidence."""
        return {i for i, score in self._lexical(text).items() if score >= self.MIN_SCORE}

    def find(self, text: str, *, broad: bool = False) -> tuple[str, ...]:
        """Ids of the applications ``text`` names: the clear winners, in inventory order.

        ``broad`` (for a Betreff or preamble) also weighs the purpose and, failing that, meaning.
        """
        if not text.strip() or not self._profiles:
            return ()
        scores = self._lexical(text, purpose=broad)
        strong = [i for i, s in scores.items() if s >= self.MIN_SCORE]
        if strong:
            best = max(scores[i] for i in strong)
            return tuple(p.id for p in self._profiles if p.id in strong and scores[p.id] >= 0.6 * best)
        if broad:
            ranked = sorted(self._dense(text).items(), key=lambda item: item[1], reverse=True)
            if (
                ranked
                and ranked[0][1] >= self.DENSE_MIN
                and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= self.DENSE_MARGIN)
            ):
                return (ranked[0][0],)
        return ()


def _vendor_name(vendor: str) -> str:
    """The vendor's own name, without explanations in brackets ("X GmbH (Produkt „Y“)" keeps both names)."""
    names = re.findall(r"„([^“]+)“", vendor)
    return " ".join([re.sub(r"\(.*?\)", " ", vendor), *names])


# Nouns that do not make a question's own topic: the administration, people, the inventory's columns.
_PLAIN_NOUNS = frozenset(
    analyze(
        "Verwaltung Kreisverwaltung Stadtverwaltung Gemeindeverwaltung Bezirksamt Landesregierung Ministerium "
        "Landrat Landrätin Bürgermeister Bürgermeisterin Oberbürgermeister Senat Rat Kreistag Ausschuss Stadt Kreis "
        "Landkreis Gemeinde Kommune Beschäftigte Mitarbeitende Mitarbeiter Mitarbeiterinnen Nutzer Nutzerinnen "
        "Personen Bürgerinnen Bürger Produkt Anbieter Hersteller Firma Unternehmen Betrieb Einsatz Nutzung Kosten "
        "Jahr Jahre Ergebnis Ergebnisse Erfahrungen Auswertung Evaluation Daten Rechtsgrundlage Grundlage "
        "Datenschutz-Folgenabschätzung Folgenabschätzung DSFA Risikoklasse Einstufung KI-Verordnung Kontrolle "
        "Aufsicht Zweck Aufgabe Aufgaben Grund Gründe Ende Start Einführung Zeitpunkt Zeitraum Status Stand Höhe "
        "Anzahl Zahl Euro Mittel Haushalt Lizenzen Schulungen System Anwendung Tool Software Lösung Dienst "
        "Verfahren Projekt Pilot Pilotprojekt Pilotbetrieb Regelbetrieb Testphase Dank Fall Falle Frage Antwort "
        "Hochrisiko Hochrisiko-Systeme Hochrisikosystem Risikoklasse Risikoklassen Risikostufe Risikokategorie "
        "Verordnung Personenbezug"
    )
)
_NOUN = re.compile(r"(?<=\s)[A-ZÄÖÜ][\wäöüß-]{2,}")


def topic_terms(text: str) -> tuple[str, ...]:
    """The question's own subject words: its nouns that are neither generic nor column words."""
    nouns = " ".join(_NOUN.findall(" " + re.sub(r"^\W*\w+", "", text.strip())))
    return tuple(sorted({t for t in analyze(nouns) if t not in _PLAIN_NOUNS and t not in _GENERIC and len(t) > 3}))


# --- filters ----------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(20[0-9]\d)\b")
_YEAR_PAIR = re.compile(r"\b(20[0-9]\d)\s*/\s*(20[0-9]\d|\d{2})\b")


def statuses(text: str) -> tuple[str, ...]:
    low = normalise(text)
    wanted: list[str] = []
    matched = {group for group, pattern in lx.STATUS_WORDS.items() if pattern.search(low)}
    if matched - {"now"}:
        matched.discard("now")  # "bereits eingestellt", "derzeit geplant": the adverb adds no status
    for group in matched:
        wanted += [s for s in _STATUS_GROUPS[group] if s not in wanted]
    return tuple(s for s in ALL_STATUSES if s in wanted)


def years(text: str, today: date) -> tuple[str, ...]:
    low = normalise(text)
    found: set[str] = set()
    for first, second in _YEAR_PAIR.findall(low):
        found |= {first, second if len(second) == 4 else first[:2] + second}
    found |= set(_YEAR.findall(low))
    if re.search(r"\b(aktuell\w*|laufend\w*|diesem|dieses|in diesem) (haushalts)?jahr", low):
        found.add(str(today.year))
    if re.search(r"\b(nächst\w*|kommend\w*|folgend\w*) (haushalts)?jahr", low):
        found.add(str(today.year + 1))
    if re.search(r"\b(vergangen\w*|letzt\w*|vorig\w*|abgelaufen\w*) (haushalts)?jahr", low):
        found.add(str(today.year - 1))
    return tuple(sorted(found))


def _departments(text: str, kb: KnowledgeBase) -> tuple[str, ...]:
    words = _terms(text)
    found = []
    for department in kb.municipality.departments:
        own = _terms(department.name) - _PLAIN_NOUNS
        if (own and own <= words) or re.search(rf"(?<![\w-]){re.escape(department.id)}(?![\w-])", text):
            found.append(department.id)
    return tuple(found)


def _value_filters(low: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for column, value, pattern in lx.VALUE_FILTERS:
        if pattern.search(low) and column not in (c for c, _ in found):
            found.append((column, value))
    return tuple(found)


def _general(low: str) -> bool:
    """A text about applications in the plural or AI as such, not about one application."""
    return bool(
        lx.APPLICATION_PLURAL.search(low) or re.search(r"(?<![\w-])(ki|künstliche\w* intelligenz)(?![\w-])", low)
    )


_BUDGET_WORDS = re.compile(
    r"\b(haushalt\w*|mittel|budget\w*|etat|ansatz|ansätze|eingeplant|veranschlagt|bereitgestellt|"
    r"förder\w*)\b"
)


_PERMISSION = re.compile(r"\b(dürfen|darf|erlaubt|gestattet|zulässig|untersagt|verboten)\b")


def _over_inventory(intent: Intent, low: str, own_topic: tuple[str, ...]) -> bool:
    """Whether a question lists, counts or sums the inventory's applications as a whole."""
    plural = bool(lx.APPLICATION_PLURAL.search(low))
    if _PERMISSION.search(low) and intent != Intent.LISTING:
        return False  # "Dürfen Beschäftigte KI-Dienste nutzen?" asks for a rule, not for the inventory
    if intent == Intent.LISTING:
        return plural or bool(_KI.search(low) or lx.INVENTORY_WORDS.search(low))
    if intent == Intent.COUNT:
        return plural and not re.search(r"\bwie viele (stellen|schulung\w*|beschwerden|anfragen|fälle|vorgänge)\b", low)
    if intent == Intent.AMOUNT:
        return plural and not _BUDGET_WORDS.search(low)
    if intent == Intent.YES_NO:  # "Setzt die Gemeinde KI ein?" – but not "Gibt es eine Dienstvereinbarung zu KI?"
        if plural and lx.USE_VERB.search(low) and not own_topic and any(p.search(low) for p in lx.COLUMNS.values()):
            return True  # "Wurde für die eingesetzten Anwendungen eine DSFA durchgeführt?"
        return (plural or bool(_KI.search(low))) and bool(lx.USE_VERB.search(low)) and not own_topic
    if intent in (Intent.ATTRIBUTE, Intent.DESCRIPTION):  # "Wie ordnet sie ihre Systeme in die Risikoklassen ein?"
        return (
            plural
            and not own_topic
            and any(p.search(low) for n, p in lx.COLUMNS.items() if n not in ("status", "department"))
        )
    return False


# --- the reading of a whole inquiry -----------------------------------------------------------


@dataclass
class _Context:
    inquiry_subject: Subject
    earlier: dict[str, Reading]
    previous: Reading | None = None


class Understanding:
    """Reads every question of an inquiry against one knowledge base."""

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None, today: date | None = None) -> None:
        self._kb = kb
        self._finder = SubjectFinder(kb, embedder)
        self._today = today or date.today()

    @property
    def finder(self) -> SubjectFinder:
        return self._finder

    def names(self, reading: Reading) -> list[str]:
        """The inventory names of the applications a reading is about (for retrieval and verification)."""
        if reading.subject.everything:
            return []
        wanted = set(reading.subject.applications)
        return [r.get("name") for r in self._kb.inventory if r.get("id") in wanted]

    def inquiry_subject(self, inquiry: Inquiry) -> Subject:
        """The one application an inquiry as a whole is about (a Kleine Anfrage on the translation
        service), if there is one: named in the Betreff (by name, kind or purpose, or by meaning), or
        named outright in the preamble. A Betreff about applications in the plural or about AI as
        such makes the inquiry a general one."""
        betreff = inquiry.subject or ""
        if betreff:
            named = self._finder.find(betreff)
            if not named and _general(normalise(betreff)):
                return Subject()
            found = named or self._finder.find(betreff, broad=True)
            if found:
                return Subject(found, origin="inquiry") if len(found) == 1 else Subject()
        preamble = inquiry.preamble[-600:]
        broad = not lx.APPLICATION_PLURAL.search(normalise(preamble))
        found = self._finder.find(preamble, broad=broad)
        return Subject(found, origin="inquiry") if len(found) == 1 else Subject()

    def read(self, inquiry: Inquiry) -> dict[str, Reading]:
        context = _Context(self.inquiry_subject(inquiry), {})
        for question in inquiry.questions:
            reading = self.read_question(question, inquiry, context)
            context.earlier[question.id] = reading
            if question.asks:
                context.previous = reading
        return context.earlier

    def _subject(self, question: Question, text: str, intent: Intent, context: _Context) -> Subject:
        """The applications a question is about, resolved in its context.

        Named in the question -> those; a listing, count or sum over applications in the plural ->
        all of them; otherwise the nearest one it refers to: its parent question, the question
        before it (when it points back with a pronoun or has no subject of its own), or the one
        the whole inquiry is about (a Kleine Anfrage on one application).
        """
        named = self._finder.find(text)
        low = normalise(text)
        if named:
            return Subject(named, origin="question")
        own_topic = topic_terms(question.text)
        if _over_inventory(intent, low, own_topic):
            return Subject(everything=True, origin="question")
        refers_back = bool(lx.ANAPHOR.search(lx.EXPLETIVE.sub(" ", low)))  # "Gibt es ...": no pronoun
        if _general(low) and not refers_back and not question.parent:
            return Subject()  # "Welche Kosten sind durch den Einsatz von KI entstanden?": AI as such
        for candidate in self._inherited(question, context, local=refers_back or not own_topic):
            if candidate.applications or candidate.everything:
                return candidate
        return Subject()

    def _inherited(self, question: Question, context: _Context, *, local: bool) -> list[Subject]:
        """Where a subject can come from, nearest first; the previous question only when ``local``.
        A sub-question's parent decides alone ("a) im Jahr 2025" is about what its parent asks)."""
        if question.parent and question.parent in context.earlier:
            found = context.earlier[question.parent].subject
            return [Subject(found.applications, found.everything, "parent")]
        chain: list[Subject] = []
        if question.follows and question.follows in context.earlier:
            found = context.earlier[question.follows].subject
            chain.append(Subject(found.applications, found.everything, "previous"))
        if local and context.previous is not None and context.previous.subject.applications:
            chain.append(Subject(context.previous.subject.applications, False, "previous"))
        chain.append(context.inquiry_subject)
        return chain

    def read_question(self, question: Question, inquiry: Inquiry, context: _Context | None = None) -> Reading:
        context = context or _Context(self.inquiry_subject(inquiry), {})
        parent = inquiry.question(question.parent).text if question.parent else ""
        text = question.text
        intent, also = intents(text)
        if parent and (intent == Intent.YES_NO or len(text) < 40):
            intent, also = intents(f"{parent} {text}")  # "a) im Jahr 2025?" completes its parent
        found_columns = columns(text) or (columns(parent) if parent and len(text) < 60 else ())
        subject = self._subject(question, text, intent, context)
        intent, also = _with_columns(intent, also, found_columns, subject, normalise(text))
        low = normalise(f"{parent} {text}")
        return Reading(
            question_id=question.id,
            intent=intent,
            also=also,
            columns=found_columns,
            subject=subject,
            statuses=statuses(text) or (statuses(parent) if parent else ()),
            filters=_value_filters(normalise(text)),
            departments=_departments(text, self._kb),
            years=years(text, self._today) or (years(parent, self._today) if parent else ()),
            categories=tuple(c for c, p in lx.CATEGORY_WORDS.items() if p.search(normalise(text))),
            budget_kind=next((k for k, p in lx.KIND_WORDS.items() if p.search(normalise(text))), ""),
            funding=bool(lx.FUNDING.search(low)),
            query=self._query(question, inquiry, subject, parent),
            topic=topic_terms(text),
        )

    def _query(self, question: Question, inquiry: Inquiry, subject: Subject, parent: str) -> str:
        parts = [parent]
        if question.follows and not parent:
            parts.append(inquiry.question(question.follows).text)
        if subject.applications and not subject.everything and subject.origin != "question":
            names = {r.get("id"): r.get("name") for r in self._kb.inventory}
            parts += [names.get(i, "") for i in subject.applications]
        parts.append(question.text)
        return " ".join(p for p in parts if p).strip()


_ATTRIBUTE_COLUMNS = (
    "name",
    "vendor",
    "legal_basis",
    "ai_act_risk",
    "human_oversight",
    "evaluation",
    "discontinued_reason",
    "purpose",
    "personal_data",
    "dpia",
    "status",
    "department",
)


def _with_columns(
    intent: Intent, also: tuple[Intent, ...], found: Sequence[str], subject: Subject, low: str
) -> tuple[Intent, tuple[Intent, ...]]:
    """Questions about named applications whose wording is generic become attribute questions."""
    specific = bool(subject.applications) and not subject.everything
    if not specific or not found:
        return intent, also
    attribute = next((c for c in found if c in _ATTRIBUTE_COLUMNS), None)
    if attribute and Intent.DESCRIPTION in also and attribute != "department":  # "..., und auf welcher Grundlage?"
        asked = [Intent.ATTRIBUTE if i == Intent.DESCRIPTION else i for i in (intent, *also)]
        primary = min(asked, key=PRECEDENCE.index)
        return primary, tuple(i for i in dict.fromkeys(asked) if i != primary)
    if intent == Intent.LISTING and not lx.APPLICATION_PLURAL.search(low) and attribute:
        return Intent.ATTRIBUTE, also
    if Intent.UNIT in (intent, *also) and attribute == "vendor":  # "wer ist der Anbieter" names a company
        rest = tuple(i for i in also if i not in (Intent.UNIT, Intent.ATTRIBUTE))
        return Intent.ATTRIBUTE, rest
    if intent == Intent.DESCRIPTION and attribute and attribute not in ("department",):
        return Intent.ATTRIBUTE, also
    return intent, also
