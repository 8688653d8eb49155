"""Which inventory applications a piece of text names: by name, vendor or id; for an inquiry's
Betreff also by purpose and (with an embedder) by meaning. Also the question's own topic words and
the departments it names."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.backends.embeddings import Embedder
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record

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
        "GmbH AG SE Ltd KG eG Operations Dienstleister Open Source Modell Sprachmodell Prüfung Analyse neu neue neuen "
        "neuer neues "
        "Kreistag Kreistags Rat Rates Stadtrat Gemeinderat Sitzung Sitzungen Ausschuss Fraktion Bezirksversammlung "
        "Landtag Kreisverwaltung Stadtverwaltung Gemeindeverwaltung Landratsamt Rathaus "
        # a state in a name ("… (geplant)") names no application: every question about plans says "geplant"
        "geplant geplante geplanter Planung Planungsphase Konzeption vorgesehen Vorbereitung eingestellt beendet "
        "abgeschlossen ehemalig ehemaliger ehemaliges Regelbetrieb Testphase Pilotphase "
        # … and so does a finding in one ("Scan-Fahrzeug … – geprüft, nicht eingeführt")
        "geprüft erprobt getestet eingeführt verworfen abgelehnt "
        # … and what is done with any of them: "Ergebnisse der Auswertung" names no "KI-Auswertung von Kamerabildern"
        "Auswertung Auswertungen Bewertung Evaluation Evaluierung Ergebnis Ergebnisse "
        # the administration's own adjectives: "auf der städtischen Internetseite" names no application
        "städtisch städtische städtischen städtischer städtisches gemeindlich gemeindliche gemeindlichen "
        "kommunalen kommunaler kreiseigene kreiseigenen eigene eigenen"
    )
    .lower()
    .split()
)
# Generic by stem too, where a stem is long enough not to swallow a name ("Frag Musterstadt" is no "Frage").
_GENERIC = frozenset(t for t in analyze(" ".join(_GENERIC_WORDS)) if len(t) >= 6) | _GENERIC_WORDS


# Nouns for a kind of application: "der Chatbot" names the one chatbot of an inquiry's Betreff. Not a
# word every application is an instance of ("das System", "die Anwendung", "die Software"): "des Systems"
# in a demand points back to what the motion is about, not to the one application with "-system" in its name.
_CLASS = frozenset(analyze("Chatbot Bot Assistent Assistenz"))
# ... and "Übersetzungssoftware" names the software whose purpose is translation.
_CLASS_COMPOUND = re.compile(
    r"([a-zäöüß]{4,}?)s?-?(software|tool|dienst\w*|system\w*|programm\w*|chatbot\w*|assistent\w*|lösung\w*|"
    r"anwendung\w*|plattform\w*|werkzeug\w*)\b"
)


# The task a product's short name gives after its own name: "KI-Dienstplanung" in "Schichtwerk KI-Dienstplanung".
_TASK = re.compile(r"KI-[A-ZÄÖÜ][a-zäöüß]{5,}")


@dataclass(frozen=True)
class _Profile:
    id: str
    whole: frozenset[str]  # stems of the name's words
    vendor: frozenset[str]  # stems of the vendor's own name
    parts: frozenset[str]  # stems of the name's compound parts
    purpose: frozenset[str]
    classes: frozenset[str]  # kind nouns in its name (chatbot, assistent, ...)
    called: re.Pattern[str] | None  # its short name of several words, one of them its own ("Rathaus-KI Posteingang")
    # the "KI-…" task after its product name ("KI-Dienstplanung" of "Schichtwerk KI-Dienstplanung")
    task: re.Pattern[str] | None = None


# A name's closing parenthesis that says where the application stands ("DokuSort – … (Pilot, beendet)",
# "HygieneScan – … (Test, nicht eingeführt)") is no part of its name: a demand that something "wird …
# eingeführt" names no application "nicht eingeführt".
_STATUS_NOTE = re.compile(
    r"\s*\([^()]*\b(?:pilot\w*|beendet|geplant|eingestellt|eingeführt|erprob\w*|test\w*|abgelehnt|verworfen|"
    r"planung|begonnen|ausgesetzt|regelbetrieb|stillgelegt|abgeschaltet|umgesetzt|weiterverfolgt|realisiert)\b[^()]*\)\s*$",
    re.IGNORECASE,
)


_REMARK = re.compile(r"\s*\([^()]*\)\s*$")  # "… (gemeinsames Angebot mit der Stadtgemeinde Bremen)"


def own_name(name: str) -> str:
    """An application's name without a closing note on its status."""
    return _STATUS_NOTE.sub("", name)


