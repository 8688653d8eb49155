"""`assistant eval` with fakes: both systems run, every metric is reported, the report is written."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.cases import load_case
from assistant.evaluation.report import write
from assistant.evaluation.run import evaluate
from assistant.testing.fakes import FakeChatModel, copying_responder
from tests.conftest import ROOT, fake_services

CASE = ROOT / "eval" / "cases" / "herne.yaml"


def test_evaluation_runs_pipeline_and_baseline(tmp_path: Path) -> None:
    def responder(messages, schema):  # type: ignore[no-untyped-def]
        if schema is None:  # the baseline asks for free text
            return "Die Stadt nutzt MusterGPT und gibt dafür 1.000.000 Euro aus."
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=responder), tmp_path)
    seen: list[tuple[str, int]] = []
    results = evaluate([load_case(CASE)], services, baseline=True, progress=lambda s, c, n, t: seen.append((s, n)))
    assert set(results.systems) == {"assistant", "baseline"}
    ours, baseline = (results.to_json()["systems"][s]["summary"] for s in ("assistant", "baseline"))
    for key in (
        "question_recall",
        "question_precision",
        "fact_recall",
        "source_recall",
        "citation_precision",
        "unsupported_numbers",
        "abstention_accuracy",
        "forbidden_hits",
        "seconds_per_question",
        "peak_rss_mb",
    ):
        assert key in ours and key in baseline
    assert ours["question_recall"] == 1.0
    assert ours["unsupported_numbers"] == 0
    assert baseline["unsupported_numbers"] >= 5  # the invented million in every baseline answer
    assert ("baseline", 5) in seen and ("assistant", 5) in seen
    data, report, page = write(results, tmp_path / "report")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(data.read_text(encoding="utf-8"))["cases"] == ["herne-fdp-2025-05-06"]
    text = report.read_text(encoding="utf-8")
    assert "| Metrik | assistant | baseline |" in text and "Zahlen ohne Beleg" in text


def test_an_unreadable_inquiry_costs_its_case_s_questions_not_the_run(tmp_path: Path) -> None:
    """One inquiry the parser cannot read is reported, and its expected facts count as not found."""
    from dataclasses import replace

    from assistant.evaluation.results import Results

    broken = tmp_path / "broken.txt"
    broken.write_text("Sehr geehrte Damen und Herren,\nbitte berichten Sie.\n", encoding="utf-8")
    good = load_case(CASE)
    bad = replace(good, name="unlesbar", inquiry=broken)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    results = evaluate([good, bad], services)
    case = results.systems["assistant"].cases["unlesbar"]
    assert "Keine nummerierten Fragen" in case.error and case.answers == ()
    assert case.summary.question_recall == 0.0 and case.summary.fact_recall == 0.0  # the gold facts are missed
    assert case.summary.questions == 0 and case.summary.abstention_accuracy == 0.0
    assert results.systems["assistant"].cases[good.name].summary.question_recall == 1.0
    again = Results.from_json(json.loads(json.dumps(results.to_json())))  # --rescore keeps the message
    assert again.systems["assistant"].cases["unlesbar"].error == case.error
    from assistant.evaluation.run import rescore

    rescored = rescore(json.loads(json.dumps(results.to_json())), [good, bad])  # --rescore keeps it too
    assert rescored.systems["assistant"].cases["unlesbar"].error == case.error
    _, report, _ = write(results, tmp_path / "report")
    assert "- Nicht gelesen: unlesbar: Keine nummerierten Fragen" in report.read_text(encoding="utf-8")
