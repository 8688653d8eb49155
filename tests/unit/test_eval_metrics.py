"""Evaluation metrics on hand-made drafts whose right values are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import Answer, Citation, Table
from assistant.errors import EvaluationError
from assistant.evaluation.cases import Expectation, load_case
from assistant.evaluation.match import cites, contains, normalize
from assistant.evaluation.metrics import score_question, summarize, unsupported_numbers

SOURCES = {
    "budget:2026:11.12.01.542100": "Ansatz 2026: 112.000 Euro. Beschlossen am 11.12.2025.",
    "documents/ki-leitlinie.md#3": "Die Nutzung von ChatGPT ist für dienstliche Inhalte nicht gestattet.",
}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Es sind 112.000 € veranschlagt.", "112000 EUR"),
        ("Es sind 112000 EUR veranschlagt.", "112.000 Euro"),
        ("rund 1,5 Mio. Euro", "1.500.000 €"),
        ("seit dem 01.07.2025", "1. Juli 2025"),
        ("seit dem 1. Juli 2025", "01.07.2025"),
        ("seit 1.7.2025", "2025-07-01"),
        ("im März 2025", "Mär 2025"),
        ("28 % der Beschäftigten", "28%"),
        ("KI\u2011Anwendungen", "KI-Anwendungen"),
        ("NICHT   GESTATTET", "nicht gestattet"),
    ],
)
def test_facts_match_across_number_and_date_formats(text: str, fact: str) -> None:
    assert contains(text, (fact,)), (normalize(text), normalize(fact))


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("112.000 €", "12.000 €"),
        ("01.07.2025", "01.07.2024"),
        ("1,5 Mio. Euro", "15 Mio. Euro"),
        ("erlaubt", "nicht erlaubt"),
    ],
)
def test_different_facts_do_not_match(text: str, fact: str) -> None:
    assert not contains(text, (fact,))


def test_citation_prefixes() -> None:
    assert cites("documents/ki-leitlinie.md#3", "documents/ki-leitlinie.md")
    assert cites("inventory:KI-001", "inventory")
    assert not cites("documents/ki-leitlinie-alt.md#1", "documents/ki-leitlinie.md")


def answer(text: str, *citations: Citation, status: str = "answered", table: Table | None = None) -> Answer:
    return Answer("1", status, text, citations=citations, table=table)  # type: ignore[arg-type]


def test_invented_amount_is_an_unsupported_number() -> None:
    cited = Citation("[1]", "budget:2026:11.12.01.542100", "Haushalt", "Ansatz 2026: 112.000 Euro.")
    good = answer("Im Haushalt 2026 sind 112.000 Euro veranschlagt [1].", cited)
    bad = answer("Im Haushalt 2026 sind 1.000 Euro und 112.000 Euro veranschlagt [1].", cited)
    assert unsupported_numbers(good, SOURCES) == ()
    assert unsupported_numbers(bad, SOURCES) == ("1000",)


def test_a_figure_of_the_cited_sources_title_is_supported() -> None:
    cited = Citation("[1]", "documents/strategie.md#3", "KI-Strategie 2027–2031 (Entwurf)", "Aufstockung ab 2028.")
    named = answer("In „KI-Strategie 2027–2031 (Entwurf)“ ist festgehalten: Aufstockung ab 2028 [1].", cited)
    invented = answer("In „KI-Strategie 2027–2035“ ist festgehalten: Aufstockung ab 2028 [1].", cited)
    assert unsupported_numbers(named, {"documents/strategie.md#3": "Aufstockung ab 2028."}) == ()
    assert unsupported_numbers(invented, {"documents/strategie.md#3": "Aufstockung ab 2028."}) == ("2035",)


def test_markers_question_references_and_derived_sums_are_not_numbers_to_prove() -> None:
    cited = Citation("[1]", "budget:2026:11.12.01.542100", "Haushalt", "Ansatz 2026: 112.000 Euro.")
    follow_up = answer("Entfällt, da Frage 12 verneint wurde [1].", cited)
    assert unsupported_numbers(follow_up, SOURCES) == ()
    table = Table(("Haushaltsstelle", "Betrag"), (("A", "112.000 Euro"), ("B", "112.000 Euro")))
    summed = answer("Insgesamt 224.000 Euro in 2 Haushaltsstellen [1].", cited, table=table)
    assert unsupported_numbers(summed, SOURCES) == ()


def test_abstentions_have_no_numbers_to_prove() -> None:
    assert unsupported_numbers(answer("Frage 3 betrifft FB20 im Jahr 2031.", status="no_information"), SOURCES) == ()


def test_question_score_and_summary() -> None:
    quote = "Die Nutzung von ChatGPT ist für dienstliche Inhalte nicht gestattet."
    cited = Citation("[1]", "documents/ki-leitlinie.md#3", "KI-Leitlinie", quote)
    unrelated = Citation("[2]", "budget:2026:11.12.01.542100", "Haushalt", "Ansatz 2026: 112.000 Euro.")
    draft = answer(
        "Die Nutzung von ChatGPT ist nicht gestattet [1]. Sie ist für Beschäftigte erlaubt [2].", cited, unrelated
    )
    expected = Expectation(
        "1",
        True,
        facts=(("ChatGPT",), ("nicht gestattet", "untersagt"), ("MusterGPT",)),
        sources=("documents/ki-leitlinie.md",),
        forbidden=("ist für Beschäftigte erlaubt",),
    )
    score = score_question(draft, expected, SOURCES)
    assert score.fact_hits == (True, True, False)
    assert score.source_hit is True
    assert (score.citations, score.citations_supporting) == (2, 1)
    assert score.abstention_correct is True
    assert score.forbidden_hits == ("ist für Beschäftigte erlaubt",)
    unanswerable = score_question(answer("Keine Angaben.", status="no_information"), Expectation("2", False), SOURCES)
    wrong = score_question(answer("1000 Euro [1].", unrelated), Expectation("3", False), SOURCES)
    judged = score_question(
        answer("Bewertung nötig.", status="needs_input"), Expectation("4", False, status="needs_input"), SOURCES
    )
    summary = summarize([score, unanswerable, wrong, judged], ["1", "2", "3", "4"], ["1", "2", "3", "4", "5"])
    assert summary.fact_recall == round(2 / 3, 3)
    assert summary.source_recall == 1.0
    assert summary.citation_precision == round(
        2 / 3, 3
    )  # "1000 Euro" shares its words with the quote; its number is counted below
    assert summary.abstention_accuracy == 0.75
    assert summary.unsupported_numbers == 1  # the 1000 of the wrong answer
    assert (summary.question_recall, summary.question_precision) == (1.0, 0.8)
    assert summary.forbidden_hits == 1


def test_case_files_report_their_problems(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text("1. Frage?\n", encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text("name: x\ninquiry: q.txt\nkb: .\nanswers:\n  '1': {answerable: maybe}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="answerable muss true oder false sein"):
        load_case(case)
    case.write_text("name: x\ninquiry: q.txt\nkb: .\nanswers:\n  '1': {fact: [a]}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="unbekannte Schlüssel"):
        load_case(case)
    case.write_text("name: x\ninquiry: fehlt.txt\nkb: .\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="nicht gefunden"):
        load_case(case)
    case.write_text("name: x\ninquiry: q.txt\nkb: .\nanswers: [\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as error:
        load_case(case)
    assert error.value.line is not None


def test_demo_cases_load_and_cover_every_sample_with_enough_unanswerable_questions() -> None:
    from assistant.evaluation.cases import load_cases
    from tests.conftest import ROOT

    cases = load_cases(ROOT / "eval" / "cases")
    inquiries = {c.inquiry.name for c in cases}
    assert {p.name for p in (ROOT.parent / "shared" / "inquiries").glob("*.txt")} <= inquiries
    unanswerable = [e for c in cases for e in c.expectations if not e.answerable and e.status == "no_information"]
    assert len(unanswerable) >= 8
    for case in cases:
        assert case.count == len(case.expectations), case.name


def test_list_enumerators_are_not_numbers_to_prove() -> None:
    cited = Citation("[1]", "budget:2026:11.12.01.542100", "Haushalt", "Ansatz 2026: 112.000 Euro.")
    listed = answer("Vorgesehen sind:\n1. Lizenzen mit 112.000 Euro\n2) Schulungen", cited)
    assert unsupported_numbers(listed, SOURCES) == ()


def test_a_table_row_is_backed_by_its_whole_source_record() -> None:
    record = "KI-Anwendung KI-001: Textassistenz MusterGPT.\nAnbieter: ITK Rheinland.\nStatus: Regelbetrieb."
    sources = {"inventory:KI-001": record}
    cited = Citation("[1]", "inventory:KI-001", "KI-Verzeichnis", "KI-Anwendung KI-001: Textassistenz MusterGPT.")
    table = Table(
        ("Anwendung", "Anbieter", "Status", "Quelle"),
        (("Textassistenz MusterGPT", "ITK Rheinland", "Regelbetrieb", "[1]"),),
    )
    score = score_question(answer("Eine Anwendung ist im Einsatz [1].", cited, table=table), None, sources)
    assert (score.citations, score.citations_supporting) == (1, 1)
    wrong = Table(("Anwendung", "Anbieter", "Quelle"), (("Chatbot Frag Musterstadt", "publicmind GmbH", "[1]"),))
    score = score_question(answer("Eine Anwendung ist im Einsatz [1].", cited, table=wrong), None, sources)
    assert score.citations_supporting == 0


def test_stored_drafts_can_be_scored_again(tmp_path: Path) -> None:
    from assistant.evaluation.run import rescore

    case = load_case(Path(__file__).resolve().parents[2] / "eval" / "cases" / "motion-northeim.yaml")
    drafted = [Answer(e.question_id, "no_information", "Keine Angaben.") for e in case.expectations]
    stored = {
        "systems": {
            "assistant": {
                "summary": {"peak_rss_mb": 1},
                "cases": {case.name: {"answers": [a.to_json() for a in drafted]}},
            }
        }
    }
    system = rescore(stored, [case]).systems["assistant"]
    summary = system.summary
    assert summary.abstention_accuracy == 0.0 and summary.fact_recall == 0.0
    assert summary.question_recall == 1.0 and system.peak_rss_mb == 1
    assert Answer.from_json(drafted[0].to_json()) == drafted[0]


def test_bad_counts_and_foreign_result_files_get_clear_errors(tmp_path: Path) -> None:
    from assistant.errors import UsageError
    from assistant.evaluation.run import rescore

    (tmp_path / "q.txt").write_text("1. Frage?\n", encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text("name: x\ninquiry: q.txt\nkb: .\nquestions: {count: viele}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"questions\.count muss eine ganze Zahl"):
        load_case(case)
    case.write_text("name: x\ninquiry: q.txt\nkb: .\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"keine results\.json"):
        rescore({"something": "else"}, [load_case(case)])


def test_expected_warnings_are_scored(tmp_path: Path) -> None:
    from tests.conftest import DEMO_KB

    expected = Expectation("1", True, warnings=("nicht mehr in Kraft", "Abweichung"))
    flagged = Answer("1", "answered", "Text.", warnings=("Quelle „X“ ist seit 31.12.2024 nicht mehr in Kraft",))
    score = score_question(flagged, expected, {})
    assert score.warning_hits == (True, False)
    assert summarize([score]).warning_recall == 0.5
    case = tmp_path / "fall.yaml"
    (tmp_path / "a.txt").write_text("1. Frage?")
    case.write_text(f"name: x\ninquiry: a.txt\nkb: {DEMO_KB}\nanswers:\n  '1': {{warnings: [1]}}\n")
    with pytest.raises(EvaluationError, match="warnings muss eine Liste von Texten sein"):
        load_case(case)