_NAME_END = re.compile(r"\s+[–-]\s+|:\s")


def short_name(name: str) -> str:
    """An application's short name: the part of its full name before a dash or colon ("HafenPuls" of
    "HafenPuls – Liegeplatzprognose …", "KassenAssist Vollstreckung" of "KassenAssist Vollstreckung – …")."""
    return _NAME_END.split(name, maxsplit=1)[0].strip()


# Capitals that name a kind of thing, not one application
_COMMON_ACRONYMS = frozenset({"EDV", "APP", "API", "GPT", "LLM", "OCR", "DSB", "DMS", "ERP", "CRM", "SAP", "KRZ"})


def distinctive(name: str) -> bool:
    """Whether a short name calls one application: four letters or more, or an acronym of three capitals
    ("ELA" of "ELA – KI-Assistenz für die Beschäftigten"), not a kind of system ("DMS")."""
    name = name.strip('„“"')
    return len(name) >= 4 or (re.fullmatch(r"[A-ZÄÖÜ]{3}", name) is not None and name not in _COMMON_ACRONYMS)


def says(name: str, text: str) -> bool:
    """Whether ``text`` says ``name`` as whole words, in any case ("KassenAssist" in "KassenAssist
    Vollstreckung", not in "KassenAssistenz")."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE) is not None


_TOP_LEVEL_DOMAIN = re.compile(r"(?<=[\wäöüß-])\.(?:de|eu|com|org|net|info|berlin|hamburg|saarland|nrw|bayern)\b")


def _words(text: str) -> tuple[set[str], set[str]]:
    """Stems of whole words, and stems of their compound parts, without generic words."""
    text = _TOP_LEVEL_DOMAIN.sub("", text.lower())  # "theelingen.de": the site's name, not a word "de"
    words = [w for w in re.findall(r"[\wäöüß]+", text) if w not in _GENERIC_WORDS]
    whole = {t for w in words for t in analyze(w)[:1]}
    every = set(analyze(" ".join(words)))
    return {t for t in whole if t not in _GENERIC and not t.isdigit()}, {
        t for t in every - whole if t not in _GENERIC and not t.isdigit() and len(t) > 3
    }


def _terms(text: str) -> set[str]:
    whole, parts = _words(text)
    return whole | parts


_POSTAL = re.compile(r"\b\d{5}\s+([A-ZÄÖÜ][\wäöüß.-]+(?:\s+(?:an\s+der|am|im|\(?[A-ZÄÖÜ])[\wäöüß.()-]*)*)")


def _town(address: Sequence[str]) -> str:
    """The town of a postal address ("22391 Hamburg"), not its street ("Am Hagenmarkt 4")."""
    return " ".join(m.group(1) for line in address for m in [_POSTAL.search(line)] if m)


class SubjectFinder:
    """Which inventory applications a piece of text names: by name, vendor or id; for an inquiry's
    Betreff also by purpose and (with an embedder) by meaning."""

    MIN_SCORE = 2.2  # one distinctive word of a name, or a few of its compound parts
    DENSE_MIN = 0.62
    DENSE_MARGIN = 0.06

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None) -> None:
        self._rows = [r for r in kb.inventory if r.get("id")]
        self._profiles = [self._profile(r) for r in self._rows]
        # a "KI-…" task names an application only where no other application's name has it
        tasks = Counter(p.task.pattern for p in self._profiles if p.task)
        self._own_task = {p.id for p in self._profiles if p.task and tasks[p.task.pattern] == 1}
        spread = Counter(t for p in self._profiles for t in p.whole | p.parts | p.purpose | p.vendor)
        self._idf = {t: math.log(1 + len(self._profiles) / n) for t, n in spread.items()}
        kinds = Counter(t for p in self._profiles for t in p.classes)
        # A kind noun names an application when there are few of that kind ("der Chatbot": the one or two chatbots).
        self._class_idf = {t: 2.0 if n <= 2 else 0.0 for t, n in kinds.items()}
        # A word the whole knowledge base uses often ("NRW", "Land") names no application in particular.
        from assistant.kb.chunk import chunks

        # A coined product name ("WoGeKompass", "KreisGPT") stays distinctive however often the documents
        # discuss it: the reports about an application are where it is named most.
        every = [set(analyze(f"{c.title} {c.text}")) for c in chunks(kb) if c.kind != "inventory"]
        common = Counter(t for words in every for t in words)
        coined = {t for r in self._rows for t in _coined(own_name(r.get("name"))) | _called(own_name(r.get("name")))}
        for term in self._idf:
            if every and common[term] > 0.15 * len(every) and term not in coined:
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
        for term in _terms(f"{kb.municipality.name} {_town(kb.municipality.address)}"):
            self._idf[term] = 0.0  # nor the town of its postal address ("… der Hamburger Verwaltung")
        # (a department's description that names an application – "Redaktion des Chatbots BoddenBot" – does
        # not make the application's own name a word of where it is used)
        for term in _terms(" ".join(d.name for d in kb.municipality.departments)) - coined:
            if term in self._idf:
                self._idf[term] *= 0.3
        self._embedder = embedder
        self._vectors: list[list[float]] | None = None
        names = {d.id: d.name for d in kb.municipality.departments}
        self._unit_terms = _terms(" ".join(names.values()))  # "in der Serviceeinheit IT" names no application
        self._settings = {  # where and for what each application is used, in its record's own words
            r.get("id"): _terms(" ".join([*(r.get(k) for k in _SETTING_FIELDS), names.get(r.get("department"), "")]))
            for r in self._rows
        }

    @staticmethod
    def _profile(row: Record) -> _Profile:
        # a closing remark in brackets describes, it is no name: "Servicebot 115 – … (gemeinsames Angebot mit
        # der Stadtgemeinde Bremen)" is not what "welches Angebot gibt es für Beschäftigte …?" names
        named = own_name(row.get("name"))
        remark = _REMARK.search(named)
        whole, parts = _words(named[: remark.start()] if remark else named)
        vendor, _ = _words(_vendor_name(row.get("vendor")).split(" ", 1)[0].split(".", 1)[0])  # the company's name
        said = f"{row.get('purpose')} {remark.group(0) if remark else ''}"
        purpose = _terms(said) - whole - parts - vendor
        classes = {t for t in analyze(own_name(row.get("name"))) if t in _CLASS}
        short = short_name(named)
        words = re.findall(r"[\wäöüß]+", short.lower())
        own = len(words) >= 2 and any(w not in _GENERIC_WORDS and not w.isdigit() and len(w) >= 4 for w in words)
        task = _TASK.fullmatch(short.split(" ", 1)[1]) if " " in short else None
        return _Profile(
            row.get("id"),
            frozenset(whole | {row.get("id").lower()}),
            frozenset(vendor - whole),
            frozenset(parts),
            frozenset(purpose),
            frozenset(classes),
            re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])", re.IGNORECASE) if own else None,
            re.compile(rf"(?<![\w-]){re.escape(task.group(0))}(?![\w-])", re.IGNORECASE) if task else None,
        )

    def _lexical(self, text: str, purpose: bool = False) -> dict[str, float]:
        whole, parts = _words(text)
        every = whole | parts
        low = text.lower()
        classes = {t for t in analyze(low) if t in _CLASS} if purpose else self._referred_kinds(low)
        kind_of = {t for m in _CLASS_COMPOUND.finditer(low) for t in analyze(m.group(1))} - _GENERIC
        compounds = _compounds(text)
        scores: dict[str, float] = {}
        for profile in self._profiles:
            # fsum over sets: the same score in every iteration order, so two siblings' tie is a tie everywhere
            score = math.fsum(2 * self._idf[t] for t in whole & profile.whole)
            score += math.fsum(self._vendor_idf.get(t, 0.0) for t in whole & profile.vendor)
            if score or purpose:  # compound parts only add to a whole-word match ("Risikoklasse" is no "Risikomodell")
                partial = (every & (profile.whole | profile.parts)) - profile.whole
                score += math.fsum(0.75 * self._idf[t] for t in partial)
            score += math.fsum(2 * self._class_idf[t] for t in classes & profile.classes)
            score += math.fsum(self._idf[t] for t in _recomposed(compounds, profile.whole))
            score += math.fsum(self._idf[t] for t in kind_of & profile.purpose)
            if purpose:
                score += math.fsum(0.5 * self._idf[t] for t in every & profile.purpose)
            if re.search(rf"(?<![\w-]){re.escape(profile.id.lower())}(?![\w-])", low):
                score += 10
            if profile.called is not None and profile.called.search(text):
                # its short name said in full names it, though each of its words is common in the documents
                # or shared with a sibling ("Rathaus-KI Posteingang" beside "Rathaus-KI Auskunft")
                score += self.MIN_SCORE
            if profile.id in self._own_task and profile.task is not None and profile.task.search(text):
                score += self.MIN_SCORE  # "die KI-Dienstplanung in den Kitas" is "Schichtwerk KI-Dienstplanung"
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

    def sharing(self, text: str, ids: Iterable[str]) -> list[str]:
        """Of ``ids``, those whose name or purpose ``text`` shares a word with, however common the word."""
        wanted = set(ids)
        return [i for i, score in self._lexical(text, purpose=True).items() if i in wanted and score > 0]

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
            found = [p.id for p in self._profiles if p.id in strong and scores[p.id] >= 0.6 * best]
            return tuple(self._by_own_name(found, text))
        if broad:
            ranked = sorted(self._dense(text).items(), key=lambda item: item[1], reverse=True)
            if (
                ranked
                and ranked[0][1] >= self.DENSE_MIN
                and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= self.DENSE_MARGIN)
            ):
                return (ranked[0][0],)
        return ()

    def _by_own_name(self, ids: list[str], text: str) -> list[str]:
        """Of applications that share a name word, the one ``text`` calls by its own name: "KassenAssist" is
        "KassenAssist – Zuordnung von Zahlungseingängen", not "KassenAssist Vollstreckung – …", whose own
        name the text does not say, and "DokuCheck Wohngeld" is not "DokuCheck UVG"; nor one found by its
        purpose's words ("Nachforderungen von Unterlagen") whose name the text says no word of."""
        rows = {r.get("id"): r for r in self._rows}
        own = {i: short_name(rows[i].get("name")).lower() for i in ids if i in rows}
        called = [i for i in own if distinctive(short_name(rows[i].get("name"))) and says(own[i], text)]
        said = set(analyze(text))

        def more(i: str, c: str) -> bool:  # a longer name with a word the text does not say ("Vollstreckung")
            extra = own.get(i, "").replace(own[c], " ")
            return says(own[c], own.get(i, "")) and any(t not in said for t in analyze(extra) if len(t) >= 4)

        def unsaid(i: str) -> bool:  # beside one it calls by name, one whose name the text says no word of
            return not any(len(word) >= 4 and says(word, text) for word in re.findall(r"[\wäöüß]+", own.get(i, "")))

        def sibling(i: str, c: str) -> bool:  # shares a word of its name, has one the text does not say ("UVG")
            mine, theirs = set(re.findall(r"[\wäöüß]+", own.get(i, ""))), set(re.findall(r"[\wäöüß]+", own[c]))
            return bool(mine & theirs) and any(not says(word, text) for word in mine - theirs)

        if called:  # "Welche Prüfschritte übernimmt PlanPilot, und wer entscheidet über Nachforderungen …?"
            ids = [i for i in ids if i in called or not unsaid(i)]
        # "DokuCheck Wohngeld" is not also "DokuCheck UVG"; "KassenAssist" not "KassenAssist Vollstreckung"
        return [i for i in ids if i in called or not any(more(i, c) or sibling(i, c) for c in called)]

    def of_siblings(self, ids: Sequence[str], text: str) -> tuple[str, ...]:
        """Of siblings the text calls only by the word their names share ("HanseScribe" of "HanseScribe
        Sitzung" and "HanseScribe Telefon"), the one whose other name and purpose words the text shares most
        ("… wird HanseScribe zur Erstellung der Protokolle eingesetzt?"); all of them where none leads."""
        rows = {r.get("id"): r for r in self._rows}
        firsts = {short_name(rows[i].get("name")).split(" ", 1)[0].lower() for i in ids if i in rows}
        if len(ids) < 2 or len(firsts) != 1 or not says(next(iter(firsts)), text):
            return tuple(ids)
        said, shared = set(analyze(text)), set(analyze(next(iter(firsts))))
        profiles = {p.id: p for p in self._profiles}
        overlap = {  # its own name word counts most, however generic ("Sitzung")
            i: len(said & (profiles[i].whole | profiles[i].parts | profiles[i].purpose) - shared)
            + 2 * len(said & set(analyze(short_name(rows[i].get("name")))) - shared)
            for i in ids
        }
        best = max(overlap.values())
        top = [i for i in ids if overlap[i] == best]
        return tuple(top) if len(top) == 1 and best > 0 else tuple(ids)

    def calls(self, ids: Sequence[str], text: str) -> bool:
        """Whether ``text`` calls one of the applications by its id, its own name, or a kind noun of its name
        ("der Chatbot"), rather than only sharing words with its purpose ("Antrag auf Förderung" and
        "Anträge auf Aufenthaltstitel")."""
        rows = {r.get("id"): r for r in self._rows}
        said = set(analyze(text)) & _CLASS
        for i in ids:
            name = own_name(rows[i].get("name")) if i in rows else ""
            short = short_name(name)
            if says(i, text) or (distinctive(short) and says(short, text)) or said & set(analyze(name)):
                return True
        return False

    def closest(self, ident: str, text: str) -> bool:
        """Whether the application is the closest in meaning to ``text`` (True without an embedder)."""
        ranked = sorted(self._dense(text).items(), key=lambda item: item[1], reverse=True)
        return not ranked or ranked[0][0] == ident

    def on_record(self, ident: str, text: str) -> bool:
        """Whether ``text`` names something the application's record holds besides generic words: "die
        Erstbefahrung", "die Kamerasysteme" of a road survey's record, not "eine KI-Grundschulung" of a
        text assistant's."""
        row = next((r for r in self._rows if r.get("id") == ident), None)
        if row is None:
            return False
        said = " ".join(row.get(k) for k in (*_SETTING_FIELDS, "notes", "evaluation"))
        shared = set(topic_terms(text)) & _terms(said) - self._unit_terms
        return any(self._idf.get(t, 1.0) > 0.0 for t in shared)  # not the municipality's name ("Berlin")

    def in_setting(self, text: str) -> tuple[str, ...]:
        """The one application whose record names the place or occasion a question asks about AI at: "KI-
        Software für die Poststelle" (whose oversight says "Poststelle"), "KI bei der Kommunalwahl, etwa bei
        den Briefwahlanträgen", "KI bei unseren Freiwilligen Feuerwehren" (the Ortsfeuerwehren's module).
        Each noun of such a phrase that is neither generic nor about AI must be said by that one record only
        (as a word or compound part), no noun may point to another, and the application must also be the
        closest in meaning ("im Vergleich zu den übrigen Landkreisen" places nothing)."""
        found: set[str] = set()
        for phrase in _SETTING.findall(text):
            for noun in _NOUN.findall(" " + phrase):
                if _AI_WORD.search(noun):
                    continue
                stems = {t for t in analyze(noun)[:1] if len(t) > 3 and t not in _GENERIC | _PLAIN_NOUNS}
                stems = {t for t in stems if self._idf.get(t, 1.0) > 0.0}  # not the municipality's own name
                hits = {i for i, terms in self._settings.items() if stems & terms}
                if len(hits) == 1:
                    found |= hits
                elif len(hits) > 1:
                    return ()
        if len(found) != 1 or self._embedder is None:  # the words alone place too much ("für die Eingabe")
            return ()
        return tuple(found) if self.closest(next(iter(found)), text) else ()

    def agreed(self, text: str) -> tuple[str, ...]:
        """The one application both signals point to, each below its own bar: one with a word of its name
        ("kamerabasierte Passantenzählung" for "Passantenfrequenzzählung Innenstadt") that is also clearly
        the closest in meaning – also beside another that shares a word ("Glättewarnsystem … Winterdienst":
        the frost forecast, not the route planning "im Winterdienst"). For a motion's demand, which names
        what it wants stopped or extended in its own words."""
        if not text.strip() or not self._profiles:
            return ()
        named = [i for i, score in self._lexical(text).items() if score >= self.MIN_SCORE / 2]
        ranked = sorted(self._dense(text).items(), key=lambda item: item[1], reverse=True)
        clear = bool(ranked) and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= self.DENSE_MARGIN)
        return (ranked[0][0],) if clear and ranked[0][0] in named else ()


