"""The parts of a multi-part question, and which of them a draft leaves unanswered.

"Wo werden die Zahlungsdaten verarbeitet, wie werden Datenschutz und Steuergeheimnis gewahrt, und wurde der
Personalrat beteiligt?" asks three things; a small model answers the first and stops. Each part is a clause
of its own (a question sentence, a clause after "und"/"sowie"/a comma that opens with a question word, or a
clause after ", und"); a part is left unanswered when the draft holds little of what it is about (its
nouns and the acts it asks about, weighted by rarity), not counting the words of the inquiry's subject,
which every sentence of a narrow inquiry shares.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from assistant.drafting import lexicon as lx
from assistant.drafting.relevance import Coverage
from assistant.drafting.wording import MONTHS
from assistant.kb.keyword import analyze
from assistant.text import sentences_of

# ", und wurde der Personalrat beteiligt?": a comma before "und"/"sowie" opens a clause, not a list's last item
_COMMA_AND = re.compile(r",\s+(?:und|sowie)\s+(?=\w)")
_BARE = re.compile(r"(?:seit|bis|ab)\s+wann|wann|wo|wer|von\s+wem|warum|weshalb|wozu|wofür", re.IGNORECASE)
# What a part's question word asks for, which the sentence that answers it must hold: "wie viele …" a count,
# "seit wann …" a day (the words alone are in any sentence on the subject: "Führungskräfte … geschult").
_ASKS_COUNT = re.compile(r"\bwie\s+(?:viele|hoch|lange|oft)\b|\bin\s+wie\s+vielen\b|\bwie\s+viel\b", re.IGNORECASE)
# "welche Mittel sieht der Entwurf … dafür vor?": an amount ("Haushaltsstelle 0620.6362: KI-Posteingang" names none)
_ASKS_MONEY = re.compile(
    r"\bwelche[nrs]?\s+(?:Haushalts)?(?:Mittel|Kosten|Beträge|Ausgaben|Ansätze)\b|\bwas\s+kost|\bin\s+welcher\s+Höhe\b",
    re.IGNORECASE,
)
_ASKS_DAY = re.compile(r"^(?:seit|bis|ab)\s+wann\b|^wann\b|\bzu\s+welchem\s+(?:Zeitpunkt|Datum)\b", re.IGNORECASE)
_DAY = re.compile(
    r"\b\d{1,2}\.\s?(?:\d{1,2}\.|" + "|".join(MONTHS) + r")\s?(?:20\d\d)?|\b(?:" + "|".join(MONTHS) + r")\s+20\d\d\b"
    r"|\b(?:Quartal|Halbjahr|Jahr(?:es)?)\s+20\d\d\b|\b(?:seit|ab|bis|im\s+Jahr)\s+20\d\d\b",
    re.IGNORECASE,
)
# "seit wann gilt sie?": a day it began ("in Kraft ab 01.05.2026"), not one it can end ("erstmals zum 31.12.2028")
_ASKS_SINCE = re.compile(r"(?:seit|ab)\s+wann\b", re.IGNORECASE)
_ASKS_UNTIL = re.compile(r"bis\s+wann\b", re.IGNORECASE)
_SINCE = re.compile(
    r"\b(?:seit|ab|am|vom|begonnen|gestartet|eingeführt|in\s+Kraft|Inkrafttreten|Start|Beginn)\b[^.;]*$", re.IGNORECASE
)
_UNTIL = re.compile(r"\b(?:bis|zum|Ende|endet|befristet|Ablauf)\b[^.;]*$", re.IGNORECASE)
_DATE_OR_YEAR = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:20)?\d\d\b|\b(?:19|20)\d\d\b")
_COUNT = re.compile(
    r"\b\d[\d.,]*\b|\b(?:kein(?:e|en|er)?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|beide)\b",
    re.IGNORECASE,
)
MAX_PARTS = 4  # a longer list is an enumeration, not a question in parts
COVERED = 0.5  # share of a part's words a draft must hold for the part to count as answered


def question_parts(text: str) -> list[str]:
    """The clauses of a question that ask something of their own; one part for a simple question."""
    parts: list[str] = []
    found = sentences_of(text.strip())
    # "Damals befanden sich drei Anwendungen im Produktivbetrieb. Wie viele sind es heute, …?": a statement
    # before the question asks nothing
    asking = [s for s in found if s.rstrip().endswith("?")] or found or [text.strip()]
    for sentence in asking:
        for clause in lx.CLAUSE_SPLIT.split(sentence):
            parts += [p.strip(" ,;:?") for p in _COMMA_AND.split(clause)]
    # "Seit wann und für welchen Kreis … steht BeKI zur Verfügung?": a bare question word shares the predicate
    # of the clause after it; it stays a part (of no words of its own, so never reported unanswered)
    parts = [p for p in parts if len(p.split()) >= 3 or _BARE.fullmatch(p)]
    return parts if 1 < len(parts) <= MAX_PARTS and not all(_BARE.fullmatch(p) for p in parts) else [text.strip()]


def holds_what_it_asks(part: str, sentence: str) -> bool:
    """Whether ``sentence`` holds the kind of thing a part's question word asks for: a count for "wie viele",
    a day for "seit wann", an amount for "welche Mittel"; any sentence for other parts."""
    if _ASKS_MONEY.search(part):
        return bool(lx.EURO.search(sentence))
    if _ASKS_COUNT.search(part):
        return bool(_COUNT.search(_DATE_OR_YEAR.sub(" ", sentence)))
    if _ASKS_DAY.search(part.strip()):
        marker = _SINCE if _ASKS_SINCE.match(part.strip()) else _UNTIL if _ASKS_UNTIL.match(part.strip()) else None
        return any(
            marker is None or marker.search(sentence[max(0, m.start() - 40) : m.start()])
            for m in _DAY.finditer(sentence)
        )
    return True


def unanswered(question: str, draft: str, coverage: Coverage, ignore: Iterable[str] = ()) -> list[str]:
    """The parts of a multi-part ``question`` that ``draft`` does not answer: its sentences that hold what
    the part asks for (``holds_what_it_asks``) hold less than ``COVERED`` of what it asks about
    (``asked_about``), word by word too (``Coverage.share_by_word``), without the words of ``ignore`` (the
    subject's names). Empty for a simple question."""
    parts = question_parts(question)
    if len(parts) < 2:
        return []
    ignored = list(ignore)
    subject = set(analyze(" ".join(ignored)))
    said = sentences_of(draft)
    missing = []
    for part in parts:
        # "in welchen Ausschüssen …" of "Protokollierung von Ausschusssitzungen": what it asks for is no subject word
        asked = asked_for(part)
        if (about := asked_about(part, parts, coverage, subject - asked, asked)) is None:
            continue
        holding = " ".join(s for s in said if holds_what_it_asks(part, s))
        share = coverage.share(about, [holding], ignore=ignored, acts=True, keep=asked)
        if min(share, coverage.share_by_word(about, holding, ignored, keep=asked)) < COVERED:
            missing.append(part)
    return missing


_WHICH = re.compile(r"\bwelche[nmrs]?\s+([A-ZÄÖÜ][\wäöüß-]+)")


def asked_for(part: str) -> set[str]:
    """The terms of the noun a part asks which of ("in welchen Ausschüssen": the committees)."""
    return {t for m in _WHICH.finditer(part) for t in analyze(m.group(1))}


def asked_about(
    part: str, parts: list[str], coverage: Coverage, subject: set[str], asked: Collection[str] = ()
) -> str | None:
    """What a part asks about: its own words; for a bare "seit wann"/"wie viele" the clause whose predicate
    it shares (the one after it where it comes first, else the one before: "Veröffentlicht die Stadt ein
    KI-Verzeichnis? Wenn ja, seit wann …"), with the question word; None for a part that names nothing."""
    if (coverage.terms(part) | set(asked)) - subject:  # ``asked``: the noun it asks which of
        return part
    if not (_ASKS_DAY.search(part) or _ASKS_COUNT.search(part)):
        return None
    at = parts.index(part)
    frame = parts[at + 1] if at == 0 and len(parts) > 1 else parts[at - 1]
    return f"{frame} {part}" if coverage.terms(frame) - subject else None
