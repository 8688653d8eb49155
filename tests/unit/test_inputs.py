"""Department input (Zuarbeit): requested by assignment, supplied by the department, drafted from."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import InquiryError, PermissionDenied, WorkflowError
from assistant.kb.load import load
from assistant.review.auth import Actor
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases import inputs
from assistant.web import actions
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_pipeline import HERNE_LIKE

CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
TODAY = date(2026, 12, 20)
INPUT = "Die Nutzung generativer KI ist freiwillig; niemand wird verpflichtet, sie zu verwenden."


def test_a_department_supplies_its_input_and_the_answer_is_drafted_from_it(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    department = services.users.add("fb10", None, "fachbereich", "Franziska Personal", department="FB10")
    other = services.users.add("fb20", None, "fachbereich", "Fritz Finanzen", department="FB20")
    inquiry_id = list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE, deadline="2026-12-31"))[-1][1]
    assert inquiry_id is not None
    answer = next(a for a in services.review.inquiry(inquiry_id).answers if a.question_id == "2")
    services.review.assign(CLERK, answer.id, "fb10", "2026-12-15")
    answer_note = services.review.history(answer.id)[-1].note

    [requested] = inputs.outstanding(services, TODAY)
    assert (requested.department, requested.question_id, requested.overdue(TODAY)) == ("FB10", "2", True)
    assert "ja" in inputs.outstanding_csv(services, TODAY).splitlines()[1]
    assert [a.answer_id for a in services.inputs.assigned("fb10")] == [answer.id]

    with pytest.raises(PermissionDenied, match="nicht zugewiesen"):
        inputs.supply(services, other, answer.id, INPUT)
    with pytest.raises(WorkflowError, match="leer"):
        inputs.supply(services, department, answer.id, "  ")
    supplied = inputs.supply(services, department, answer.id, INPUT)
    assert services.review.history(answer.id)[-1].note == answer_note  # stored; the model has not run
    redrafted = inputs.draft_from(services, department, supplied)

    cited = {c.source_id.split("#")[0] for c in redrafted.answer.citations}
    assert cited == {"documents/zuarbeit/anfrage-1-frage-2-1.md"}
    assert "freiwillig" in redrafted.answer.text and redrafted.state == "Entwurf"
    document = next(d for d in load(kb).documents if d.path.startswith("documents/zuarbeit/"))
    assert (document.type, document.owner) == ("zuarbeit", "FB10")
    assert inputs.outstanding(services, TODAY) == []
    [stored] = services.inputs.of(answer.id)
    assert (stored.author, stored.department, stored.text) == ("fb10", "FB10", INPUT)
    trail = [e.action for e in services.review.events(inquiry_id)]
    assert "input.supply" in trail and trail[-1] == "answer.redraft"
    assert "aus der Zuarbeit von FB10" in services.review.history(answer.id)[-1].note


def test_department_staff_see_only_their_tab_and_the_overview_counts_requests(tmp_path: Path) -> None:
    from assistant.web import inputs_tab, render

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    department = services.users.add("fb10", None, "fachbereich", "Franziska Personal", department="FB10")
    allowed = actions.controls(department)
    assert allowed["inputs"] and not allowed["read"] and not allowed["new"]
    assert actions.controls(CLERK)["read"] and actions.controls(CLERK)["inputs"]
    inquiry_id = list(actions.drafting(services, CLERK, DEMO_KB, text=HERNE_LIKE, deadline="2026-12-31"))[-1][1]
    assert inquiry_id is not None
    first, second = services.review.inquiry(inquiry_id).answers[:2]
    services.review.assign(CLERK, first.id, "fb10", "2026-12-15")
    services.review.assign(CLERK, second.id, "fb10", "2026-12-24")
    services.users.add("sb", None, "sachbearbeitung", "Sabine")
    services.review.assign(CLERK, services.review.inquiry(inquiry_id).answers[2].id, "sb")  # a clerk's own task
    requested = inputs.outstanding(services, TODAY)
    assert render.input_counts(requested, TODAY) == {inquiry_id: "2 offen · ⚠ 1 überfällig"}
    mine = inputs_tab.requested(services, department, TODAY)
    assert [a.answer_id for a in mine] == [first.id, second.id]
    assert "überfällig" in inputs_tab.label(mine[0], TODAY) and "bis 24.12.2026" in inputs_tab.label(mine[1], TODAY)
    assert "Bisheriger Entwurf" in inputs_tab.details(mine[0])


def test_an_input_may_bring_a_document_which_becomes_part_of_its_source(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    department = services.users.add("fb10", None, "fachbereich", "Franziska Personal", department="FB10")
    inquiry_id = list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE, deadline="2026-12-31"))[-1][1]
    assert inquiry_id is not None
    answer = services.review.inquiry(inquiry_id).answers[1]
    services.review.assign(CLERK, answer.id, "fb10")
    attachment = tmp_path / "schulungsstatistik.txt"
    attachment.write_text("Schulungsstatistik 2026\n\nTeilgenommen haben 312 Beschäftigte.\n", encoding="utf-8")
    inputs.supply(services, department, answer.id, INPUT, attachment)
    written = (kb / "documents" / "zuarbeit" / "anfrage-1-frage-2-1.md").read_text(encoding="utf-8")
    assert "## Anlage: schulungsstatistik.txt" in written and "312 Beschäftigte" in written
    with pytest.raises(InquiryError):
        inputs.supply(services, department, answer.id, INPUT, tmp_path / "fehlt.pdf")
    assert len(services.inputs.of(answer.id)) == 1  # an unreadable document stores nothing


def test_the_department_tab_stores_the_input_and_a_worker_drafts_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from functools import partial

    from assistant.jobs.queue import work
    from assistant.usecases.jobs import run_job
    from assistant.web import inputs_tab, render

    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    worker = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    inquiry_id = list(actions.drafting(worker, CLERK, kb, text=HERNE_LIKE, deadline="2026-12-31"))[-1][1]
    assert inquiry_id is not None
    page = fake_services(FakeChatModel(), tmp_path, today=TODAY, jobs={"queue": "database"})  # same database
    department = page.users.add("fb10", None, "fachbereich", "Franziska Personal", department="FB10")
    answer = page.review.inquiry(inquiry_id).answers[1]
    page.review.assign(CLERK, answer.id, "fb10")
    monkeypatch.setattr(page, "drafter", lambda kb: pytest.fail("the web process drafted"))
    request = inputs_tab.redraft_request(department, inputs.supply(page, department, answer.id, INPUT))
    assert (request.kind, request.priority, request.payload["department"]) == ("input_redraft", 10, "FB10")
    job = page.jobs.add(request, 0.0)
    stop = threading.Event()
    args = (worker.jobs, partial(run_job, worker, worker.jobs), stop, "worker", worker.settings.jobs)
    assert work(*args, once=True) == 1
    *_, seen = actions.watch(page, job.id)
    assert "die Antwort wurde daraus neu entworfen" in render.input_text(seen, 0.0, "database")
    redrafted = page.review.answer(answer.id)
    assert {c.source_id.split("#")[0] for c in redrafted.answer.citations} == {
        "documents/zuarbeit/anfrage-1-frage-2-1.md"
    }
    assert "aus der Zuarbeit von FB10" in page.review.history(answer.id)[-1].note
    assert [e.actor for e in page.review.events(inquiry_id) if e.action == "answer.redraft"] == ["fb10"]
    assert page.llm.calls == []  # type: ignore[attr-defined]
