"""Question understanding: intent, aspects and subject resolved in the inquiry's context."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Inquiry, Question
from assistant.drafting.classify import Intent, intents
from assistant.drafting.understand import Understanding
from assistant.evaluation.understanding import score
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from tests.conftest import ROOT

TODAY = date(2026, 11, 21)
LABELLED = ROOT / "eval" / "understanding" / "questions.yaml"


@pytest.mark.parametrize(
    ("text", "intent", "also"),
    [
        ("Welche Systeme stehen in der Übersicht?", Intent.LISTING, ()),
        ("Wo kommt KI in der Kreisverwaltung bereits zum Einsatz?", Intent.LISTING, ()),
        ("Bitte listen Sie alle Pilotprojekte auf.", Intent.LISTING, ()),
        ("Seit wann ist er in Betrieb?", Intent.DATE, ()),
        ("Was hat das bisher gekostet?", Intent.AMOUNT, ()),
        ("Wie viele Beschäftigte nutzen das System?", Intent.COUNT, ()),
        ("Wer ist für die Pflege der Inhalte zuständig?", Intent.UNIT, ()),
        ("Wurde eine Datenschutz-Folgenabschätzung durchgeführt?", Intent.YES_NO, ()),
        ("Wie wird sichergestellt, dass Menschen die Ergebnisse prüfen?", Intent.DESCRIPTION, ()),
        ("Wie bewertet die Verwaltung den bisherigen Einsatz?", Intent.JUDGEMENT, ()),
        ("Hält die Landesregierung die Mittel für ausreichend?", Intent.JUDGEMENT, ()),
        (
            "Über welche Leitlinien verfügt das Bezirksamt, und seit wann gelten diese jeweils?",
            Intent.DATE,
            (Intent.DESCRIPTION,),
        ),
        ("Gibt es eine KI-Strategie? Wenn ja, seit wann?", Intent.DATE, (Intent.YES_NO,)),
    ],
)
def test_intent_follows_german_question_syntax(text: str, intent: Intent, also: tuple[Intent, ...]) -> None:
    assert intents(text) == (intent, also)


def _inquiry(subject: str, *texts: str) -> Inquiry:
    return Inquiry(
        "Kleine Anfrage", tuple(Question(str(n), f"{n}.", t) for n, t in enumerate(texts, 1)), subject=subject
    )


def test_pronouns_take_the_subject_of_the_inquiry(demo_kb: KnowledgeBase) -> None:
    inquiry = _inquiry(
        "Einsatz der maschinellen Übersetzung DeepL",
        "Seit wann ist sie in Betrieb?",
        "Welches Produkt wird verwendet?",
        "Welche weiteren KI-Anwendungen setzt die Stadt ein?",
        "Gibt es eine Dienstvereinbarung zum Einsatz von KI?",
    )
    readings = Understanding(demo_kb, today=TODAY).read(inquiry)
    deepl = next(r.get("id") for r in demo_kb.inventory if "DeepL" in r.get("name"))
    assert readings["1"].subject.applications == (deepl,) and readings["1"].column == "go_live"
    assert readings["2"].intent == Intent.ATTRIBUTE and readings["2"].column == "vendor"
    assert readings["3"].subject.everything and readings["3"].intent == Intent.LISTING
    assert readings["4"].intent == Intent.YES_NO and not readings["4"].subject.everything


def test_an_application_the_question_names_must_exist(demo_kb: KnowledgeBase) -> None:
    inquiry = _inquiry("KI in der Verwaltung", "Nutzt das Bezirksamt die Plattform LLMoin?")
    reading = Understanding(demo_kb, today=TODAY).read(inquiry)["1"]
    assert reading.subject.applications == () and not reading.subject.everything


def test_sub_questions_inherit_the_parents_money_question(demo_kb: KnowledgeBase) -> None:
    questions = (
        Question("1", "1.", "Welche Mittel hat die Stadt für KI eingeplant, und zwar", asks=False),
        Question("1a", "a)", "im Jahr 2026?", parent="1"),
        Question("1b", "b)", "für Schulungen?", parent="1"),
    )
    readings = Understanding(demo_kb, today=TODAY).read(Inquiry("Anfrage", questions))
    assert readings["1a"].intent == Intent.AMOUNT and readings["1a"].years == ("2026",)
    assert readings["1b"].intent == Intent.AMOUNT and readings["1b"].categories == ("training",)


def test_labelled_question_variants_without_a_model() -> None:
    """The rules alone on the labelled set (eval/understanding); the embedder's share is a `make bench` figure."""
    result = score(LABELLED, today=TODAY)
    assert result.count() >= 200
    for half in ("dev", "test"):
        assert result.share("intent_ok", half) >= 0.85, half
        assert result.share("subject_ok", half) >= 0.88, half


def test_the_labelled_set_refers_to_existing_applications() -> None:
    import yaml

    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    known: dict[str, set[str]] = {}
    for block in data["inquiries"]:
        kb = block["kb"]
        if kb not in known:
            known[kb] = {r.get("id") for r in load(Path(LABELLED.parent / kb)).inventory}
        for question in block["questions"]:
            assert set(question.get("subject") or ()) - {"all"} <= known[kb], question["text"]
            assert question["intent"] in {i.value for i in Intent}


@pytest.mark.parametrize(
    ("text", "judgement"),
    [
        ("Welche konkreten Vorschläge hat das Bezirksamt, um die Bezirksversammlung zu beteiligen?", True),
        ("Welche Einschätzung hat die Verwaltung zum Einsatz von KI?", True),
        ("Welche Vorschläge wurden von den Beschäftigten eingereicht?", False),
        ("Welche konkreten Anwendungen gibt es?", False),
    ],
)
def test_a_question_for_the_administrations_own_view_is_a_judgement(text: str, judgement: bool) -> None:
    assert (intents(text)[0] == Intent.JUDGEMENT) is judgement