# Where a question places AI: "für die Poststelle", "bei der Kommunalwahl", "bei unseren Freiwilligen Feuerwehren".
# "für" only after what is used there ("KI-Software für die Poststelle", not "Regeln … für die Eingabe").
_SETTING = re.compile(
    r"(?:\b(?:bei|beim|in|im)|(?:KI|[Ss]oftware|[Aa]nwendung(?:en)?|[Ss]ystem(?:e|en)?)\s+für)\s+"
    r"((?:[\wäöüß-]+\s+){0,2}[\wäöüß-]+)"
)
_AI_WORD = re.compile(r"^KI\b|^KI-|KI$|künstlich|intelligenz|anwendung|software|system", re.IGNORECASE)
_SETTING_FIELDS = ("name", "vendor", "purpose", "human_oversight", "discontinued_reason")


def _compounds(text: str) -> dict[str, tuple[str, ...]]:
    """Each compound word of ``text`` (its stem) with the stems of its parts, generic words left out."""
    found = {}
    for word in re.findall(r"[\wäöüß]+", text.lower()):
        stems = analyze(word)
        if len(stems) > 2 and word not in _GENERIC_WORDS:
            found[stems[0]] = tuple(t for t in stems[1:] if t not in _GENERIC and len(t) > 3)
    return found


