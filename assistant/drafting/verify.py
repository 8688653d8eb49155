"""Check a model draft against its sources, in code.

For every sentence the model wrote:

1. its source number must name a retrieved passage;
2. its own content words (those not merely repeated from the question)
   must be supported by one sentence of that passage, the quote (share of
   content-word stems found there, ``drafting.min_support``), with the same polarity
   (a negation in one but not the other fails); if another retrieved
   passage supports it, the citation is moved there;
3. every number, amount and date in it must occur in the cited passage, and a count or amount
   must stand with the words it counts there (``drafting.binding``);
4. the exact quote is the passage sentence that best matches it, so a
   citation's ``quote`` is always verbatim source text.

Sentences failing 1-3 are removed and reported in ``warnings``. Sources no
longer in force are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assistant.domain import Passage
from assistant.drafting.binding import relabelled
from assistant.drafting.compose import DraftSentence
from assistant.settings import DEFAULTS
from assistant.text import VOICE, best_quote, negated, numbers, sentences_of, stems, support

MIN_SUPPORT_RESTATED = 0.75  # for sentences made mostly of the question's words
RESTATED_SHARE = 0.4  # below this share of own (non-question) words a sentence counts as restated
MIN_WORDS = 5


@dataclass(frozen=True)
class Checked:
    text: str
    passage: Passage
    quote: str


@dataclass(frozen=True)
class Verification:
    kept: tuple[Checked, ...]
    warnings: tuple[str, ...]
    removed: int


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def subject_of(passage: Passage) -> str:
    """A record's first line ("KI-Anwendung KI-001: Textassistenz MusterGPT."): what all its fields are about."""
    if passage.chunk.kind in ("inventory", "budget"):
        return passage.chunk.text.split("\n", 1)[0]
    return ""


def assess(sentence: str, passage: Passage, question: str = "") -> tuple[float, str]:
    """Support of ``sentence`` by its best quote in ``passage`` (the record's subject counts as context)."""
    subject = subject_of(passage)
    quote = best_quote(sentence, passage.chunk.text, question=f"{question} {subject}")
    return support(sentence, f"{quote} {subject}", question), quote


def _same_polarity(sentence: str, passage: Passage, question: str, threshold: float) -> str | None:
    """Of the passage's sentences with the sentence's polarity, the one that supports it best on its own, if
    any does: the best quote may be its neighbour that denies ("… ohne Beschluss wird nicht aufgezeichnet")."""
    subject, polarity = subject_of(passage), negated(sentence)
    scored = [
        (support(sentence, f"{part} {subject}", question), part)
        for line in passage.chunk.text.split("\n")
        for part in sentences_of(line)
        if negated(part) == polarity
    ]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= threshold else None


# What a sentence may add to a which-/how-question's words and still say nothing ("… hat Regeln festgelegt").
_EMPTY = stems("festgelegt geregelt getroffen vorgesehen vorhanden bestehen besteht gibt gegeben liegt liegen vor")


def _supporting(
    sentence: DraftSentence,
    question: str,
    passages: Sequence[Passage],
    min_support: float,
    subject: str = "",
    echo: bool = True,
) -> tuple[Passage, str] | str:
    """The passage and quote that support the sentence, or the reason why none does.

    ``subject`` is what the inquiry is about (its Betreff, the applications a question refers
    to): its words name the thing the answer talks about and need no source of their own.
    """
    words = stems(sentence.text) - stems(subject)
    if len(sentence.text.split()) < MIN_WORDS:
        return "Satz zu kurz für eine belegbare Aussage"
    if unsourced := terms_from_question_only(sentence.text, question, passages, subject):
        return f"Satz übernimmt Begriffe der Frage, die in keiner Quelle stehen ({', '.join(unsourced)})"
    restated = len(words - stems(question)) < RESTATED_SHARE * len(words)
    said = words - stems(question) - VOICE - _EMPTY  # "Die Verwaltung …" is the voice, not content
    if not echo and not said and not numbers(sentence.text) - numbers(question):
        # "Welche Regeln gelten?" – "Die Verwaltung hat Regeln zur Nutzung von KI festgelegt.": says nothing
        return "Satz wiederholt die Frage, ohne etwas zu beantworten"
    threshold = min_support
    if restated:
        # Mostly the question's own words ("Ja, es gibt eine ..."): then all its words must be
        # supported, more strictly, and the polarity check below catches "Ja, ... erlaubt"
        # against "nicht gestattet".
        question, threshold = "", max(MIN_SUPPORT_RESTATED, min_support)
    order = list(passages)
    if 1 <= sentence.source <= len(passages):
        cited = passages[sentence.source - 1]
        order.remove(cited)
        order.insert(0, cited)
    reason = "Satz wiederholt die Frage, ohne Beleg" if restated else "Satz nicht durch die Quellen belegt"
    for passage in order:
        score, quote = assess(sentence.text, passage, f"{question} {subject}")
        if score < threshold:
            continue
        if negated(sentence.text) != negated(quote):
            # a pair of sentences whose second denies ("… eingesetzt werden. … ohne Beschluss wird nicht
            # aufgezeichnet"): the one that says what the sentence says, alone
            alone = _same_polarity(sentence.text, passage, f"{question} {subject}", threshold)
            if alone is None:
                reason = "Verneinung im Satz weicht von der Quelle ab"
                continue
            quote = alone
        if mismatch := meaning_mismatch(sentence.text, quote) or relabelled(sentence.text, quote):
            reason = mismatch
            continue
        return passage, quote
    return reason


