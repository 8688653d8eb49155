"""Does any source state the figure a demand asks for?

"Die Verwaltung teilt mit, wie viele gebuchte Termine … nicht wahrgenommen wurden" is near every
passage about appointments; its topic words are all in the knowledge base. What it asks, a count,
is answered only by a sentence that states a figure about what is counted and the counted event
("… nicht wahrgenommen"). So the demand is split into what it asks (``asks``): each figure
("wie viele", "wie oft", "wie hoch", "Zahl der", "welche Kosten/Mehreinnahmen") is looked for among
the sentences that state a number other than a date or a paragraph, each other question ("welche zehn
Vorlagen …") among all sentences. When no sentence covers any of them (``Coverage``'s rarity-weighted
share, and every participle of the ask in any form), the administration has no such figure: the Sachstand says so
instead of quoting the nearest material.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.relevance import Coverage, related
from assistant.kb.keyword import analyze
from assistant.text import sentences_of

_FIGURE = re.compile(
    r"wie\s+viele[nrs]?\b|wie\s+viel\b|wie\s+oft\b|wie\s+hoch\b|wie\s+lange?\b|(?:An)?[Zz]ahl\s+der\b|Höhe\s+der\b|"
    r"in\s+welcher\s+Höhe\b|welche[nrs]?\s+(?:Mehr|Minder|Gesamt)?(?:[Ee]innahmen|[Aa]usgaben|[Kk]osten|[Ee]insparungen|"
    r"[Ee]rträge|[Aa]ufwendungen)\b",
    re.IGNORECASE,
)
_QUESTION_WORDS = r"wie|welche[nrsm]?|ob|inwieweit|inwiefern|wann|warum|weshalb|wer|wo|was"
_ASK = re.compile(rf"\b(?:{_QUESTION_WORDS})\b", re.IGNORECASE)
# An ask ends at a sentence's end (not a date's dots) or where "und" opens the next ask.
# An abbreviation's dot ends no ask: "… Auskunft nach Art. 15 DSGVO verlangt?"
_ABBREVIATED = "".join(
    rf"(?<!\b{a})" for a in ("art", "abs", "nr", "ziff", "bzw", "ca", "vgl", "ggf", "z", "b", "u", "a")
)
_END = re.compile(
    rf"(?<!\d)(?:[;?!]|{_ABBREVIATED}\.)(?!\d)|,?\s*\bund\s+(?=(?:wie|welche[nrsm]?|mit|ob|in|wann|wer)\b)",
    re.IGNORECASE,
)
_OTHER_ASK = re.compile(rf"\b(?:{_QUESTION_WORDS}|wozu|womit)\b", re.IGNORECASE)
_LEADING_HOW = re.compile(r"^\s*wie\b", re.IGNORECASE)
_NEXT_SENTENCE = re.compile(r"[?!.]\s+[A-ZÄÖÜ]")
# A yes/no question joined to the figure: "…, und sind weitere vorgesehen?"
_YES_NO = re.compile(
    r",?\s+und\s+(?:sind|ist|wird|werden|wurde|wurden|gibt|gab|soll|sollen|plant|planen|hat|haben|kann|können|"
    r"enthält|enthalten|besteht|bestehen|gilt|gelten|liegt|liegen|darf|dürfen|muss|müssen)\b"
)
MAX_ASK = 400  # characters one ask is read for
MAX_TEXT = 2000  # characters of a demand read for its asks
# Participles name the counted event: "ein|ge|leg|t", "auf|ge|ruf|en", "ge|meld|et"; "verlang|t".
_PARTICIPLE = re.compile(
    r"\b([a-zäöüß]{2,6}?)?ge([a-zäöüß]{3,}?)(?:t|en)\b|\b((?:ver|be|er|ent|zer)[a-zäöüß]{3,})"
    # "verlangt", and a strong one where a clause ends or its auxiliary follows: "noch nicht beschieden?"
    r"(?:t\b|en(?=\s*[?,;.]|\s*$|\s+(?:worden|wurden|werden|sind|ist|wird)\b))"
)
# A strong participle stands with its auxiliary ("sind … beschieden"); without one, "-en" at a clause's end is a
# finite verb ("wie die Beschäftigten die Qualität beurteilen").
_AUXILIARY = re.compile(r"\b(?:sind|ist|wurden|wurde|worden|waren|war)\b")
_CLAUSE_START = re.compile(r"[,;?]")
# What states no figure: dates, years, paragraph and list numbers.
_NOT_FIGURE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b(?:19|20)\d\d\b|(?:§|Abs\.|Art\.|Nr\.|Ziffer|Anlage)\s*\d+[a-z]?"
    r"|^\s*\d{1,2}(?:\.\d{1,2}){1,2}\.?\s|^\s*\(?\d{1,2}[.)]|\(\d{1,2}\)",  # "8.2 Die Nutzung …": a clause number
    re.MULTILINE,
)
_DIGIT = re.compile(r"\d")
# What a count asks of: "wie viele(n) (andere) Sitzungen", and what a number counts: "21 Sitzungen".
_COUNTED = re.compile(r"\bwie\s+viele[nrs]?\s+(?:[a-zäöüß]+\s+)?([A-ZÄÖÜ][\wäöüß-]{3,})")
_NUMBERED = re.compile(r"(?<![\d.,])\d[\d.,]*\s+([A-ZÄÖÜ][\wäöüß-]{3,})")


_USE = frozenset({"setz", "nutz", "verwend", "führ", "halt"})  # eingesetzt, genutzt, verwendet, durchgeführt
_NO_PARTICIPLE = frozenset({"insgesamt", "gesamt", "entgegen"})  # words the participle pattern mistakes
_CASES = frozenset(analyze("Fälle Fällen Fall Mal Male"))  # counts of anything: "in wie vielen Fällen"


def _stem(noun: str) -> str:
    return next(iter(analyze(noun)), "")


_WORDS = re.compile(r"[a-zäöüß]+")


@dataclass(frozen=True)
class Ask:
    text: str
    figure: bool  # a count or amount, which only a sentence stating a number answers

    @property
    def duration(self) -> bool:
        """ "wie lange …": only a span of time ("6,9 Wochen", "14 Tage") or an end ("bis zum 31.03.2027")
        answers it."""
        return bool(_HOW_LONG.search(self.text))

    @property
    def frequency(self) -> bool:
        """ "wie oft …": a rhythm answers it ("vierteljährlich", "alle zwei Jahre") as a number does."""
        return bool(_HOW_OFTEN.search(self.text))


_HOW_LONG = re.compile(r"\bwie\s+lange?\b", re.IGNORECASE)
_HOW_OFTEN = re.compile(r"\bwie\s+oft\b|\bwie\s+häufig\b|\bin\s+welche[nm]\s+(?:Abst(?:and|änden)|Rhythmus)\b", re.I)
_RHYTHM = re.compile(
    r"\b(?:täglich|wöchentlich|monatlich|vierteljährlich|quartalsweise|halbjährlich|jährlich|fortlaufend|"
    r"laufend)\b|\balle\s+(?:zwei|drei|vier|sechs|\d+)\s+(?:Wochen|Monate|Jahre)\b",
    re.IGNORECASE,
)
_SPAN = re.compile(
    r"\d\s*(?:Minuten|Stunden|(?:Werk|Arbeits|Kalender)?[Tt]agen?|Wochen|Monaten?|Jahren?)\b"
    r"|\bbis\s+(?:zum\s+|einschließlich\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b",  # "läuft bis zum 31.03.2027"
)


def asks(text: str) -> list[Ask]:
    """What a demand asks, in order: "wie viele Widersprüche … eingelegt wurden", "wie vielen davon …"."""
    text = text[:MAX_TEXT]
    found: list[Ask] = []
    position = 0
    while (start := _ASK.search(text, position)) is not None:
        rest = text[start.end() : start.end() + MAX_ASK]
        end = _END.search(rest)
        stop = start.end() + (end.start() if end else len(rest))
        asked = text[start.start() : stop]  # "wie viele …", also "Wie hat sich die Zahl der … entwickelt?"
        found.append(Ask(asked, bool(_FIGURE.search(asked))))
        position = max(stop, start.end())
    return found


def _asks_more(question: str) -> bool:
    """Whether a question asks something beside its figures: another question word ("… abgeschlossen, und
    bis wann …", "an welchen Schulungen"), a yes/no question ("…, und sind weitere vorgesehen?") or a
    second sentence ("… teilgenommen? Ist sie verpflichtend?")."""
    rest = _LEADING_HOW.sub(" ", _FIGURE.sub(" ", question.strip()))  # "Wie hat sich die Zahl der … entwickelt?"
    # "Ist das KI-Verzeichnis inzwischen öffentlich …, wie oft …?": a yes/no question first
    yes_no_first = _YES_NO_FIRST.match(question)
    return bool(_OTHER_ASK.search(rest) or _NEXT_SENTENCE.search(rest) or _YES_NO.search(rest) or yes_no_first)


_YES_NO_FIRST = re.compile(
    r"\s*(?:Ist|Sind|Wird|Werden|Gibt|Hat|Haben|Kann|Können|Liegt|Liegen|Enthält|Enthalten|Besteht|Bestehen|Gilt|"
    r"Gelten|Plant|Soll|Sollen|Trifft)\b"
)


_BEFORE_NOUN = re.compile(r"\s+[A-ZÄÖÜ]")


def events(text: str) -> list[tuple[str, str]]:
    """The (particle, stem) of each participle in an ask: ("ein", "leg"), ("", "verlang"); not one before a
    noun, which describes it ("die vorgeschriebenen KI-Schulungen")."""
    found = []
    for match in _PARTICIPLE.finditer(text):  # lower case: a verb, not "Bürgerinnen"
        if _BEFORE_NOUN.match(text, match.end()) or match.group() in _NO_PARTICIPLE:
            continue
        particle, stem, inseparable = match.groups(default="")
        if inseparable and match.group().endswith("en"):
            clause = _CLAUSE_START.split(text[: match.start()])[-1]
            if not _AUXILIARY.search(clause) and not _AUXILIARY.match(text, match.end() + 1):
                continue
        found.append(("", inseparable) if inseparable else (particle, stem.removesuffix("e")))
    if (measured := _MEASURED.search(text)) and not _MONEY_NOUN.search(measured.group(1)):
        found.append(("", measured.group(1).lower()))  # "Wie hoch ist der jährliche Stromverbrauch": that, measured
    return list(dict.fromkeys(found))


# What "wie hoch ist der …" measures when it is no money: a source must name it ("Stromverbrauch").
_MEASURED = re.compile(
    r"\b[Ww]ie hoch (?:ist|sind|war|waren|wäre|liegt|lag) (?:der|die|das|den) (?:[a-zäöüß]+ )?([A-ZÄÖÜ][a-zäöüß]{4,})"
)
_MONEY_NOUN = re.compile(
    r"kosten|ausgaben|mittel|betrag|beträge|summe|ansatz|budget|preis|entgelt|gebühr|aufwand|aufwendung|zuschuss|"
    r"förder|einnahme|ersparnis|einsparung|anteil|quote|rate|zahl",
    re.IGNORECASE,
)


def states_figure(sentence: str) -> bool:
    return bool(_DIGIT.search(_NOT_FIGURE.sub(" ", sentence)))


def asks_only_figures(question: str) -> bool:
    """Whether a question asks figures and nothing else ("Wie viele … erstellt, und wie viele … korrigiert?")."""
    found = asks(question)
    if not found or not all(ask.figure for ask in found) or _asks_more(question):
        return False
    # "Sollen … Stellen abgebaut werden, und wie viele …?": a yes/no question before the first figure
    return len(question[: question.find(found[0].text)].split()) <= 2  # "In wie vielen Fällen …"


# What answers a count without a number: "nicht erfasst", "untersagt"; "keine"/"alle" before what is counted.
_NO_NUMBER_NEEDED = re.compile(
    r"\b(?:untersagt|verboten|nicht\s+(?:erfasst|erhoben|ausgewertet|gezählt|berechnet|beziffert|ermittelt|quantifiziert))\b"
    # "Eine Berechnung von Stelleneinsparungen liegt nicht vor": that there is no figure is the answer
    r"|\b(?:Berechnung|Schätzung|Bezifferung|Prognose)\w*\b[^.;]{0,60}\b(?:liegt|liegen)\s+(?:noch\s+)?nicht\s+vor\b",
    re.IGNORECASE,
)
_NONE_OR_ALL = re.compile(r"\b(?:kein(?:e[nrms]?)?|alle[nrs]?|sämtliche[nr]?)((?:\s+[\wäöüß-]+){1,3})", re.IGNORECASE)
_MARKERS = re.compile(r"\[\d+\]")
COUNTS_OF = re.compile(  # "Wie viele Verlaufsdokumentationen …": what a count counts
    r"\b[Ww]ie\s+viele[nrs]?\s+(?:[a-zäöüß]+\s+)?([A-ZÄÖÜ][\wäöüß-]{3,})"
)


_PEOPLE = frozenset(analyze("Beschäftigte Mitarbeitende Mitarbeiter Mitarbeiterinnen Personen Bedienstete"))
_USERS = frozenset(analyze("Nutzerkonten Konten Nutzer Nutzende"))
_ACCOUNTS = re.compile(r"\b(?:Konto|Konten|Zugang|Zugänge|nutzen|nutzt|genutzt)\b", re.IGNORECASE)
# A number and what it counts, a part of a whole too: "591 Beschäftigte", "41 von 96 Führungskräften",
# "497 verschiedenen Beschäftigten".
_NUMBERED_OF = re.compile(r"(?<![\d.,])\d[\d.,]*\s+(?:von\s+\d[\d.,]*\s+)?(?:[a-zäöüß]{3,}\s+)?([A-ZÄÖÜ][\wäöüß-]{3,})")


def counted(question: str) -> frozenset[str]:
    """What a count asks the number of, as stems: "Beschäftigte", "Führungskräfte" of "Wie viele Beschäftigte
    und wie viele Führungskräfte haben daran teilgenommen?"; of people who have an account or use a system,
    its accounts and users too ("Wie viele Beschäftigte haben ein Konto?": "655 Nutzerkonten")."""
    nouns = frozenset(stem for m in COUNTS_OF.finditer(question) if (stem := _stem(m.group(1))))
    if nouns & _PEOPLE and _ACCOUNTS.search(question):
        nouns |= _USERS
    return nouns


def newest_counts(said: Sequence[tuple[str, date | None]], nouns: frozenset[str]) -> list[int]:
    """Of sentences with the day their source speaks from, the indexes of those that count one of ``nouns``
    as of the latest day any of them does ("41 von 96 Führungskräften" of October, not "18 von 96
    Führungskräften" of May)."""
    latest: dict[str, date] = {}
    for text, day in said:
        for noun in _counted_in(text, nouns):
            latest[noun] = max(latest.get(noun, date.min), day or date.min)
    return [
        i for i, (text, day) in enumerate(said) if any((day or date.min) == latest[n] for n in _counted_in(text, nouns))
    ]


def _counted_in(sentence: str, nouns: frozenset[str]) -> set[str]:
    return {stem for m in _NUMBERED_OF.finditer(_NOT_FIGURE.sub(" ", sentence)) if (stem := _stem(m.group(1))) in nouns}


def counts(sentence: str, nouns: frozenset[str]) -> bool:
    """Whether a sentence gives a number of one of ``nouns`` ("Bis zum 30.09.2026 hätten 591 Beschäftigte …")."""
    return bool(_counted_in(sentence, nouns))


def denies_figure(sentence: str, nouns: frozenset[str]) -> bool:
    """Whether a source sentence says there is no figure of what is counted ("Eine Berechnung von
    Stelleneinsparungen liegt nicht vor" for "Wie viele Stellen …"): the answer, not a gap."""
    terms = set(analyze(sentence))  # "Stelleneinsparungen" is one term: what it starts with counts
    return bool(_NO_NUMBER_NEEDED.search(sentence)) and any(t.startswith(n) for t in terms for n in nouns)


# What a count asks done: "Wie viele Stellen konnten … eingespart werden?" – the participle before "werden"/"worden"
_DONE = re.compile(r"\b([a-zäöüß]{4,}(?:t|en))\s+(?:werden|worden|wurden)\b")


def denies_done(question: str, sentence: str, nouns: frozenset[str]) -> bool:
    """Whether a source sentence says that none of what is counted was done ("Stellen wurden durch den
    KI-Einsatz bisher nicht eingespart" for "Wie viele Stellen konnten … eingespart werden?"): zero is the
    answer, not a count of something else ("1,5 Stellen stehen zur Verfügung")."""
    done = {_stem(m.group(1)) for m in _DONE.finditer(question)}
    words = re.findall(r"[\wäöüß-]+", sentence)
    said = {_stem(word) for word in words}
    return (
        bool(done & said)
        and any(t.startswith(n) for t in analyze(sentence) for n in nouns)
        and bool(re.search(r"\b(?:nicht|keine?)\b", sentence, re.IGNORECASE))
    )


def states_no_figure(question: str, sentences: Iterable[str]) -> bool:
    """Whether none of an answer's sentences gives what a count asks: a number other than a date or a
    paragraph, a word that answers without one ("nicht erfasst", "untersagt"), or "keine"/"alle" before
    what is counted ("Es wurden keine Bescheide …"; not "Das System trifft keine Bewertungen")."""
    counted = {_stem(m.group(1)) for m in COUNTS_OF.finditer(question)}

    def answers(sentence: str) -> bool:
        sentence = _MARKERS.sub(" ", sentence)  # "… im Pilotbetrieb [1]."
        if states_figure(sentence) or _NO_NUMBER_NEEDED.search(sentence):
            return True
        if denies_done(question, sentence, frozenset(counted)):  # "Stellen wurden … nicht eingespart"
            return True
        return any(_stem(word) in counted for m in _NONE_OR_ALL.finditer(sentence) for word in m.group(1).split())

    return not any(answers(s) for s in sentences)


def missing_at(shares: list[tuple[Ask, float | None]], min_share: float) -> list[str]:
    """The asks (of ``AskedFigures.shares``) no source covers to ``min_share``, when none is covered."""
    weighed = [(ask, best) for ask, best in shares if best is not None]
    if not weighed or any(best >= min_share for _, best in weighed):
        return []
    return [ask.text for ask, _ in weighed]


@dataclass(frozen=True)
class _Said:
    terms: frozenset[str]
    words: frozenset[str]
    figure: bool
    span: bool = False  # states a span of time or an end
    rhythm: bool = False  # states how often: "vierteljährlich", "alle zwei Jahre"
    counted: frozenset[str] = frozenset()  # what a number of it counts: "21 Sitzungen" -> "sitzung"


class AskedFigures:
    """The knowledge base's sentences, indexed by term, read once on the first demand that asks a figure."""

    def __init__(self, chunks: Sequence[Chunk], coverage: Coverage, min_share: float) -> None:
        self._chunks = chunks
        self._coverage = coverage
        self._min_share = min_share
        self._said: list[_Said] | None = None
        self._index: dict[str, list[int]] = defaultdict(list)

    def missing(self, demand: str) -> list[str]:
        """The figures a demand asks that no source states – all its asks, when none is covered and at least
        one is a figure; else nothing ("… berichtet, wie die Verwaltung … erfüllt, und weist die Zahl …")."""
        return missing_at(self.shares(demand), self._min_share)

    def unstated(self, question: str, min_share: float) -> list[str]:
        """The figures a question asks when it asks nothing but figures and no source sentence stating a
        number covers any of them to ``min_share`` ("Wie viele Eigentümer haben Widerspruch eingelegt?")."""
        shares = self.shares(question)
        if not all(ask.figure for ask, _ in shares) or _asks_more(question):
            return []
        return missing_at(shares, min_share)

    def stated(self, question: str, least: float) -> bool:
        """Whether a source sentence stating a number covers one of the question's figure asks to ``least``,
        by term and word by word ("268 von 312 … bestätigte dringende Schäden"; not "12 Fachkräfte …" for
        "wie viele der Entwürfe mussten von den Fachkräften korrigiert werden")."""
        said = self._sentences()
        for ask in asks(question):
            terms, acts = self._coverage.terms(ask.text), events(ask.text)
            candidates = {i for t in terms for family in related(t) for i in self._index.get(family, ())}
            for index in candidates:
                sentence = said[index]
                if not sentence.figure:
                    continue
                share = self._coverage.covered(terms, acts, sentence.terms, sentence.words)
                if min(share, self._coverage.held_by_word(ask.text, sentence.terms)) >= least:
                    return True
        return False

    def shares(self, demand: str) -> list[tuple[Ask, float | None]]:
        """Each ask of a demand that asks a figure, with the best share a source sentence covers (``_best``);
        nothing for a demand that asks no figure."""
        found = asks(demand)
        if not any(ask.figure for ask in found):
            return []
        return [(ask, self._best(ask)) for ask in found]

    def _best(self, ask: Ask) -> float | None:
        """The best share of the ask any candidate sentence covers; None where the ask names nothing of its own
        ("wie vielen davon …")."""
        terms = self._coverage.terms(ask.text)
        acts = events(ask.text)
        if not terms and not acts:
            return None
        said = self._sentences()
        if terms:  # a sentence holds at least one of the terms (or a word of its family) as it is
            candidates: Iterable[int] = {i for t in terms for family in related(t) for i in self._index.get(family, ())}
        else:
            candidates = range(len(said))
        best = 0.0
        counted = _COUNTED.search(ask.text)
        # only where the ask counts the use itself ("In wie vielen Sitzungen wurde sie eingesetzt?"), not an
        # event of its own ("wie viele Bäume … gefällt werden mussten": "1.240 Bäume" counts no felling)
        wanted = _stem(counted.group(1)) if counted and all(stem in _USE for _, stem in acts) else ""
        wanted = "" if wanted in _CASES else wanted
        for index in candidates:
            sentence = said[index]
            if (ask.figure and not (sentence.figure or (ask.frequency and sentence.rhythm))) or (
                ask.duration and not sentence.span
            ):
                continue
            if wanted and wanted in sentence.counted:
                return 1.0  # "In wie vielen Sitzungen …?": "Phase 1 21 Sitzungen, Phase 2 37 Sitzungen" counts them
            share = self._coverage.covered(terms, acts, sentence.terms, sentence.words)
            best = max(best, share)
        return best

    def _sentences(self) -> list[_Said]:
        if self._said is None:
            self._said = []
            for chunk in self._chunks:
                # a record's line speaks of the record's subject: "Evaluation: 195.400 Dokumente …" of DokuSort;
                # a document's line of its section: "| E-Learning … | 1.530 Beschäftigte |" under "5 Qualifizierung"
                subject = chunk.text.split("\n", 1)[0] if chunk.kind in ("inventory", "budget") else ""
                subject = subject or str(chunk.metadata.get("section", ""))
                for text in sentences_of(chunk.text):
                    about = f"{subject} {text}" if subject and not text.startswith(subject) else text
                    terms = frozenset(analyze(about))
                    for term in terms:
                        self._index[term].append(len(self._said))
                    words = frozenset(_WORDS.findall(about.lower()))
                    counted = frozenset(_stem(noun) for noun in _NUMBERED.findall(_NOT_FIGURE.sub(" ", text)))
                    span, rhythm = bool(_SPAN.search(text)), bool(_RHYTHM.search(text))
                    self._said.append(_Said(terms, words, states_figure(text), span, rhythm, counted))
        return self._said