def _recomposed(compounds: dict[str, tuple[str, ...]], whole: frozenset[str]) -> set[str]:
    """The words of a name a compound puts together: "Belüftungssteuerung" of "Steuerung der Belüftung der
    Kläranlage" – at least two of the name's own words that make up most of the compound."""
    found: set[str] = set()
    for head, parts in compounds.items():
        held = {p for p in parts if p in whole}
        if head not in whole and len(held) >= 2 and sum(map(len, held)) >= 0.7 * len(head):
            found |= held
    return found


def _coined(name: str) -> set[str]:
    """Stems of a name's coined words: a capital inside the word ("WoGeKompass", "TerminLotse", "KreisGPT"),
    unlike an ordinary word ("Wohngeld") or an abbreviation ("NRW", "KIV")."""
    words = [w for w in re.findall(r"[\wäöüßÄÖÜ]+", name) if re.search(r"[a-zäöüß][A-ZÄÖÜ]", w)]
    return {t for w in words for t in analyze(w)[:1]}


def _called(name: str) -> set[str]:
    """The stem of a one-word short name ("ILKA" of "ILKA – Ilmenrodaer KI-Assistent", "Roda" of "Roda – KI-Chatbot
    …"): what the application is called, however often the documents discuss it; a kind noun is no name."""
    head = short_name(name)
    if not re.fullmatch(r"[A-ZÄÖÜ][\wäöüßÄÖÜ]{2,}", head):
        return set()
    return {t for t in analyze(head)[:1] if t not in _CLASS}


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