_CONDITION = re.compile(
    r"\b(wenn|falls|sofern|soweit|sobald|vorausgesetzt|nur dann|unter der (voraus)?setzung)\b", re.IGNORECASE
)
_PLAN = re.compile(
    r"\b(soll|sollen|sollte|sollten|geplant\w*|plant|planen|vorgesehen\w*|beabsichtigt\w*|angestrebt\w*|"
    r"entwurf\w*|künftig\w*|zukünftig\w*|planung|vorbereitung|schlägt|vorgeschlagen\w*|vorschlag\w*|"
    r"voraussichtlich|noch nicht|empfiehlt|empfohlen\w*|prüft|geprüft wird|in prüfung)\b",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(aufgehoben|außer kraft|nicht mehr in kraft|abgelöst|ersetzt durch|galt|gültig bis|"
    r"eingestellt|beendet)\b",
    re.IGNORECASE,
)


def meaning_mismatch(sentence: str, quote: str) -> str | None:
    """Where words agree but the claim does not: a condition the quote does not state, a plan or
    a proposal presented as done, a rule that has ended presented as current."""
    condition = _CONDITION.search(sentence)
    if condition:
        clause = re.split(r"[,;]", sentence[condition.end() :], maxsplit=1)[0]
        words = stems(clause)
        if not _CONDITION.search(quote) or (words and len(words & stems(quote)) / len(words) < 0.75):
            return "Bedingung im Satz steht so nicht in der Quelle"
    if _PLAN.search(quote) and not _PLAN.search(sentence):
        return "Satz stellt als Tatsache dar, was die Quelle als Plan, Vorschlag oder Entwurf nennt"
    if _ENDED.search(quote) and not _ENDED.search(sentence):
        return "Satz stellt als geltend dar, was die Quelle als beendet oder aufgehoben nennt"
    if _reversed(sentence, quote):
        return "Satz sagt das Gegenteil der Quelle"
    if _other_rule(sentence, quote):
        return "Satz nennt eine andere Regelung als die Quelle"
    return None


# Kinds of rule a sentence may put in place of the quote's ("Diese Dienstvereinbarung gilt auch für …" on a quote
# "Diese Dienstanweisung gilt für …", where the question asked about a Dienstvereinbarung).
_RULES = re.compile(
    r"\b(Dienstvereinbarung|Dienstanweisung|Rahmenrichtlinie|Richtlinie|Leitlinie|Satzung|Verordnung|"
    r"Geschäftsordnung|Verwaltungsvorschrift|Betriebsvereinbarung)(?:en|s)?\b"
)


def _other_rule(sentence: str, quote: str) -> bool:
    """Whether the sentence names a kind of rule the quote does not, and the quote one the sentence does not."""
    said, source = set(_RULES.findall(sentence)), set(_RULES.findall(quote))
    return bool(said - source) and bool(source - said)


# Words of opposite meaning a sentence may take from a quote that says the other ("Die Tonaufzeichnungen werden
# gespeichert, sobald die Niederschrift genehmigt ist" for "… werden gelöscht, sobald …").
_OPPOSITES = (
    (r"gespeichert|speicher[nt]|aufbewahrt|aufzubewahren", r"gelöscht|lösch(?:en|t)|zu\s+löschen"),
    (r"erlaubt|gestattet|zulässig|zugelassen", r"untersagt|verboten|unzulässig|nicht\s+(?:erlaubt|gestattet|zulässig)"),
    (r"zugestimmt|genehmigt|bewilligt", r"abgelehnt|verweigert|versagt"),
    (r"gestiegen|erhöht|zugenommen", r"gesunken|gesenkt|verringert|abgenommen"),
)


def _reversed(sentence: str, quote: str) -> bool:
    """Whether the sentence says one of two opposites that the quote does not say, and the quote the other."""
    low, source = sentence.lower(), quote.lower()
    for first, second in _OPPOSITES:
        for said, other in ((first, second), (second, first)):
            if (
                re.search(rf"\b(?:{said})\b", low)
                and not re.search(rf"\b(?:{said})\b", source)
                and re.search(rf"\b(?:{other})\b", source)
                and not re.search(rf"\b(?:{other})\b", low)
            ):
                return True
    return False


_NAME = re.compile(r"(?<=[\w,;:] )[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]{3,}\b")
# A name rather than a common noun: inner capitals or digits ("LLMoin", "ChatGPT", "F13"), or all capitals.
_NAMELIKE = re.compile(r"^[A-ZÄÖÜ]{3,}\b|[a-zäöüß][A-ZÄÖÜ]|[A-ZÄÖÜ]{2}[a-zäöüß]|\d")
_NOUN = re.compile(r"(?<=\S )[A-ZÄÖÜ][\wÄÖÜäöüß-]{2,}")
# Words of the administration's own voice that need no source.
_GENERIC = stems(
    "Verwaltung Stadtverwaltung Kreisverwaltung Stadt Gemeinde Kreis Bezirksamt Beschäftigten Mitarbeitenden "
    "Bürgerinnen Bürger Rat Ausschuss Frage Anfrage Antwort Quelle Angaben Einsatz Anwendungen Zeit"
)


def terms_from_question_only(sentence: str, question: str, passages: Sequence[Passage], subject: str = "") -> list[str]:
    """Nouns and names the sentence took from the question that no retrieved source contains.

    Question words need no support of their own (they restate what was asked), but a sentence
    must not assert something about a thing the evidence never mentions ("Das Bezirksamt nutzt
    LLMoin ..." when no source names LLMoin).
    """
    asked = stems(question)
    known = _GENERIC.union(VOICE, stems(subject), *(stems(f"{p.chunk.text} {p.chunk.title}") for p in passages))
    found = []
    for noun in _NOUN.findall(sentence):
        if not _NAMELIKE.search(noun):
            continue  # a common noun of the question frames the answer; what it asserts is checked by support
        noun_stems = stems(noun)
        if noun_stems and noun_stems <= asked and not noun_stems & known:
            found.append(noun)
    return found


def foreign_terms(sentence: str, passages: Sequence[Passage]) -> list[str]:
    """Capitalised words inside the sentence that no retrieved source contains (e.g. another city's name)."""
    known = _GENERIC.union(*(stems(p.chunk.text + " " + p.chunk.title) for p in passages))
    # Every part of a hyphenated name must be known: "KI-Strategie" is, "Herne-Chatbot" is not.
    return [word for word in _NAME.findall(sentence) if not stems(word) <= known]


def lapsed(passage: Passage, today: date) -> date | None:
    """The last day a passage's document was in force, if that lies before ``today``."""
    until = passage.chunk.metadata.get("valid_until", "")
    return day if until and (day := date.fromisoformat(until)) < today else None


def out_of_force(passage: Passage, today: date) -> str | None:
    day = lapsed(passage, today)
    return f"Quelle „{passage.chunk.title}“ ist seit {day:%d.%m.%Y} nicht mehr in Kraft" if day else None


def verify(
    sentences: Sequence[DraftSentence],
    passages: Sequence[Passage],
    today: date,
    question: str = "",
    min_support: float = DEFAULTS.drafting.min_support,
    subject: str = "",
    echo: bool = True,
) -> Verification:
    """Keep the sentences their sources support; say in ``warnings`` what was removed and why. ``echo``:
    a sentence made of the question's words may answer it ("Ja, es gibt eine …"); not for "Welche …?"."""
    kept: list[Checked] = []
    warnings: list[str] = []
    removed = 0
    for sentence in sentences:
        if (lead := without_lead_in(sentence.text)) != sentence.text:
            tail = _MARKER.sub("", sentence.text).rstrip()[len(lead) :].strip()
            warnings.append(f"Ankündigung ohne folgenden Text entfernt: „{_short(tail)}“")
            if not lead:
                removed += 1
                continue
            sentence = DraftSentence(lead, sentence.source)
        found = _supporting(sentence, question, passages, min_support, subject, echo)
        if isinstance(found, str):
            everywhere = set().union(*(numbers(p.chunk.text) for p in passages))
            missing = sorted(numbers(sentence.text) - everywhere)
            detail = f" (Zahl {', '.join(missing)} in keiner Quelle)" if missing else ""
            warnings.append(f"{found}{detail}, entfernt: „{_short(sentence.text)}“")
            removed += 1
            continue
        passage, quote = found
        unsupported = numbers(sentence.text) - numbers(passage.chunk.text)
        if unsupported:
            listed = ", ".join(sorted(unsupported))
            warnings.append(f"Zahl {listed} nicht in der Quelle belegt, Satz entfernt: „{_short(sentence.text)}“")
            removed += 1
            continue
        prose = passage.chunk.kind in ("document", "answer")  # a register record's lines belong together
        if prose and (elsewhere := days_elsewhere(sentence.text, passage.chunk.text, quote)):
            warnings.append(
                f"Datum {elsewhere} nicht im zitierten Absatz belegt, Satz entfernt: „{_short(sentence.text)}“"
            )
            removed += 1
            continue
        if any(c.text == sentence.text for c in kept):
            continue
        cited_number = passages.index(passage) + 1
        if cited_number != sentence.source:
            warnings.append(f"Quellenverweis korrigiert auf {passage.chunk.source_id}: „{_short(sentence.text)}“")
        if (stale := out_of_force(passage, today)) and stale not in warnings:
            warnings.append(stale)
        if foreign := foreign_terms(sentence.text, passages):
            warnings.append(
                f"„{'“, „'.join(foreign)}“ steht in keiner Quelle – bitte prüfen: „{_short(sentence.text)}“"
            )
        kept.append(Checked(sentence.text, passage, quote))
    return Verification(tuple(kept), tuple(warnings), removed)


# A sentence that announces what follows it: "2. Nach § 4 wird folgender § 4a eingefügt:", "… wird die
# KI-Richtlinie vom 10.06.2025 wie folgt geändert." – quoted without what follows, it says nothing.
_ANNOUNCES = re.compile(
    r":\s*$|\bwie\s+folgt(?:\s+[\wäöüß]+){0,2}\s*$|\bfolgende[rsn]?\s.{0,40}\b(?:eingefügt|angefügt|ergänzt)\s*$"
)


def without_lead_in(text: str) -> str:
    """A drafted sentence without the announcement it ends on (``_ANNOUNCES``); "" where it is nothing else. The
    announcement is what follows the last full stop that ends a sentence (not an item's "2.")."""
    plain = _MARKER.sub("", text).rstrip()
    if not _ANNOUNCES.search(plain.rstrip(" .")):
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(plain)]
    return plain[: ends[-1]].strip() if ends else ""


_MARKER = re.compile(r"\s*\[\d+\]")
_SENTENCE_END = re.compile(r"(?<!\b\d)(?<!\b\d\d)[.!?][“”\"]?(?=\s+(?:\d{1,2}\.\s+)?[A-ZÄÖÜ§(„])")


_DAY = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b")


def days_elsewhere(sentence: str, source: str, quote: str) -> str:
    """A day the sentence names that stands in its source, but not in the paragraph of its quote: "Die
    Dienstvereinbarung gilt seit dem 11.03.2026" cited on "Die Dienstvereinbarung gilt unbefristet.", the day
    of its signature lines below. A reader checks the quote, so the day must be there (or in its paragraph).
    Of a document's or an earlier reply's prose only: a register record's lines are one record."""
    paragraph = next((line for line in source.split("\n") if quote in line), quote)
    missing = [day for day in _DAY.findall(sentence) if day not in paragraph]
    return ", ".join(dict.fromkeys(missing))
