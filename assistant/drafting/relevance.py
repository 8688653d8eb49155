"""Does the evidence speak to what the question asks? A lexical check beside the dense gate.

Dense similarity says a passage is *near* a question; it does not say the
passage holds the question's own subject. "Wie viele Beschwerden über den
Chatbot gingen ein?" is near every passage about the chatbot. So the
question's content words (compound parts included, German stems) are
weighted by how rare they are in the knowledge base – a word the knowledge
base never uses weighs most – and the share of that weight found in the
evidence is what a stand-in quote is chosen by (``drafting.min_coverage``). Words every
inquiry uses (interrogatives, the administration, "KI") carry no weight.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from assistant.domain import Chunk, Passage
from assistant.drafting import lexicon as lx
from assistant.drafting.wording import MONTHS
from assistant.kb.keyword import analyze

_COMMON = frozenset(
    analyze(
        "welche welcher welches wie viele viel hoch wann seit wer wo warum weshalb ob inwieweit inwiefern bitte "
        "verwaltung stadtverwaltung kreisverwaltung gemeindeverwaltung bezirksamt landesregierung ministerium "
        "stadt kreis landkreis gemeinde kommune rat kreistag ausschuss fraktion ki künstliche intelligenz "
        "künstlicher anwendung anwendungen einsatz eingesetzt einsetzen nutzung genutzt nutzen derzeit aktuell "
        "bisher bereits geplant gibt sind wird werden wurde wurden hat haben sowie jeweils konkret konkrete "
        "insbesondere beispielsweise bzw ggf welchem welchen stellen sicher sichergestellt erfolgt darstellen "
        "nennen erläutern beschreiben angeben frage fragen antwort dabei hierzu hierbei dafür dazu dies diese "
        "dieser dieses er sie es ihn ihm ihr deren dessen system systeme eu weitere weiteren weiterer weiteres "
        # nouns that frame a question rather than name its subject
        "Bedingung Bedingungen Voraussetzung Voraussetzungen Regelung Regelungen Maßnahme Maßnahmen Form Art Weise "
        "Umfang Stand Ergebnis Ergebnisse Erfahrung Erfahrungen Grund Gründe Ziel Ziele Rahmen Möglichkeit "
        "Möglichkeiten Aspekt Aspekte Kriterium Kriterien Vorgabe Vorgaben Schritt Schritte Thema Themen Punkt "
        "Bereich Bereiche Frage Stelle Stellen Zeitpunkt Höhe Anzahl Zahl Jahr Jahre Beschäftigte Mitarbeitende"
    )
)


_WITHOUT = re.compile(r"\bohne\s+(?:[a-zäöüß]+\s+)?([A-ZÄÖÜ][\w-]+)")  # "ohne PC-Arbeitsplatz"
_NEGATION = re.compile(r"\bohne\b|\bkein(?:e[nrms]?)?\b", re.IGNORECASE)
_NOUN = re.compile(r"(?<=[\s(„\"/-])[A-ZÄÖÜ][\wÄÖÜäöüß-]*[\wÄÖÜäöüß]")
_SENTENCE_END = re.compile(r"[.!?:;]\s+$")  # searched in the text before a word: the word opens a sentence
_UNITS = frozenset(analyze("EUR Euro Prozent"))
# A post's extent before the post: "Vollzeitstelle", "Teilzeitstellen", "Planstelle" are posts ("Stelle").
_EXTENT = re.compile(r"^(?:Vollzeit|Teilzeit|Plan)(?=stelle)", re.IGNORECASE)
_LINKS = ("", "s", "es", "e", "n", "en", "er")  # linking elements of German compounds
MAX_UNNAMED = 2000  # characters of a demand read for what it names
RARE = 10  # a term in at most one passage in this many is rare
_TOPICAL = re.compile(r"(?<=[\s(„\"/-])[A-ZÄÖÜ][\w-]*|[A-ZÄÖÜ]{2,}[\w-]*|\b[a-zäöüß][\w-]*(?=\s+[A-ZÄÖÜ])")


def _occurs(term: str, found: Collection[str], by_part: bool = True) -> bool:
    """The term, or a word sharing its stem beyond what the stemmer strips ("Protokollierung" ~ "Protokoll"), also
    as a participle ("gekennzeichnet" ~ "Kennzeichnung");
    ``by_part``: also a word the term starts with ("Wohngeld" of "Wohngeldansprüche"), which a whole word is not."""
    if term in found:
        return True
    if len(term) < 6:
        return False
    stem = term[: max(6, len(term) - 3)]
    participle = "ge" + stem  # "gekennzeichnet" of "Kennzeichnung"
    return any(
        word.startswith((stem, participle)) or (by_part and len(word) >= 6 and term.startswith(word)) for word in found
    )


def _holds(term: str, found: Collection[str], by_part: bool = True) -> bool:
    return any(_occurs(r, found, by_part) for r in related(term))


_WORDS = re.compile(r"[a-zäöüß]+")
# "zu kündigen", "umzustellen", "bereitzustellen": a demand's infinitives, with their separable particle.
_INFINITIVE = re.compile(r"\bzu\s+([a-zäöüß]{5,})en\b|\b([a-zäöüß]{2,6}?)zu([a-zäöüß]{3,})en\b")


def _acts(text: str) -> list[tuple[str, str]]:
    """The (particle, stem) of each verb a demand wants done: ("", "kündig"), ("um", "stell")."""
    acts = []
    for found in _INFINITIVE.finditer(text[:2000]):
        act = ("", found.group(1)) if found.group(1) else (found.group(2), found.group(3))
        if act[0] or len(act[1]) >= 5:  # a bare short stem ("nehm", "leg") is in too many words
            acts.append(act)
    return list(dict.fromkeys(acts))


# Verbs that count the same act or change of a quantity: what is "eingespart" has "abgenommen", the losses have
# "sank"/"gesunken"; what has "zugenommen" is "gestiegen". Word beginnings, matched on lower-case words.
_CHANGES = (
    ("spar", "gespar", "einspar", "eingespar", "senk", "gesenk", "sink", "sank", "gesunk", "verringer", "reduzier",
     "verminder", "rückgang", "zurückgegang", "zurückgeh", "abgenomm", "abnahm", "abnehm"),
    ("steig", "stieg", "gestieg", "anstieg", "erhöh", "zugenomm", "zunahm", "zunehm", "wachs", "wuchs", "gewachs"),
    # taking part in a course: who has "teilgenommen" has it "besucht", "absolviert", "abgeschlossen"
    ("teilnomm", "teilgenomm", "teilnehm", "teilnahm", "besuch", "absolvier", "abgeschloss", "abschließ",
     "abschloss", "durchlauf", "durchlief"),
)  # fmt: skip


def _done(act: tuple[str, str], words: Collection[str]) -> bool:
    """Whether the evidence has the verb in any form: "Kündigung", "gekündigt", "umgestellt", "Umstellung",
    or split as in a main clause ("stellt … um"); a verb of a change (``_CHANGES``) also as another verb of
    the same change ("eingespart" as "gesunken")."""
    particle, stem = act
    forms = (particle + stem, particle + "ge" + stem, particle + "zu" + stem)
    if any(word.startswith(forms) for word in words):
        return True
    family = next((f for f in _CHANGES if particle + stem in f or stem in f), ())
    if family and any(word.startswith(family) for word in words):
        return True
    return bool(particle) and particle in words and any(word.startswith(stem) for word in words)


class Coverage:
    """Inverse document frequencies of the knowledge base's terms, for weighting question words."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self._documents = max(len(chunks), 1)
        self._spread: Counter[str] = Counter()
        for chunk in chunks:
            self._spread.update(set(analyze(f"{chunk.title}\n{chunk.text}")))

    def weight(self, term: str) -> float:
        return math.log(1 + self._documents / (1 + self._spread.get(term, 0)))

    def terms(self, question: str) -> set[str]:
        """What the question is about: its nouns and names, and the adjectives in front of them
        ("verwaltungsgerichtlichen Verfahren"); not its predicate ("erlaubt", "geplant"), which the
        evidence may well deny."""
        topical = " ".join(m.group(0) for m in _TOPICAL.finditer(question))
        return {t for t in analyze(topical) if t not in _COMMON and not t.isdigit() and len(t) > 2}

    def share(
        self,
        question: str,
        evidence: Iterable[str],
        ignore: Iterable[str] = (),
        acts: bool = False,
        keep: Collection[str] = (),
    ) -> float:
        """The weighted share of the question's content words that occur in the evidence; ``acts``: also the
        verbs of what a demand wants done ("den Vertrag … zu kündigen", "auf … umzustellen"), which a
        Sachstand must find in whatever form ("Kündigung", "gekündigt", "umgestellt"); ``keep``: terms sought
        even where ``ignore`` has them."""
        terms = (self.terms(question) | set(keep)) - (set(analyze(" ".join(ignore))) - set(keep))
        wanted = _acts(question) if acts else []
        if not terms and not wanted:
            return 1.0
        texts = list(evidence)
        found: set[str] = set()
        for text in texts:
            found |= set(analyze(text))
        words = set(_WORDS.findall(" ".join(texts).lower()))
        total = math.fsum(self.weight(t) for t in terms) + math.fsum(self._act_weight(a) for a in wanted)
        covered = self._found_weight(terms, found) + math.fsum(self._act_weight(a) for a in wanted if _done(a, words))
        return covered / total

    def share_by_word(
        self, question: str, evidence: str, ignore: Iterable[str] = (), keep: Collection[str] = ()
    ) -> float:
        """The weighted share of the question's words that the evidence holds, a compound counted once (at its
        rarest term) and held only as a whole: "Sprachmodells" is one word, not three terms of which "Modell"
        alone makes a draft on the model's vendor answer "werden die Eingaben zum Training … verwendet"; and
        "ohne PC-Arbeitsplatz" is held only by a text that says "ohne" (or "kein"), not "mit PC-Arbeitsplatz"."""
        found = set(analyze(evidence))
        return self.held_by_word(question, found, bool(_NEGATION.search(evidence)), ignore, keep)

    def held_by_word(
        self,
        question: str,
        found: Collection[str],
        negates: bool = False,
        ignore: Iterable[str] = (),
        keep: Collection[str] = (),
    ) -> float:
        """``share_by_word`` of analysed terms ``found``; ``negates``: the text says "ohne" or "kein"."""
        excluded = (_COMMON | set(analyze(" ".join(ignore)))) - set(keep)
        total = covered = 0.0
        for word in dict.fromkeys(m.group(0) for m in _TOPICAL.finditer(question)):
            terms = [t for t in analyze(word) if t not in excluded and not t.isdigit() and len(t) > 2]
            if not terms:
                continue
            wholes = [h for segment in word.split("-") if (h := next(iter(analyze(segment)), "")) in terms]
            weight = max(self.weight(t) for t in terms)
            total += weight
            covered += weight if all(_holds(t, found, by_part=False) for t in wholes or terms[:1]) else 0.0
        for negated in _WITHOUT.finditer(question):
            weight = max((self.weight(t) for t in analyze(negated.group(1))), default=0.0)
            total += weight
            covered += weight if negates else 0.0
        return covered / total if total else 1.0

    def covered(
        self, terms: Collection[str], events: Sequence[tuple[str, str]], found: Collection[str], words: Collection[str]
    ) -> float:
        """The weighted share of ``terms`` a sentence (its analysed ``found`` terms and its ``words``) holds;
        0 unless it also holds every event ("eingelegt" as "Einlegung", "eingelegte", "legt … ein")."""
        if not all(_done(event, words) for event in events):
            return 0.0
        if not terms:
            return 1.0
        return self._found_weight(terms, found) / math.fsum(self.weight(t) for t in terms)

    @staticmethod
    def held(terms: Collection[str], text: str) -> list[str]:
        """The terms a text holds, themselves or a word of their family."""
        found = set(analyze(text))
        return [t for t in terms if _holds(t, found)]

    def _found_weight(self, terms: Collection[str], found: Collection[str]) -> float:
        """The weight of the terms that occur in ``found``, themselves or a word of their family."""
        return math.fsum(self.weight(t) for t in terms if _holds(t, found))

    def _act_weight(self, act: tuple[str, str]) -> float:
        particle, stem = act
        return max((self.weight(t) for t in analyze(particle + stem + "en")), default=0.0)

    def known(self, term: str) -> bool:
        """Whether the knowledge base uses the term or a word of its family anywhere."""
        return (
            any(
                t in self._spread or any(w.startswith(t[: max(6, len(t) - 3)]) for w in self._spread)
                for t in related(term)
                if len(t) >= 4
            )
            or term in self._spread
            or any(short in self._spread for short in _SHORT.get(term, ()))  # "Kilometer" written "km"
        )

    def unknown_focus(self, question: str, by_parts: bool = False) -> list[str]:
        """The words of the question's focus that the knowledge base never uses ("Ethikbeirat", "Drohnen",
        "INNOTECHH"); an abstract noun ("Verbesserungen", "Konsequenzen") is no evidence either way.
        ``by_parts``: a compound only where one of its parts is unknown ("Strom|verbrauch", not "Probe|betrieb"
        or "Winterdienst|planung", which say in new words what the sources call otherwise)."""
        words = focus(question)
        if len(words) > 1 and self._knows("".join(words)):
            return []  # "Chat GPT" written apart, "ChatGPT" in the knowledge base
        return [
            word
            for word in words
            if not _ABSTRACT.search(word)
            and not _DEFECTS.search(word)
            and not set(analyze(word)[:1]) & (_MEASURES | _SCHEDULES | _CONTENTS)
            and not self._measure_of_known(word)
            and word.capitalize() not in MONTHS  # "die Änderung vom September 2026": when, not what is asked
            and self._unknown(word, by_parts)
            and not any(self._knows(example) for example in _examples(question, word))
            and not any(self._knows(short) for short in _abbreviations(question, word))
        ]

    def _measure_of_known(self, word: str) -> bool:
        """A measure of a defect or of a thing the sources know ("Fehlerquote", "Nutzungsrate"): they give it as a
        share or a count in other words ("94,6 % … korrekt", "in 14 von 400 Fällen")."""
        found = _MEASURED.match(word)
        return found is not None and (bool(_DEFECTS.search(found.group(1))) or self._knows(found.group(1)))

    def unnamed(self, text: str) -> tuple[float, list[str]]:
        """What of the things a demand names the knowledge base never mentions: the nouns (after the first
        word, weighted by rarity) none of whose terms occurs anywhere, and their share of all its nouns
        ("Widersprüche gegen Wohngeldbescheide", "Telefonannahme … Rückrufe" where no source knows them)."""
        total = 0.0
        missing = 0.0
        words: list[str] = []
        text = text[:MAX_UNNAMED]
        inside = (m for m in _NOUN.finditer(text) if not _SENTENCE_END.search(text[max(m.start() - 4, 0) : m.start()]))
        for noun in dict.fromkeys(m.group(0) for m in inside):
            named = _EXTENT.sub("", noun).capitalize() if _EXTENT.match(noun) else noun  # "Vollzeitstelle": Stelle
            terms = [t for t in analyze(named) if len(t) > 2 and not t.isdigit() and t not in _COMMON | _SKIP | _UNITS]
            if not terms:
                continue
            known = any(self.known(t) for t in terms)
            if _ABSTRACT.search(noun) and not known:
                continue  # "Umsetzung", "Erfahrungen": no thing a source would name as such, unless one does
            weight = max(self.weight(t) for t in terms)
            total += weight
            if not known:
                missing += weight
                words.append(noun)
        return (missing / total if total else 0.0), words

    def rare(self, term: str) -> bool:
        """A term few passages use (at most one in ``RARE``): specific enough to name a task."""
        return 0 < self._spread.get(term, 0) <= max(2, self._documents // RARE)

    def _unknown(self, word: str, by_parts: bool = False) -> bool:
        terms = analyze(word)
        if "-" not in word and len(terms) > 2 and terms[-1] in _ABSTRACT_HEADS and self.known(terms[1]):
            return False  # a compound with an abstract head is about its modifier: "Datenschutz|bedenken"
        if len(terms) > 2 and terms[-1] in _GENERIC_HEADS and all(self.known(t) for t in terms[1:]):
            return False  # a known thing's posts or rules: "Personal|stellen", "Nutzungs|regeln"
        if by_parts:
            if len(terms) == 1 and self._joins_known(terms[0]):
                return False  # a compound the stemmer does not split: "Winterdienst|planung"
            terms = terms[1:] or terms
        return any(not self.known(t) for t in terms if t not in _COMMON)

    def _joins_known(self, stem: str) -> bool:
        """Whether a stem is two stems the knowledge base uses, joined (with or without a linking element)."""
        for cut in range(4, len(stem) - 3):
            head, tail = stem[:cut], stem[cut:]
            joined = any(tail[len(link) :] in self._spread for link in _LINKS if tail.startswith(link))
            if head in self._spread and joined:
                return True
        return False

    def _knows(self, word: str) -> bool:
        terms = analyze(word)
        return bool(terms) and all(self.known(t) for t in terms)

    def covers(self, question: str, passages: Sequence[Passage], threshold: float, ignore: Iterable[str] = ()) -> bool:
        evidence = [f"{p.chunk.title}\n{p.chunk.text}" for p in passages]
        return self.share(question, evidence, ignore) >= threshold


# Words of the same family the knowledge base may use for what a question names.
SYNONYMS = (
    "Richtlinie Leitlinie Dienstanweisung Regelung Regeln Vorgabe Handreichung Rundverfügung Hinweis",
    "Schulung Fortbildung Qualifizierung Weiterbildung Training E-Learning Lehrgang Kurs",
    "Strategie Konzept Digitalstrategie Rahmenkonzept",
    "Dienstvereinbarung Vereinbarung",
    "Partner Kooperation Zusammenarbeit Kooperationspartner",
    "Kosten Ausgaben Mittel Haushalt Haushaltsmittel Finanzmittel Haushaltsansatz Ansatz Euro Budget Etat",
    "Chatbot Bot Assistent Dialogsystem",
    "Übersetzung Dolmetscher Dolmetschdienst Sprachmittlung",
    "Transkription Spracherkennung Protokoll Niederschrift",
    "Datenschutz-Folgenabschätzung DSFA Folgenabschätzung",
    "Beschäftigte Mitarbeitende Bedienstete Personal",
    # where something runs: "auf Servern eines Cloudanbieters" – "läuft im Rechenzentrum der ITLA"
    "Server Rechenzentrum Rechenzentren Cloud Hosting gehostet",
    # what a saving is said as: "15,2 % weniger und rund 10.400 € geringere Stromkosten"
    "Einsparung Einsparungen Ersparnis eingespart Senkung Minderung Rückgang weniger geringer niedriger",
    # how long data are kept is said as when they are deleted: "Protokolldaten … werden nach 30 Tagen gelöscht"
    "gespeichert gelöscht aufbewahrt Speicherdauer Speicherfrist Aufbewahrung Aufbewahrungsfrist Löschfrist Löschung",
)
_GROUPS = [frozenset(analyze(group)) for group in SYNONYMS]
# Units a source writes short: a question's "Kilometer" is the report's "131 km".
_SHORT = {
    analyze(long)[0]: tuple(analyze(short))
    for long, short in (("Kilometer", "km"), ("Kilometern", "km"), ("Stunden", "Std"), ("Minuten", "Min"))
}
# Nouns too general to be what a question is about; an adjective before them is ("verwaltungsgerichtliche Verfahren").
_GENERAL_NOUNS = frozenset(
    analyze(
        "Verfahren Entscheidung Entscheidungen Daten System Systeme Anwendung Anwendungen Einsatz Nutzung "
        "Prozess Prozesse Projekt Projekte Angebot Angebote Lösung Lösungen Bereich Bereiche Stelle Produkt "
        "Produkte Vorhaben Werkzeug Werkzeuge Tool Tools Dienst Dienste"
    )
)
_SKIP = frozenset(
    analyze(
        "Verwaltung Kreisverwaltung Stadtverwaltung Gemeindeverwaltung Bezirksamt Landratsamt Landesregierung "
        "Ministerium Stadt Gemeinde Kreis Landkreis Kommune Senat Rat Beschäftigten Mitarbeitenden Anzahl Höhe Art "
        "Umfang Form Weise Stand Erfahrungen Ergebnisse Möglichkeiten Maßnahmen Regelungen Kriterien Gründe Frage KI "
        "Umgang Rahmen Zusammenhang Hinblick Bezug Sinne Sinn Partner Partnern Akteure Beteiligte Produkte Vorhaben"
    )
)
_ABSTRACT = re.compile(
    r"(ung|ungen|heit|heiten|keit|keiten|nahme|nahmen|schaft|schaften|ion|ionen|enz|enzen|anz|ität|tum|nis|nisse|"
    r"ment|ismus|ierung)$",
    re.IGNORECASE,
)
# What goes wrong with a thing ("Straßenschäden", "Fehler", "Mängel"): what a report names in its own words
# ("Schlaglöcher, Risse und Flickstellen", "Fehleinstufungen"), no thing of its own the sources must know
_MEASURED = re.compile(r"(.{4,}?)s?(quote|quoten|rate|raten|anteil|anteile|zahl|zahlen|summe|wert|werte)$", re.I)
_DEFECTS = re.compile(r"(?:schäden|schaden|fehler|mängel|mangel|probleme?|störungen)$", re.IGNORECASE)
_OWN_ADMINISTRATION = re.compile(
    r"(Stadt|Gemeinde|Kreis|Bezirks|Amts)?[Vv]erwaltung|Bezirksamt|Landratsamt|Rathaus", re.IGNORECASE
)
# What a figure is of, not what it counts: "Wie hoch ist der Anteil der …" is answered by a percentage; "Welche
# Kennzahlen liegen … vor?", "Welche messbaren Effekte …?" by the figures of an evaluation.
_MEASURES = frozenset(
    analyze("Anteil Quote Rate Prozentsatz Gesamtzahl Summe Betrag Kennzahl Kennzahlen Effekt Effekte Zahlen Werte")
)
# The heads of compounds that name a known thing's posts or rules in other words ("Mittel" no: "Fördermittel").
_GENERIC_HEADS = frozenset(analyze("Stellen Regeln Vorgaben"))
# What dates answer: "welcher Zeitplan gilt jeweils?" is answered by the days the sources name, not by the word.
_SCHEDULES = frozenset(analyze("Zeitplan Zeitpläne Terminplan Zeitschiene Zeithorizont Zeitrahmen Terminierung"))
# What is said, of anything: "welche Angaben enthält es?" asks what the register holds, whatever its words.
_CONTENTS = frozenset(analyze("Angaben Informationen Inhalte Einzelheiten Details"))
_ABSTRACT_HEADS = frozenset(
    analyze(
        "Bedenken Sorgen Risiken Aspekte Gründe Fragen Probleme Anforderungen Belange Angebote Formate "
        "Abbau Aufbau Ausbau Einsparungen Kürzungen Reduzierung Erhöhung Entwicklung"  # a change of what it names
    )
)
_TIME_NOUNS = frozenset({"anfang", "ende", "mitte", "beginn", "start", "laufe"})
_WHEN = re.compile(
    r"\d{4}|des|dieses|nächsten|kommenden|januar|februar|märz|april|mai|juni|juli|august|september|oktober|"
    r"november|dezember|q[1-4]"
)
_BRACKETS = re.compile(r"\([^()]{0,300}\)")
_TOKEN = re.compile(r"[\wÄÖÜäöüß][\wÄÖÜäöüß./-]*")


def focus(question: str) -> list[str]:
    """What a question asks about at its core: the first noun it names after the interrogative and the
    acting body ("Wie viele **Beschwerden** …", "Hat die Stadt einen **Ethikbeirat** …"), with the adjective
    in front of a general noun ("**verwaltungsgerichtlichen** Verfahren") and a name after it ("… **F13**")."""
    tokens = _TOKEN.findall(_BRACKETS.sub(" ", question))  # examples in brackets are no focus
    for index, token in enumerate(tokens[1:], start=1):
        if not token[:1].isupper() or _class_noun(token.lower()):
            continue  # "KI-Anwendungen", "Anwendungsfälle" name the inventory, which is there
        terms = [t for t in analyze(token) if t not in _COMMON]
        if not terms or set(terms) & _SKIP:
            continue
        if token.lower() in _TIME_NOUNS and index + 1 < len(tokens) and _WHEN.fullmatch(tokens[index + 1].lower()):
            continue  # "seit Anfang 2025", "bis Ende des Jahres": a time, not what is asked
        if _variant(tokens, index):
            continue  # "Stellen bzw. Stellenanteile": another word for the noun before, which was no focus
        if _names_own_body(tokens, index):
            continue  # the administration's own name: "Stadtverwaltung Hagen" ("Landkreis Rebenau" is another body)
        found = [token]
        if set(terms) <= _GENERAL_NOUNS and index > 1 and tokens[index - 1][:1].islower():
            found.insert(0, tokens[index - 1])
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following[:1].isupper() and any(c.isdigit() or c.isupper() for c in following[1:]):
            found.append(following)  # "KI-Assistent F13", "Landkreis Rebenau" is not caught, "F13" is
        return found
    return []


def _variant(tokens: Sequence[str], index: int) -> bool:
    """Whether the token is an alternative wording of the noun before it ("Stellen bzw. Stellenanteile",
    "Verstöße oder Verstoßfälle"): joined by "bzw."/"oder" and sharing its stem."""
    if index < 2 or tokens[index - 1].lower().rstrip(".") not in ("bzw", "beziehungsweise", "oder"):
        return False
    return bool(set(analyze(tokens[index - 2])[:1]) & set(analyze(tokens[index])))


def _class_noun(token: str) -> bool:
    """Whether a token names AI applications as a class ("ki-anwendungen", "systeme", "ki"), not one kind of
    thing ("ki-verkehrssensoren", "ki-beirat")."""
    return bool(lx.APPLICATION_NOUN.fullmatch(token.removeprefix("ki-") or token))


def _names_own_body(tokens: Sequence[str], index: int) -> bool:
    """Whether the token names the administration that answers: after "Stadtverwaltung", in the genitive
    after it ("in der Verwaltung der Stadt Herne") or as the acting body in the nominative ("nutzt die
    Stadt Herne", "der Kreis Wesel"); not in the dative ("mit dem Landkreis Rebenau", "mit der Stadt Hamm")."""
    before = [t.lower() for t in tokens[max(index - 3, 0) : index]]
    if before and _OWN_ADMINISTRATION.fullmatch(before[-1]):
        return True
    if len(before) < 2 or before[-1] not in _BODY:
        return False
    article, body = before[-2], before[-1]
    if len(before) == 3 and article in ("der", "des") and _OWN_ADMINISTRATION.fullmatch(before[0]):
        return True  # genitive after the administration
    return (article == "die" and body in _FEMININE_BODY) or (article == "der" and body in _MASCULINE_BODY)


_FEMININE_BODY = frozenset({"stadt", "gemeinde", "samtgemeinde", "verbandsgemeinde", "region", "hansestadt"})
_MASCULINE_BODY = frozenset({"kreis", "landkreis", "bezirk", "markt"})
_BODY = _FEMININE_BODY | _MASCULINE_BODY | {"kreises", "landkreises", "bezirks", "marktes"}


def _examples(question: str, word: str) -> list[str]:
    """The examples a question gives in brackets right after a word: "Ressourcen (Stellen, Projektstellen)"."""
    found = re.search(re.escape(word) + r"\s*\(([^)]{1,200})\)", question)
    if found is None:
        return []
    return [part for part in re.split(r"[,;/]|\b(?:oder|und|z\. ?B\.|etwa|wie)\b", found.group(1)) if part.strip()]


_FILLERS = frozenset({"und", "der", "die", "das", "des", "den", "dem"})
_JOINING = _FILLERS | {"für", "zur", "zum", "von", "vom", "im", "in", "am"}


def _abbreviations(question: str, word: str) -> list[str]:
    """The abbreviations of the name a word opens ("Landesbeauftragte für Datenschutz und Informationsfreiheit":
    "LfDI", "LfDuI", "LDI"), which the sources may use instead of the name."""
    found = re.search(re.escape(word) + r"((?:\s+[\wÄÖÜäöüß-]+){1,5})", question)
    if found is None:
        return []
    words = [word]
    for following in found.group(1).split():  # a name goes on in nouns and the words that join them
        if not (following[:1].isupper() or following.lower() in _JOINING):
            break
        words.append(following)
    while words and not words[-1][:1].isupper():
        words.pop()  # the name ends with its last capitalised word: "… Informationsfreiheit unterrichtet"
    if len(words) < 3:
        return []
    initials = [w[0] if w[:1].isupper() else w[0].lower() for w in words]
    kept = [i for i, w in zip(initials, words, strict=True) if w.lower() not in _FILLERS]
    return ["".join(initials), "".join(kept), "".join(i for i in initials if i.isupper())]


def related(term: str) -> set[str]:
    """The term and the words of its family (``SYNONYMS``)."""
    return set().union({term}, *(group for group in _GROUPS if term in group))