def _leading(name: str, numbered: bool = False) -> str:
    """The leading noun of a department's name when it can name the department alone ("Jobcenter …",
    not "Fachbereich …", "Amt für …" or an adjective like "Behördliche …"); after a unit word, a long
    noun ("Fachdienst Ausländerbehörde und Einbürgerung", "Fachbereich Kommunales Jobcenter Ohmwald")."""
    words = name.split("(", 1)[0].split()
    after_unit = False
    while words and (
        _is_unit(words[0])
        or (after_unit and (_ADJECTIVE.search(words[0]) or (numbered and _NUMBERING.fullmatch(words[0]))))
    ):  # ``numbered``: "Sachgebiet 21 – Ausländerwesen …", the unit's number and dash too
        after_unit, words = True, words[1:]
    first = words[0].rstrip(",;:") if words else ""  # "Abteilung Soziales, Schule …": the word, not its comma
    head = analyze(first)
    if not first[:1].isupper() or first.lower().endswith(("liche", "licher", "lichen", "-")) or not head:
        return ""
    if after_unit and len(first) < 9:  # "Fachdienst Personal …", "Fachdienst Finanzen": words of any demand
        return ""
    return head[0] if len(head[0]) >= 6 and head[0] not in _PLAIN_NOUNS | _UNITS else ""


