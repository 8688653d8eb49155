"""The metrics of shared/spec/eval-cases.md, computed per question and summed per case and overall.

Everything here is deterministic: the same drafts give the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from assistant.domain import Answer, Citation
from assistant.evaluation.cases import Case, Expectation
from assistant.evaluation.match import cites, contains, normalize
from assistant.figures import demand_figures, stated_sums, table_figures
from assistant.text import numbers, sentences_of, support

ABSTAINED = ("no_information", "needs_input")
# A citation supports its sentence when its quote holds at least half of the sentence's content
# words (or the sentence is the quote). Fixed here, independent of the verification setting, so
# configurations are compared on the same scale.
CITATION_SUPPORT = 0.5
_MARKER = re.compile(r"\[\d+\]")
# A reference to a question or demand of the inquiry itself ("unter Nr. 1"), a unit's id ("(A33)", "FB20").
_REFERENCE = re.compile(
    r"\b(?:Frage|Punkt|Fragen)\s+\d+[a-z]?\b|\(\w{1,4}\d+\)|\bFB\d+\b|\b(?:[Ss]iehe|[Zz]u|[Uu]nter) Nr\. \d+[a-z]?\b"
)
_ENUMERATION = re.compile(r"(?m)^\s*(?:\d+[.)]|-|\*)\s+")  # "1. ", "2) " at the start of a list line


MISSING = "missing"  # the status of an expected question no answer was drafted for (the parser did not find it)


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    status: str
    expected_answerable: bool | None  # None: the case says nothing about this question
    fact_hits: tuple[bool, ...] = ()
    source_hit: bool | None = None
    citations: int = 0
    citations_supporting: int = 0
    unsupported_numbers: tuple[str, ...] = ()
    abstention_correct: bool | None = None
    forbidden_hits: tuple[str, ...] = ()
    warning_hits: tuple[bool, ...] = ()
    seconds: float = 0.0


def answer_text(answer: Answer) -> str:
    """Everything a reader sees: text and table cells."""
    cells = " ".join(" ".join(row) for row in answer.table.rows) if answer.table else ""
    return f"{answer.text} {cells}".strip()


def _claim_of(answer: Answer, citation: Citation, sources: Mapping[str, str]) -> tuple[str, str]:
    """What a citation backs and what backs it: a table row against its whole source record,
    a sentence against the quotes it cites (plus a record's subject line, as verification reads it, and
    the source's title, which the reader sees with it: "In „Vermerk …“ wird empfohlen: …")."""
    source = sources.get(citation.source_id, citation.quote)
    if answer.table:
        for row in answer.table.rows:
            if citation.marker in row:
                return " ".join(cell for cell in row if cell != citation.marker), source
    for sentence in sentences_of(answer.text):  # "… (§ 6 Abs. 1 LL KI) [6]." is one sentence, not two
        if citation.marker in sentence:
            # a sentence built from several rows or quotes ("2026 25.800 Euro [9]; 2027 17.400 Euro [10]")
            # stands on all it cites together
            together = [c for c in answer.citations if c.marker in _MARKER.findall(sentence)] or [citation]
            return _MARKER.sub("", sentence), " ".join(_reference(c, sources) for c in together)
    return _MARKER.sub("", answer.text), _reference(citation, sources)


def _reference(citation: Citation, sources: Mapping[str, str]) -> str:
    source = sources.get(citation.source_id, citation.quote)
    subject = source.split("\n", 1)[0] if citation.source_id.startswith(("inventory:", "budget:")) else ""
    return f"{citation.quote} {subject} {citation.title}"


def _supports(answer: Answer, citation: Citation, sources: Mapping[str, str]) -> bool:
    claim, reference = _claim_of(answer, citation, sources)
    return support(claim, reference) >= CITATION_SUPPORT or citation.quote in claim


def unsupported_numbers(answer: Answer, sources: Mapping[str, str], question: str = "") -> tuple[str, ...]:
    """Numbers the reader sees that occur in no cited source nor in the question (and were not
    computed from cited rows or from an amount the question names, ``figures.py``)."""
    if answer.status in ABSTAINED:
        return ()
    shown = _ENUMERATION.sub(" ", _REFERENCE.sub(" ", _MARKER.sub(" ", answer_text(answer))))
    # A cited source's title is shown with it ("KI-Strategie 2027–2031 (Entwurf)"): its figures are the source's.
    cited = set().union(*(numbers(sources.get(c.source_id, c.quote)) | numbers(c.title) for c in answer.citations))
    known = cited | table_figures(answer.table)
    known |= stated_sums(shown, known)
    return tuple(sorted(numbers(shown) - known - numbers(question) - demand_figures(question, known)))


def score_question(
    answer: Answer, expected: Expectation | None, sources: Mapping[str, str], question: str = ""
) -> QuestionScore:
    text = answer_text(answer)
    supporting = sum(_supports(answer, c, sources) for c in answer.citations)
    base = QuestionScore(
        question_id=answer.question_id,
        status=answer.status,
        expected_answerable=None if expected is None else expected.answerable,
        citations=len(answer.citations),
        citations_supporting=supporting,
        unsupported_numbers=unsupported_numbers(answer, sources, question),
        seconds=answer.seconds,
    )
    if expected is None:
        return base
    abstained = answer.status in ABSTAINED
    correct = (answer.status == expected.status) if not expected.answerable else not abstained
    return QuestionScore(
        **{
            **asdict(base),
            "fact_hits": tuple(contains(text, alternatives) for alternatives in expected.facts)
            if expected.answerable
            else (),
            "source_hit": any(cites(c.source_id, s) for c in answer.citations for s in expected.sources)
            if expected.answerable and expected.sources
            else None,
            "abstention_correct": correct,
            "forbidden_hits": tuple(f for f in expected.forbidden if normalize(f) in normalize(text)),
            "warning_hits": tuple(
                any(normalize(w) in normalize(given) for given in answer.warnings) for w in expected.warnings
            ),
        }
    )


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


@dataclass(frozen=True)
class Summary:
    questions: int
    question_recall: float | None
    question_precision: float | None
    fact_recall: float | None
    source_recall: float | None
    citation_precision: float | None
    unsupported_numbers: int
    abstention_accuracy: float | None
    forbidden_hits: int
    seconds_per_question: float | None
    warning_recall: float | None = None
    details: dict[str, int] = field(default_factory=dict)


def summarize(
    scores: Sequence[QuestionScore], expected_ids: Iterable[str] = (), extracted: Iterable[str] = ()
) -> Summary:
    expected_set, extracted_set = set(expected_ids), set(extracted)
    facts = [hit for s in scores for hit in s.fact_hits]
    sources = [s.source_hit for s in scores if s.source_hit is not None]
    abstention = [s.abstention_correct for s in scores if s.abstention_correct is not None]
    citations = sum(s.citations for s in scores)
    warnings = [hit for s in scores for hit in s.warning_hits]
    answered = [s for s in scores if s.status != MISSING]
    return Summary(
        questions=len(answered),
        question_recall=_share(len(expected_set & extracted_set), len(expected_set)),
        question_precision=_share(len(expected_set & extracted_set), len(extracted_set)) if expected_set else None,
        fact_recall=_share(sum(facts), len(facts)),
        source_recall=_share(sum(sources), len(sources)),
        citation_precision=_share(sum(s.citations_supporting for s in scores), citations),
        unsupported_numbers=sum(len(s.unsupported_numbers) for s in scores),
        abstention_accuracy=_share(sum(abstention), len(abstention)),
        forbidden_hits=sum(len(s.forbidden_hits) for s in scores),
        seconds_per_question=round(sum(s.seconds for s in answered) / len(answered), 2) if answered else None,
        warning_recall=_share(sum(warnings), len(warnings)),
        details={
            "facts_expected": len(facts),
            "facts_found": sum(facts),
            "unanswerable": sum(1 for s in scores if s.expected_answerable is False),
            "abstained_correctly": sum(1 for s in scores if s.expected_answerable is False and s.abstention_correct),
            "answerable_abstained": sum(1 for s in scores if s.expected_answerable and s.abstention_correct is False),
        },
    )


def _missing(expected: Expectation) -> QuestionScore:
    """An expected question without an answer: its facts and sources count as not found, its abstention as
    wrong (the spec: fact recall is the share of *expected* facts found)."""
    return QuestionScore(
        question_id=expected.question_id,
        status=MISSING,
        expected_answerable=expected.answerable,
        fact_hits=tuple(False for _ in expected.facts) if expected.answerable else (),
        source_hit=False if expected.answerable and expected.sources else None,
        abstention_correct=False,
    )


def score_case(
    case: Case, answers: Sequence[Answer], sources: Mapping[str, str], questions: Mapping[str, str] | None = None
) -> tuple[list[QuestionScore], Summary]:
    """``questions``: each question's text by id (numbers a question names are not unsupported). The scores
    of the answers in their order, then those of the expected questions no answer was drafted for."""
    asked = questions or {}
    scores = [score_question(a, case.expected(a.question_id), sources, asked.get(a.question_id, "")) for a in answers]
    drafted = {a.question_id for a in answers}
    scores += [_missing(e) for e in case.expectations if e.question_id not in drafted]
    summary = summarize(scores, [e.question_id for e in case.expectations], [a.question_id for a in answers])
    return scores, summary


# What each summary metric is called in the reports (German), in report order.
METRICS = (
    ("question_recall", "Fragen erkannt (Recall)"),
    ("question_precision", "Fragen erkannt (Präzision)"),
    ("fact_recall", "Fakten gefunden (fact recall)"),
    ("source_recall", "erwartete Quelle zitiert (source recall)"),
    ("citation_precision", "Zitat stützt Satz (citation precision)"),
    ("unsupported_numbers", "Zahlen ohne Beleg (unsupported numbers)"),
    ("abstention_accuracy", "richtig enthalten/geantwortet (abstention accuracy)"),
    ("forbidden_hits", "verbotene Aussagen (forbidden hits)"),
    ("warning_recall", "erwartete Prüfhinweise gegeben (warning recall)"),
    ("seconds_per_question", "Sekunden je Frage"),
    ("peak_rss_mb", "Spitzen-RSS (MB)"),
)
