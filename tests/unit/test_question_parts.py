"""A multi-part question is answered in all its parts, and a narrow inquiry's question is searched by its own
words, not only by the name of the application every passage shares."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.backends.llm import Message
from assistant.domain import Answer, Chunk, Passage
from assistant.drafting.parts import question_parts, unanswered
from assistant.drafting.pipeline import PARTS_NOTE
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import Retriever
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.keyword import KeywordIndex
from assistant.kb.load import load
from assistant.testing.fakes import SOURCE, FakeChatModel, HashEmbedder, InMemoryVectorStore, copying_responder
from tests.conftest import FIXED_TODAY, ROOT, fake_services

BREKENFOERDE = ROOT / "eval" / "kbs" / "stadt-brekenfoerde"
SUBJECT = "KassenAssist – KI-gestützte Zuordnung von Zahlungseingängen (Stadtkasse)"
THREE_PARTS = (
    "Wo werden die Zahlungsdaten verarbeitet, wie werden Datenschutz und Steuergeheimnis gewahrt, und wurde der "
    "Personalrat beteiligt?"
)


def test_a_question_is_split_into_the_clauses_that_ask_something_of_their_own() -> None:
    assert question_parts(THREE_PARTS) == [
        "Wo werden die Zahlungsdaten verarbeitet",
        "wie werden Datenschutz und Steuergeheimnis gewahrt",
        "wurde der Personalrat beteiligt",
    ]
    assert question_parts("Werden Zahlungen ohne Prüfung gebucht? Welche Kontrollen bestehen?") == [
        "Werden Zahlungen ohne Prüfung gebucht",
        "Welche Kontrollen bestehen",
    ]
    simple = "Welche Kosten sind für Schulungen und Lizenzen entstanden?"  # a list inside one clause is one part
    assert question_parts(simple) == [simple]


def test_a_part_is_unanswered_when_the_draft_holds_little_of_it_beside_the_subjects_words() -> None:
    coverage = Coverage(chunks(load(BREKENFOERDE)))
    draft = "Die Datenschutz-Folgenabschätzung wurde am 20.10.2025 abgeschlossen; es gilt das Steuergeheimnis."
    assert unanswered(THREE_PARTS, draft, coverage, [SUBJECT]) == [
        "Wo werden die Zahlungsdaten verarbeitet",
        "wurde der Personalrat beteiligt",
    ]
    assert unanswered("Seit wann wird KassenAssist eingesetzt?", "", coverage, [SUBJECT]) == []  # one part


def test_the_questions_own_words_rank_the_passages_of_a_report_that_all_name_the_subject() -> None:
    report = "KassenAssist ordnet Zahlungseingänge der Stadtkasse zu."
    texts = {
        "urteil": f"{report} KassenAssist hat die Zuordnung in der Stadtkasse beschleunigt; KassenAssist bewährt sich.",
        "kosten": f"{report} Die Kosten von KassenAssist betragen 1.200 € monatlich.",
        "verfahren": f"{report} Die Stadtkasse zieht täglich eine Stichprobe; diese Kontrollen erfolgen zu zweit.",
    }
    found = [Chunk(key, key, "document", "Prüfbericht", text) for key, text in texts.items()]
    retriever = Retriever(HashEmbedder(), InMemoryVectorStore(), KeywordIndex(found), top_k=3, min_score=0.0)
    dense = [Passage(chunk, 0.9 - 0.1 * rank) for rank, chunk in enumerate(found)]  # the subject's words rank
    query = f"{SUBJECT} Welche Kontrollen bestehen?"
    assert retriever.ranked(query, dense=dense)[0].chunk.chunk_id == "urteil"
    ranked = retriever.ranked(query, dense=dense, focus="Welche Kontrollen bestehen?")
    assert ranked[0].chunk.chunk_id == "verfahren"


FIRST_PART = "Die Datenschutz-Folgenabschätzung wurde am 20.10.2025 abgeschlossen."


def _only_one_part(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """A fake model that answers one part of the question and stops, as the small model does."""
    sources = dict(SOURCE.findall(messages[-1].content))
    number = next(int(n) for n, text in sources.items() if FIRST_PART[:-1] in text)
    return json.dumps({"saetze": [{"text": FIRST_PART, "quelle": number}]}, ensure_ascii=False)


def test_a_draft_that_leaves_parts_open_is_completed_from_the_sources_own_sentences(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=_only_one_part), tmp_path)
    services.today = FIXED_TODAY
    kb = load(BREKENFOERDE)
    services.ensure_index(kb)
    inquiry = parse_inquiry(f"Anfrage: KassenAssist in der Stadtkasse\n\n1. {THREE_PARTS}\n", "anfrage.txt")
    answer: Answer = services.drafter(kb).answer(inquiry.questions[0], inquiry)
    assert "Der Personalrat hat der Einführung am 28.10.2025 zugestimmt" in answer.text
    assert PARTS_NOTE in answer.warnings
    assert answer.text.count("Datenschutz-Folgenabschätzung wurde am 20.10.2025") == 1  # not said twice
    assert len(answer.citations) == answer.text.count(" [")  # a sentence left out is not cited either


def test_a_bare_question_word_is_a_part_that_shares_the_predicate_of_the_clause_after_it() -> None:
    both = "Seit wann und für welchen Kreis von Beschäftigten steht BeKI im Bezirksamt zur Verfügung?"
    assert question_parts(both) == [
        "Seit wann",
        "für welchen Kreis von Beschäftigten steht BeKI im Bezirksamt zur Verfügung",
    ]
    assert question_parts("Wann und von wem wurde die Leitlinie beschlossen?") == [
        "Wann",
        "von wem wurde die Leitlinie beschlossen",
    ]
    assert question_parts("Wann wurde das beschlossen?") == ["Wann wurde das beschlossen?"]  # one part


def test_a_statement_before_the_question_is_no_part_of_it() -> None:
    text = (
        "Damals befanden sich drei Anwendungen im Produktivbetrieb. Wie viele sind es heute, und um welche handelt es "
        "sich?"
    )
    assert question_parts(text) == ["Wie viele sind es heute", "um welche handelt es sich"]


SPREEWIESEN = ROOT / "eval" / "kbs" / "bezirk-spreewiesen"


def test_a_question_the_data_answers_in_one_part_is_completed_from_the_sources(tmp_path: Path) -> None:
    """ "Seit wann und für welchen Kreis …?": the go-live date from the register and who may use it."""
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = load(SPREEWIESEN)
    services.ensure_index(kb)
    text = "Seit wann und für welchen Kreis von Beschäftigten steht BeKI im Bezirksamt zur Verfügung?"
    inquiry = parse_inquiry(f"Anfrage: BeKI im Bezirksamt\n\n1. {text}\n", "anfrage.txt")
    answer = services.drafter(kb).answer(inquiry.questions[0], inquiry)
    assert "03.11.2025" in answer.text
    assert "Bildschirmarbeitsplatz" in answer.text


def test_a_data_answer_that_leaves_a_part_open_sends_the_question_to_the_sources(tmp_path: Path) -> None:
    from assistant.drafting.structured import DataAnswer

    services = fake_services(FakeChatModel(), tmp_path)
    services.today = FIXED_TODAY
    kb = load(SPREEWIESEN)
    services.ensure_index(kb)
    drafter = services.drafter(kb)
    dated = DataAnswer("answered", ["Die Anwendung „BeKI“ ist seit dem 03.11.2025 im Regelbetrieb [1]."])
    both = "Seit wann und in welchen Ämtern wird BeKI für Übersetzungen eingesetzt?"
    inquiry = parse_inquiry(f"Anfrage: BeKI\n\n1. {both}\n\n2. Seit wann wird BeKI eingesetzt?\n", "anfrage.txt")
    readings = drafter.read(inquiry)
    first, second = inquiry.questions
    assert drafter._data_leaves(first, inquiry, readings[first.id], dated)
    assert not drafter._data_leaves(second, inquiry, readings[second.id], dated)


def test_a_part_asking_how_many_or_since_when_is_answered_only_by_a_count_or_a_day() -> None:
    from assistant.drafting.parts import holds_what_it_asks

    asked = "wie viele Beschäftigte und Führungskräfte haben sie bisher wahrgenommen"
    assert not holds_what_it_asks(asked, "Bis zum 30.06.2027 sollen alle Führungskräfte geschult sein.")
    assert holds_what_it_asks(asked, "812 von 1.310 Beschäftigten und 61 von 118 Führungskräften nahmen teil.")
    assert holds_what_it_asks("Seit wann wird BeKI eingesetzt", "BeKI ist seit dem 03.11.2025 im Regelbetrieb.")
    assert not holds_what_it_asks("Seit wann wird BeKI eingesetzt", "BeKI wird im Bürgeramt eingesetzt.")
    coverage = Coverage(chunks(load(ROOT / "eval" / "kbs" / "bezirksamt-alsterhagen")))
    question = "Welche Schulungen gibt es, und wie viele Führungskräfte haben das Modul abgeschlossen?"
    draft = "Es gibt ein E-Learning und ein Modul. Alle Führungskräfte sollen das Modul abschließen."  # no count
    assert unanswered(question, draft, coverage) == ["wie viele Führungskräfte haben das Modul abgeschlossen"]
    assert unanswered(question, draft + " 61 von 118 Führungskräften haben das Modul abgeschlossen.", coverage) == []