def _is_unit(word: str) -> bool:
    stem = analyze(word)[:1]
    return bool(stem) and stem[0] in _UNITS


_ADJECTIVE = re.compile(r"(?:al|ig|lich|isch|ch)e[srnm]?$", re.IGNORECASE)  # "Kommunales", "Städtische"
_NUMBERING = re.compile(r"\d+(?:\.\d+)*\.?|[–-]")
# A department's alias in closing brackets: "Sachgebiet 21 – Ausländerwesen … (Ausländerbehörde)".
_ALIAS = re.compile(r"\(([A-ZÄÖÜ][\wäöüß-]{5,})\)\s*$")


_UNITS = frozenset(
    analyze(
        "Fachbereich Geschäftsbereich Referat Abteilung Dezernat Sachgebiet Fachdienst Bereich Eigenbetrieb Stabsstelle"
    )
)


def departments(text: str, kb: KnowledgeBase, title: bool = False) -> tuple[str, ...]:
    """The departments ``text`` names: by all words of the name, by its leading noun when that is
    distinctive ("im Jobcenter" names "Jobcenter Landkreis Oberwaldau (zugelassener kommunaler Träger)"),
    or by id. ``title`` (a motion's title, which names its departments by what they are called): also
    the noun after a unit's number ("Sachgebiet 42 – Kreisstraßen …") and an alias in closing brackets
    ("… (Ausländerbehörde)")."""
    words = set(analyze(_BODY.sub(" ", text)))  # "des Personalrats" does not name "Personal und Fortbildung"
    terms = _terms(text)
    heads = {d.id: _leading(d.name, numbered=title) for d in kb.municipality.departments}
    units = kb.municipality.departments if title else []
    aliases = {d.id: analyze(m.group(1))[:1] if (m := _ALIAS.search(d.name)) else [] for d in units}
    shared = Counter([*heads.values(), *(a[0] for a in aliases.values() if a)])
    found = []
    for department in kb.municipality.departments:
        own = _terms(department.name) - _PLAIN_NOUNS
        names = [n for n in (heads[department.id], *aliases.get(department.id, [])) if n]
        leading = any(shared[n] == 1 and n in words for n in names)
        if (own and own <= terms) or leading or _by_id(department.id, text):
            found.append(department.id)
    return tuple(dict.fromkeys([*found, *_by_remit(text, kb)]))


