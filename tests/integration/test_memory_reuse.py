"""Issue 16's must-show: release the Hagen inquiry, then draft the Herne inquiry – the questions
Hagen already answered are offered its released answers, a figure changed in between is flagged,
and taking one over needs no model. Real embeddings (they decide what is "the same question");
the drafts come from the fake model, which copies its passages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.inquiry.parse import parse_inquiry
from assistant.provision import EMBEDDING, is_installed
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.settings import load_settings
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases import memory
from assistant.usecases.drafting import draft_into_review
from assistant.web import actions
from tests.conftest import DEMO_KB, ROOT

pytestmark = pytest.mark.integration
CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
APPROVER = Actor("fg", frozenset({"freigabe"}))
MUSTERGPT = "2025-03,,460,no,done"  # in KI-001's row, just after its costs 48000,36000


def released(services: Services, kb: Path, text: str) -> int:
    inquiry_id = draft_into_review(services, services.review, CLERK, kb, parse_inquiry(text))
    actions.submit_all(services, CLERK, inquiry_id, None)
    for answer in services.review.inquiry(inquiry_id).answers:
        services.review.approve(APPROVER, answer.id, answer.version)
    memory.release(services, APPROVER, inquiry_id)
    return inquiry_id


def test_hagen_released_then_herne_is_offered_its_answers(shared_inquiries: Path, tmp_path: Path) -> None:
    if not is_installed(EMBEDDING, ROOT / "models"):
        pytest.fail(f"{EMBEDDING.description} fehlt: zuerst 'make models' ausführen")
    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    llm = FakeChatModel(responder=copying_responder)
    settings = load_settings(environ={}, overrides={"models_dir": str(ROOT / "models"), "data_dir": str(tmp_path)})
    services = Services(settings, llm=llm)
    hagen = released(services, kb, (shared_inquiries / "hagen-fdp-2026-04-13.txt").read_text(encoding="utf-8"))
    hagen_title = services.review.inquiry(hagen).summary.title

    # Between the two inquiries, MusterGPT's one-time cost changes from 48.000 to 52.000 Euro.
    inventory = kb / "inventory.csv"
    text = inventory.read_text(encoding="utf-8")
    assert text.count("48000,36000,11.12.01.542100") == 1 and MUSTERGPT in text
    inventory.write_text(text.replace("48000,36000,11.12.01.542100", "52000,36000,11.12.01.542100"), encoding="utf-8")

    herne_text = (shared_inquiries / "herne-fdp-2025-05-06.txt").read_text(encoding="utf-8")
    herne = draft_into_review(services, services.review, CLERK, kb, parse_inquiry(herne_text))
    answers = {a.question_id: a for a in services.review.inquiry(herne).answers}
    offered = {q: memory.offers(services, a.id) for q, a in answers.items()}
    # Applications, pilots, strategy and data protection were asked in Hagen too (funding was not).
    for question in ("1", "2", "3", "5"):
        assert offered[question] and offered[question][0].reply.inquiry_title == hagen_title, question
    flagged = [w for offers in offered.values() for o in offers for w in o.warnings]
    assert any("MusterGPT" in w and "vorher 48.000, jetzt 52.000" in w for w in flagged), flagged

    calls = len(llm.calls)
    strategy = answers["3"]
    taken = memory.take_over(services, CLERK, strategy.id, offered["3"][0].reply.id, strategy.version)
    assert len(llm.calls) == calls  # no model
    assert taken.answer.text.startswith("Wie bereits in der Antwort vom ")
    assert taken.answer.citations == offered["3"][0].reply.citations
