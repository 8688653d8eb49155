"""The whole drafting path with fakes: parse -> retrieve -> compose -> verify -> export."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.backends.llm import Message
from assistant.domain import Answer
from assistant.export import result_markdown
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import source_texts
from assistant.kb.model import KnowledgeBase
from assistant.testing.fakes import SOURCE, FakeChatModel, copying_responder
from assistant.text import sentences_of
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, fake_services


def source_text(kb: KnowledgeBase, source_id: str) -> str:
    return source_texts(kb)[source_id]


HERNE_LIKE = """Anfrage der FDP-Ratsgruppe
Die FDP bittet um Beantwortung folgender Fragen:
  • Welche konkreten Anwendungen von Künstlicher Intelligenz werden aktuell genutzt?
  • Ist die Nutzung generativer KI für die Beschäftigten freiwillig?
  • Welche Mittel sind im Haushalt 2026 für Lizenzen vorgesehen?
"""


def test_every_question_gets_one_cited_answer(tmp_path: Path, demo_kb: KnowledgeBase) -> None:
    llm = FakeChatModel(responder=copying_responder)
    services = fake_services(llm, tmp_path)
    inquiry = parse_inquiry(HERNE_LIKE)
    result = draft_inquiry(services, inquiry, DEMO_KB)
    assert [a.question_id for a in result.answers] == ["1", "2", "3"]
    for answer in result.answers:
        assert answer.status == "answered", answer
        assert answer.citations
        for citation in answer.citations:
            assert citation.quote in source_text(demo_kb, citation.source_id)
            assert citation.marker in answer.text
    data = result.to_json()
    assert set(data) == {"inquiry", "answers", "knowledge_base"}
    assert data["answers"][0]["citations"][0]["marker"] == "[1]"
    assert "ENTWURF – nicht freigegeben" in result_markdown(result)
    # questions 1 and 3 are answered from the data; only question 2 reaches the model
    assert len(llm.calls) == 1
    assert result.answers[0].table is not None and result.answers[2].table is not None
    # the prompt carries the sources and the question, and asks for schema-constrained JSON
    messages, schema = llm.calls[0]
    assert "<frage>\nIst die Nutzung generativer KI" in messages[1].content
    assert schema is not None and schema["properties"]["saetze"]["minItems"] == 1


def test_what_the_data_answers_is_drafted_first_and_the_answers_keep_the_inquiry_s_order(tmp_path: Path) -> None:
    """The page fills while the model works: questions 1 and 3 (from the data) before question 2."""
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    shown: list[tuple[int, str, bool]] = []

    def progress(number: int, total: int, question: Any, answer: Answer | None) -> None:
        if answer is not None:
            shown.append((number, question.id, bool(answer.model)))

    result = draft_inquiry(services, parse_inquiry(HERNE_LIKE), DEMO_KB, progress)
    assert shown == [(1, "1", False), (2, "3", False), (3, "2", True)]
    assert [a.question_id for a in result.answers] == ["1", "2", "3"]


def test_a_follow_up_waits_for_the_answer_it_follows(tmp_path: Path) -> None:
    text = (
        "Anfrage\n\n1. Ist die Nutzung generativer KI für die Beschäftigten freiwillig?\n"
        "2. Falls ja, welche KI-Anwendungen werden aktuell genutzt?\n"
    )
    inquiry = parse_inquiry(text)
    assert inquiry.questions[1].follows == "1"
    order: list[str] = []
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    draft_inquiry(services, inquiry, DEMO_KB, lambda n, t, q, a: order.append(q.id) if a is not None else None)
    assert order == ["1", "2"]


def test_no_evidence_means_no_information_without_calling_the_model(tmp_path: Path) -> None:
    llm = FakeChatModel()
    services = fake_services(llm, tmp_path, retrieval={"min_score": 0.99})
    result = draft_inquiry(services, parse_inquiry("1. Wie hoch ist die Hundesteuer?\n"), DEMO_KB)
    (answer,) = result.answers
    assert answer.status == "no_information"
    assert answer.text == "Hierzu liegen der Verwaltung keine Erkenntnisse vor."  # words for the letter
    assert "KI-Koordinierungsstelle" in answer.warnings[0]  # who holds the facts: a note for the reviewer
    assert llm.calls == []


def test_invented_figure_is_removed_and_replaced_by_a_quote(tmp_path: Path, demo_kb: KnowledgeBase) -> None:
    llm = FakeChatModel(['{"saetze": [{"text": "Die Dialoge werden nach 1000 Tagen gelöscht.", "quelle": 1}]}'])
    services = fake_services(llm, tmp_path)
    question = "1. Wann werden die Dialoge des Chatbots gelöscht?\n"
    (answer,) = draft_inquiry(services, parse_inquiry(question), DEMO_KB).answers
    assert answer.status == "partial"
    assert "1000" not in answer.text
    assert any("1000" in w for w in answer.warnings)
    assert answer.citations[0].quote in source_text(demo_kb, answer.citations[0].source_id)


def test_invalid_json_falls_back_to_extract(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(["Das weiß ich nicht."]), tmp_path)
    (answer,) = draft_inquiry(
        services, parse_inquiry("1. Ist die Nutzung generativer KI für die Beschäftigten freiwillig?\n"), DEMO_KB
    ).answers
    assert answer.status == "partial"
    assert "kein gültiges JSON" in answer.warnings[0]
    assert answer.citations


def test_political_judgement_needs_input(tmp_path: Path) -> None:
    llm = FakeChatModel()
    services = fake_services(llm, tmp_path)
    text = "1. Sieht die Verwaltung in KI Chancen für mehr Bürgernähe?\n"
    (answer,) = draft_inquiry(services, parse_inquiry(text), DEMO_KB).answers
    assert isinstance(answer, Answer) and answer.status == "needs_input"
    assert llm.calls == []


def negative_responder(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """A model that answers with the first negated source sentence ("... nicht ...")."""
    for number, text in SOURCE.findall(messages[-1].content):
        for line in sentences_of(text):
            if " nicht " in line and len(line.split()) >= 5:
                return json.dumps({"saetze": [{"text": line, "quelle": int(number)}]}, ensure_ascii=False)
    raise AssertionError("no negated sentence in the sources")


def test_follow_up_of_a_negative_answer_is_not_drafted(tmp_path: Path) -> None:
    llm = FakeChatModel(responder=negative_responder)
    services = fake_services(llm, tmp_path)
    text = "1. Dürfen Beschäftigte ChatGPT mit privaten Konten nutzen?\n2. Wenn ja, in welchem Umfang?\n"
    first, follow_up = draft_inquiry(services, parse_inquiry(text), DEMO_KB).answers
    assert first.status == "answered" and " nicht " in first.text
    assert follow_up.text.startswith("Entfällt, da Frage 1 verneint wurde")
    assert follow_up.citations == first.citations[:1]
    assert len(llm.calls) == 1


def test_follow_up_is_drafted_with_its_parents_question_and_answer(tmp_path: Path) -> None:
    llm = FakeChatModel(responder=copying_responder)
    services = fake_services(llm, tmp_path)
    text = "1. Gibt es eine Dienstvereinbarung mit dem Personalrat?\n2. Wenn ja, was regelt sie zur Protokollierung?\n"
    first, follow_up = draft_inquiry(services, parse_inquiry(text), DEMO_KB).answers
    assert follow_up.status in ("answered", "partial")
    prompt = llm.calls[1][0][1].content
    assert "Dienstvereinbarung mit dem Personalrat" in prompt
    assert f"Bisherige Antwort der Verwaltung zu Frage 1: {first.text}" in prompt


def test_follow_up_of_a_question_without_facts_has_none_either(tmp_path: Path) -> None:
    llm = FakeChatModel()
    services = fake_services(llm, tmp_path, retrieval={"min_score": 0.99})
    text = "1. Wie viele Drohnen setzt die Feuerwehr ein?\n2. Wenn ja, seit wann?\n"
    first, follow_up = draft_inquiry(services, parse_inquiry(text), DEMO_KB).answers
    assert first.status == follow_up.status == "no_information"
    assert "Frage 1" in follow_up.text
    assert llm.calls == []


def test_no_information_names_the_department_from_the_knowledge_base(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(), tmp_path, retrieval={"min_score": 0.99})
    (answer,) = draft_inquiry(
        services, parse_inquiry("1. Wie viele Bauanträge wurden mit KI geprüft?\n"), DEMO_KB
    ).answers
    assert answer.status == "no_information"
    assert "Fachbereich Stadtplanung und Bauordnung (FB61)" in answer.warnings[0]


def test_money_for_a_year_without_budget_data_is_no_information_from_the_data(tmp_path: Path) -> None:
    llm = FakeChatModel()
    services = fake_services(llm, tmp_path)
    question = "1. Welche Mittel sind im Haushalt 2030 für KI-Anwendungen vorgesehen?\n"
    (answer,) = draft_inquiry(services, parse_inquiry(question), DEMO_KB).answers
    assert answer.status == "no_information" and answer.table is None
    assert "2025 bis 2027" in answer.text and "Fachbereich Finanzen (FB20)" in answer.warnings[0]
    assert llm.calls == []


def test_a_figure_contradicting_an_earlier_reply_is_flagged(tmp_path: Path) -> None:
    import shutil

    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    budget = kb / "budget.csv"
    budget.write_text(
        budget.read_text(encoding="utf-8").replace(
            "2025,11.12.01.527100,Fortbildung KI-Kompetenz,training,consumptive,15000",
            "2025,11.12.01.527100,Fortbildung KI-Kompetenz,training,consumptive,18000",
        ),
        encoding="utf-8",
    )
    # the fake embedder's similarities are lower than the real model's
    services = fake_services(FakeChatModel(), tmp_path, drafting={"similar_reply": 0.5})
    question = "1. Welche Mittel sind für KI im Haushalt 2025 vorgesehen?\n"
    (answer,) = draft_inquiry(services, parse_inquiry(question), kb).answers
    assert answer.table is not None
    (warning,) = [w for w in answer.warnings if w.startswith("Abweichung zu einer früheren Antwort")]
    assert "answers/2025-06-02.yaml#4" in warning and "15.000 Euro" in warning