# A body whose name compounds a department's leading noun: the staff council is not the personnel office.
_BODY = re.compile(
    r"(?<![\wäöüß-])(?:personal|betriebs|orts|stadt|gemeinde|kreis|jugend|integrations|senioren|eltern|behinderten)?"
    r"(?:bei)?r(?:at|ats|ates|äte|äten)(?![\wäöüß-])|(?<![\wäöüß-])personalvertretung\w*",
    re.IGNORECASE,
)

# The whole administration as one of the places a question lists ("in der Samtgemeindeverwaltung, im Bauhof,
# in den Kindertagesstätten und im Eigenbetrieb Abwasser"): all of it is asked, not the units named beside it.
_WHOLE_AMONG = re.compile(
    r"\b(?:in|bei)\s+der\s+(?:gesamten\s+)?\w*verwaltung\s*(?:,|und\b|sowie\b)"
    # "setzt die Kreisverwaltung einschließlich des Jobcenters … ein": the unit widens the whole, not narrows it
    r"|\b\w*verwaltung\s+(?:einschließlich|inklusive|inkl\.|samt|mitsamt)\s",
    re.IGNORECASE,
)


def asked_units(text: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The departments a question narrows its answer to: none where it lists the whole administration
    among its places."""
    return () if _WHOLE_AMONG.search(text) else departments(text, kb)


def _by_id(ident: str, text: str) -> bool:
    """Whether the text names a department by its id ("FB 3", "33"), not as part of a figure ("50.000")."""
    return bool(re.search(rf"(?<![\w.,-]){re.escape(ident)}(?![\w-]|[.,]\d)", text))


# An office called "Amt für …" ("im Amt für Soziales", "des Amtes für Umwelt").
_AMT_FUER = re.compile(r"\bAmt(?:es|s)?\s+für\s+([A-ZÄÖÜ][\wäöüß]+)")
# An office called by its remit word: "Bauamt", "Sozialamt", "Schulamtes".
_OFFICE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}?)(?:s)?amt(?:e?s)?\b")


# A unit called by what it is: "Wohngeldstelle", "Bauaufsicht", "Ausländerbehörde", "Bürgerbüro", "Stadtkasse";
# a service only where something is done in it ("im Bürgertelefon", not "Weiterleitung an das Bürgertelefon").
# Not a kind of unit every administration has: "Stabsstelle", "Geschäftsstelle", "Dienststelle", "Fachstelle".
_UNIT_WORD = re.compile(
    r"(?<![\w-])(?!(?:Stabs|Geschäfts|Dienst|Fach|Verwaltungs|Haupt|Außen|Leit)stelle)"
    r"([A-ZÄÖÜ][a-zäöüß]{2,}(?:stelle|aufsicht|behörde|büro|kasse))(?![\wäöüß-])"
    r"|\b(?:[Ii]m|[Bb]eim)\s+([A-ZÄÖÜ][a-zäöüß]{2,}(?:telefon|center))(?![\wäöüß-])"
    # institutions a department runs: "in den LEL-Kliniken", "an den Förderschulen", "in den Museen"
    r"|\b(?:[Ii]n|[Aa]n)\s+den\s+([\w-]*(?:Kliniken|Museen|Förderschulen|Kindertagesstätten|Kitas))(?![\wäöüß-])"
)


_WHOLE = frozenset(analyze("Landrat Bürgermeister Oberbürgermeister Kreis Stadt Gemeinde Verbandsgemeinde"))


def _by_remit(text: str, kb: KnowledgeBase) -> list[str]:
    """The department an office word names by its remit when exactly one department's name has that
    word: "im Bauamt" is the "Bauaufsichtsamt", "das Sozialamt" the "Amt für Soziales und Wohnen", "die
    Bauaufsicht" the "Amt 63 – Bauaufsichtsamt", "die Wohngeldstelle" the "Amt … (mit der Wohngeldstelle)"; and
    "im Amt für Soziales" the one department called "Amt für Soziales …" (not the "Abteilung Soziales, …")."""
    found = []
    for match in _AMT_FUER.finditer(text):
        remit = analyze(match.group(1))[:1]
        hits = [
            d.id
            for d in kb.municipality.departments
            if remit and (m := _AMT_FUER.match(d.name)) and analyze(m.group(1))[:1] == remit
        ]
        if len(hits) == 1:
            found.append(hits[0])
    for match in _UNIT_WORD.finditer(text):  # "in der Wohngeldstelle", "die Bauaufsicht": a word of one name
        word = match.group(1) or match.group(2) or match.group(3)
        hits = [d.id for d in kb.municipality.departments if re.search(rf"(?<![\w-]){re.escape(word)}", d.name)]
        if len(hits) == 1:
            found.append(hits[0])
    for match in _OFFICE.finditer(text):
        remit = analyze(match.group(1))[:1]
        if remit and remit[0] in _WHOLE:
            continue  # "Landratsamt", "Bürgermeisteramt": the whole administration, no department
        hits = [d.id for d in kb.municipality.departments if remit and remit[0] in analyze(d.name)]
        if len(hits) == 1:
            found.append(hits[0])
    return found
