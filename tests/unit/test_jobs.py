"""Drafting as jobs: the contract every ``JobStore`` passes (the review database on SQLite and
PostgreSQL, and the fake), and what a worker does with a job: progress, priority, cancellation,
and taking over the job of a worker that was killed without drafting any answer twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from assistant.inquiry.parse import parse_inquiry
from assistant.jobs.model import Job, JobKind, JobRequest, JobState
from assistant.jobs.queue import work
from assistant.jobs.store import DatabaseJobs, JobStore
from assistant.review.auth import Actor
from assistant.review.db import open_database
from assistant.services import Services
from assistant.testing.fakes import FakeChatModel, MemoryJobs, copying_responder
from assistant.usecases.jobs import queue_for, run_job, work_threads
from assistant.web import render
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_pipeline import HERNE_LIKE

CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
# Questions 1 and 3 come from the data, drafted first; 2 and 4 need the model.
TWO_FOR_THE_MODEL = HERNE_LIKE + "  • Wie werden die Beschäftigten im Umgang mit KI geschult?\n"
T0 = 1_800_000_000.0


def request(kind: JobKind = JobKind.DRAFT_INQUIRY, inquiry_id: int = 1) -> JobRequest:
    answer = 7 if kind == JobKind.REDRAFT_ANSWER else None
    return JobRequest(kind, CLERK.name, CLERK.roles, inquiry_id, answer, {"expected_version": 2})


@pytest.fixture(params=["database", "fake"])
def store(request: pytest.FixtureRequest, database_url: str) -> Iterator[JobStore]:
    if request.param == "fake":  # (runs once per database parameter, which costs nothing)
        yield MemoryJobs()
        return
    yield DatabaseJobs(open_database(database_url))


def test_a_job_is_stored_as_submitted_and_found_by_its_inquiry(store: JobStore) -> None:
    first = store.add(request(), T0)
    second = store.add(request(JobKind.REDRAFT_ANSWER), T0 + 1)
    assert first.state == JobState.QUEUED and first.request == request() and first.created == T0
    assert store.get(second.id) == second and second.request.payload == {"expected_version": 2}
    assert store.latest(1) == second and store.latest(99) is None and store.get(999) is None


def test_a_redraft_is_claimed_before_an_inquiry_and_no_job_twice(store: JobStore) -> None:
    inquiry = store.add(request(), T0)
    redraft = store.add(request(JobKind.REDRAFT_ANSWER), T0 + 1)
    taken = [store.claim("w1", T0 + 2, T0 - 60), store.claim("w2", T0 + 2, T0 - 60), store.claim("w3", T0 + 2, T0)]
    assert [j.id if j else None for j in taken] == [redraft.id, inquiry.id, None]
    assert taken[0] is not None and taken[0].state == JobState.RUNNING and taken[0].worker == "w1"


def test_a_reindex_belongs_to_no_inquiry_goes_between_a_redraft_and_an_inquiry_and_keeps_its_counts(
    store: JobStore,
) -> None:
    inquiry = store.add(request(), T0)
    reindex = store.add(JobRequest(JobKind.REINDEX, "kb", frozenset({"kb_redaktion"}), None, payload={"kb": "/kb"}), T0)
    redraft = store.add(request(JobKind.REDRAFT_ANSWER), T0 + 1)
    assert store.get(reindex.id) == reindex and reindex.request.inquiry_id is None and store.latest(1) == redraft
    taken = [store.claim("w", T0 + 2, T0 - 60) for _ in range(3)]
    assert [j.id if j else None for j in taken] == [redraft.id, reindex.id, inquiry.id]
    store.finish(reindex.id, JobState.DONE, summary="3 neu, 0 geändert, 0 entfernt, 9 unverändert")
    done = store.get(reindex.id)
    assert done is not None and done.state == JobState.DONE and done.live.startswith("3 neu")


def test_a_more_urgent_job_is_seen_and_a_released_job_waits_again_with_its_progress(store: JobStore) -> None:
    inquiry = store.add(request(), T0)
    assert store.claim("w1", T0, T0 - 60) is not None and not store.urgent(0)
    store.report(inquiry.id, T0 + 1, done=1, total=3, current="2", live="…")
    redraft = store.add(request(JobKind.REDRAFT_ANSWER), T0 + 2)
    assert store.urgent(0) and not store.urgent(10)
    store.release(inquiry.id)
    again = store.get(inquiry.id)
    assert again is not None and again.state == JobState.QUEUED and again.done == 1 and again.worker == ""
    taken = [store.claim("w2", T0 + 3, T0 - 60), store.claim("w2", T0 + 3, T0 - 60)]
    assert [j.id if j else None for j in taken] == [redraft.id, inquiry.id]


def test_progress_is_reported_and_a_cancellation_is_seen_by_the_worker(store: JobStore) -> None:
    job = store.add(request(), T0)
    assert store.claim("w1", T0, T0 - 60) is not None
    state = store.report(job.id, T0 + 5, done=1, total=3, current="2", live="Die Stadt …")
    found = store.get(job.id)
    assert state == JobState.RUNNING and found is not None
    assert (found.done, found.total, found.current, found.live, found.heartbeat) == (1, 3, "2", "Die Stadt …", T0 + 5)
    assert store.cancel(job.id) and not store.cancel(job.id)
    assert store.report(job.id, T0 + 6, done=2, total=3, current="3", live="") == JobState.CANCELLED
    store.finish(job.id, JobState.DONE)  # the worker ends it; the clerk's cancellation stays
    finished = store.get(job.id)
    assert finished is not None and finished.state == JobState.CANCELLED and finished.done == 1


def test_a_running_job_whose_heartbeat_stopped_is_taken_over_and_only_then(store: JobStore) -> None:
    job = store.add(request(), T0)
    assert store.claim("killed", T0, T0 - 60) is not None
    assert store.beat(job.id, T0 + 10) == JobState.RUNNING
    assert store.claim("w2", T0 + 30, T0 + 30 - 60) is None  # alive: its heartbeat is 20 s old
    assert store.start(job.id, "procrastinate", T0 + 30, T0 + 30 - 60) is None
    taken = store.claim("w2", T0 + 80, T0 + 80 - 60)  # 70 s without a heartbeat
    assert taken is not None and taken.worker == "w2" and taken.heartbeat == T0 + 80
    store.finish(job.id, JobState.FAILED, "Fehler")
    assert store.start(job.id, "procrastinate", T0 + 200, T0 + 200) is None
    ended = store.get(job.id)
    assert ended is not None and ended.state == JobState.FAILED and ended.error == "Fehler"


# --- what a worker does with a job (fake models, the review database in a temporary folder) ---


def _inquiry(services: Services, text: str = HERNE_LIKE) -> int:
    inquiry = parse_inquiry(text)
    return services.review.create_inquiry(CLERK, inquiry, kb_path=str(DEMO_KB))


def _drafted(services: Services, inquiry_id: int) -> list[str]:
    return [a.question_id for a in services.review.inquiry(inquiry_id).answers]


def _records(services: Services, inquiry_id: int) -> dict[str, tuple[int, int]]:
    """Each drafted question's answer record and version: a question drafted twice would change either."""
    return {a.question_id: (a.id, a.version) for a in services.review.inquiry(inquiry_id).answers}


class Killed(BaseException):
    """What ``kill -9`` looks like from inside: the worker stops between two statements."""


def test_a_killed_worker_s_job_is_finished_by_the_next_without_drafting_an_answer_twice(tmp_path: Path) -> None:
    calls: list[str] = []

    def dies_at_first_model_call(messages, schema):  # type: ignore[no-untyped-def]
        calls.append(messages[-1].content[:60])
        if len(calls) == 1:  # questions 1 and 3 come from the data, first; question 2 is the first model call
            raise Killed()
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=dies_at_first_model_call), tmp_path)
    inquiry_id = _inquiry(services)
    job = services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id), T0)
    claimed = services.jobs.claim("first", T0, T0 - 60)
    assert claimed is not None
    with pytest.raises(Killed):
        run_job(services, services.jobs, claimed, clock=lambda: T0)
    before = _records(services, inquiry_id)
    assert sorted(before) == ["1", "3"] and services.jobs.get(job.id).state == JobState.RUNNING  # type: ignore[union-attr]
    later = partial(run_job, services, services.jobs, clock=lambda: T0 + 120)
    ran = work(
        services.jobs, later, threading.Event(), "second", services.settings.jobs, once=True, clock=lambda: T0 + 120
    )
    after = _records(services, inquiry_id)
    assert ran == 1 and sorted(after) == ["1", "2", "3"] and {q: after[q] for q in before} == before
    finished = services.jobs.get(job.id)
    assert finished is not None and finished.state == JobState.DONE and finished.worker == "second"
    assert services.review.inquiry(inquiry_id).summary.state == "review"


def test_a_cancelled_job_stops_after_the_answer_being_drafted_and_keeps_the_others(tmp_path: Path) -> None:
    holder: dict[str, int] = {}

    def cancels_during_first_call(messages, schema):  # type: ignore[no-untyped-def]
        holder["calls"] = holder.get("calls", 0) + 1
        if holder["calls"] == 1:
            queue_for(services).cancel(holder["job"])  # the clerk presses "Entwerfen abbrechen"
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=cancels_during_first_call), tmp_path)
    inquiry_id = _inquiry(services, TWO_FOR_THE_MODEL)
    holder["job"] = services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id), T0).id
    claimed = services.jobs.claim("w", T0, T0 - 60)
    assert claimed is not None and run_job(services, services.jobs, claimed) == JobState.CANCELLED
    drafted = _drafted(services, inquiry_id)  # the data's answers, and the one the model was drafting
    assert drafted == ["1", "2", "3"] and services.review.inquiry(inquiry_id).summary.state == "drafting"


def test_an_inquiry_gives_way_to_a_redraft_after_its_stored_answer_and_resumes(tmp_path: Path) -> None:
    """A clerk's redraft waits for one answer of a running inquiry, not for the whole inquiry."""
    holder: dict[str, int] = {}

    def redraft_pressed_during_first_call(messages, schema):  # type: ignore[no-untyped-def]
        holder["calls"] = holder.get("calls", 0) + 1
        if holder["calls"] == 1 and "answer" in holder:  # the clerk presses "Neu entwerfen" on another inquiry
            payload = {"expected_version": 1}
            pressed = JobRequest(
                JobKind.REDRAFT_ANSWER, CLERK.name, CLERK.roles, holder["other"], holder["answer"], payload
            )
            holder["redraft"] = queue_for(services).submit(pressed).id
        return copying_responder(messages, schema)

    model = FakeChatModel(responder=redraft_pressed_during_first_call)
    services = fake_services(model, tmp_path, jobs={"queue": "database"})
    holder["other"] = _inquiry(services)
    services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, holder["other"]), T0)
    work_threads(services, threading.Event(), 1, once=True)
    holder["answer"] = services.review.inquiry(holder["other"]).answers[0].id
    holder["calls"] = 0
    inquiry_id = _inquiry(services, TWO_FOR_THE_MODEL)
    job = services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id), T0)
    assert work_threads(services, threading.Event(), 1, once=True) == 3  # the inquiry, the redraft, the inquiry
    drafting = ("answer.draft", "answer.redraft")
    order = [(e.action, e.inquiry_id) for e in services.review.events() if e.action in drafting]
    mine = [i for i, (_, inquiry) in enumerate(order) if inquiry == inquiry_id]
    redrafted = order.index(("answer.redraft", holder["other"]))
    assert mine[0] < redrafted < mine[-1], order  # after an answer the model drafted, before the inquiry's last
    assert _drafted(services, inquiry_id) == ["1", "2", "3", "4"] and len(mine) == 4  # none drafted twice
    done, redraft = services.jobs.get(job.id), services.jobs.get(holder["redraft"])
    assert done is not None and done.state == JobState.DONE and redraft is not None and redraft.state == JobState.DONE


def test_a_failing_job_says_why_and_the_worker_goes_on(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    broken = services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, 4711), T0)
    good = services.jobs.add(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, _inquiry(services)), T0)
    assert work_threads(services, threading.Event(), 1, once=True) == 2
    failed, done = services.jobs.get(broken.id), services.jobs.get(good.id)
    assert failed is not None and failed.state == JobState.FAILED and failed.error
    assert done is not None and done.state == JobState.DONE


def test_the_page_says_what_a_job_is_doing() -> None:
    queued = Job(1, request(), JobState.QUEUED)
    assert "wartet" in render.job_text(queued, 5, "database") and "assistant worker" not in render.job_text(
        queued, 5, "database"
    )
    assert "assistant worker" in render.job_text(queued, 60, "database")
    assert "assistant worker" not in render.job_text(queued, 60, "in-process")
    running = Job(1, request(), JobState.RUNNING, done=1, total=3, current="2", live="Die Stadt")
    text = render.job_text(running, 1, "in-process")
    assert "1 von 3 Entwürfen gespeichert" in text and "Frage 2 wird entworfen (2/3)" in text and "Die Stadt" in text
    gave_way = render.job_text(Job(1, request(), JobState.QUEUED, done=1, total=3), 90, "database")
    assert "1 von 3 Entwürfen gespeichert" in gave_way and "Neufassung" in gave_way
    assert "Alle Entwürfe sind erstellt" in render.job_text(Job(1, request(), JobState.DONE), 1, "x")
    assert "auf Wunsch abgebrochen" in render.job_text(Job(1, request(), JobState.CANCELLED), 1, "x")
    failed = Job(1, request(JobKind.REDRAFT_ANSWER), JobState.FAILED, error="Modell fehlt")
    assert "Neu entwerfen ist fehlgeschlagen" in render.job_text(failed, 1, "x") and "Modell fehlt" in render.job_text(
        failed, 1, "x"
    )


def test_with_separate_workers_the_page_follows_a_job_another_process_drafts(tmp_path: Path) -> None:
    from assistant.web import actions

    page = fake_services(FakeChatModel(responder=copying_responder), tmp_path, jobs={"queue": "database"})
    worker = fake_services(FakeChatModel(responder=copying_responder), tmp_path)  # the same database
    stop = threading.Event()
    runner = partial(run_job, worker, worker.jobs)
    args = (worker.jobs, runner, stop, "worker", worker.settings.jobs)
    thread = threading.Thread(target=work, args=args, daemon=True)
    thread.start()
    try:
        steps = list(actions.drafting(page, CLERK, DEMO_KB, text=HERNE_LIKE))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert "Alle Entwürfe sind erstellt" in steps[-1].text and steps[-1].inquiry_id is not None
    assert page.llm.calls == [] and worker.llm.calls  # type: ignore[attr-defined]
    job = page.jobs.get(steps[-1].job_id or 0)
    assert job is not None and job.worker == "worker"


def test_a_reindex_runs_in_a_worker_and_the_knowledge_base_tab_shows_its_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.review.states import Action
    from assistant.web import kb_tab

    page = fake_services(FakeChatModel(), tmp_path, jobs={"queue": "database"})
    worker = fake_services(FakeChatModel(), tmp_path)  # the same database, its own models and index
    monkeypatch.setattr(page, "ingest", lambda *a, **k: pytest.fail("the web process embedded the knowledge base"))
    editor = Actor("kb", frozenset({"kb_redaktion"}))
    stop = threading.Event()
    args = (worker.jobs, partial(run_job, worker, worker.jobs), stop, "worker", worker.settings.jobs)
    thread = threading.Thread(target=work, args=args, daemon=True)
    thread.start()
    try:
        steps = list(kb_tab.reindexing(page, editor, DEMO_KB))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert steps[0].startswith("⏳") and steps[-1].startswith("✔ Index aktuell: ") and " neu, " in steps[-1]
    assert int(steps[-1].split(": ")[1].split(" neu")[0]) > 0  # the worker's index was empty
    logged = [e for e in page.review.events() if e.action == Action.KB_REINDEX.value and e.allowed]
    assert [e.actor for e in logged] == ["kb"]  # written by the worker, as the editor who pressed it
    refused = list(kb_tab.reindexing(page, CLERK, DEMO_KB))
    assert len(refused) == 1 and refused[0].startswith("⚠") and page.jobs.get(2) is None  # no job for it


def test_the_knowledge_base_tab_says_what_a_reindex_job_is_doing() -> None:
    job = Job(1, JobRequest(JobKind.REINDEX, "kb", frozenset(), None, payload={"kb": "/kb"}), JobState.RUNNING)
    assert render.reindex_text(job, 1, "database") == "⏳ Index wird aktualisiert …"
    assert "40 von 120 Abschnitten" in render.reindex_text(replace(job, done=40, total=120), 1, "database")
    assert "assistant worker" in render.reindex_text(replace(job, state=JobState.QUEUED), 60, "database")
    done = replace(job, state=JobState.DONE, live="1 neu, 0 geändert, 0 entfernt, 5 unverändert")
    assert render.reindex_text(done, 1, "x") == "✔ Index aktuell: 1 neu, 0 geändert, 0 entfernt, 5 unverändert."
    assert "Platte voll" in render.reindex_text(replace(job, state=JobState.FAILED, error="Platte voll"), 1, "x")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # procrastinate needs PostgreSQL
def test_procrastinate_takes_the_job_from_postgresql(tmp_path: Path, database_url: str) -> None:
    from assistant.usecases.jobs import run_procrastinate

    overrides = {"review": {"database_url": database_url}, "jobs": {"queue": "procrastinate"}}
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, **overrides)
    inquiry_id = _inquiry(services)
    queue = queue_for(services)
    job = queue.submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id))
    deferred = list(queue.app.job_manager.list_jobs())  # type: ignore[attr-defined]
    assert [(j.task_name, j.priority, j.task_kwargs) for j in deferred] == [("assistant.draft", 0, {"job_id": job.id})]
    run_procrastinate(services, 1, wait=False)
    done = services.jobs.get(job.id)
    assert (
        done is not None and done.state == JobState.DONE and sorted(_drafted(services, inquiry_id)) == ["1", "2", "3"]
    )


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_with_procrastinate_an_inquiry_gives_way_to_a_redraft_and_is_deferred_again(
    tmp_path: Path, database_url: str
) -> None:
    from assistant.usecases.jobs import run_procrastinate

    holder: dict[str, int] = {}

    def redraft_pressed(messages, schema):  # type: ignore[no-untyped-def]
        if "answer" in holder and "redraft" not in holder:
            payload = {"expected_version": 1}
            pressed = JobRequest(
                JobKind.REDRAFT_ANSWER, CLERK.name, CLERK.roles, holder["other"], holder["answer"], payload
            )
            holder["redraft"] = queue_for(services).submit(pressed).id
        return copying_responder(messages, schema)

    overrides = {"review": {"database_url": database_url}, "jobs": {"queue": "procrastinate"}}
    services = fake_services(FakeChatModel(responder=redraft_pressed), tmp_path, **overrides)
    holder["other"] = _inquiry(services)
    queue_for(services).submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, holder["other"]))
    run_procrastinate(services, 1, wait=False)
    holder["answer"] = services.review.inquiry(holder["other"]).answers[0].id
    inquiry_id = _inquiry(services, TWO_FOR_THE_MODEL)
    job = queue_for(services).submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id))
    run_procrastinate(services, 1, wait=False)
    drafting = ("answer.draft", "answer.redraft")
    order = [(e.action, e.inquiry_id) for e in services.review.events() if e.action in drafting]
    mine = [i for i, (_, inquiry) in enumerate(order) if inquiry == inquiry_id]
    assert mine[0] < order.index(("answer.redraft", holder["other"])) < mine[-1], order
    done = services.jobs.get(job.id)
    assert done is not None and done.state == JobState.DONE and _drafted(services, inquiry_id) == ["1", "2", "3", "4"]


def test_the_page_cancels_a_job_and_stops_following_a_redraft_no_worker_takes(tmp_path: Path) -> None:
    from assistant.web import actions

    page = fake_services(FakeChatModel(responder=copying_responder), tmp_path, jobs={"queue": "database"})
    inquiry_id = _inquiry(page)
    job = queue_for(page).submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id))
    waiting = list(actions.follow(page, job.id, limit=0.2))  # no worker runs
    assert "eingereiht" in waiting[-1].text and "läuft weiter" in waiting[-1].text
    assert "Abbruch angefordert" in actions.cancel_drafting(page, CLERK, job.id)
    assert "bereits beendet" in actions.cancel_drafting(page, CLERK, job.id)
    ended = page.jobs.get(job.id)
    assert ended is not None and ended.state == JobState.CANCELLED
    assert "auf Wunsch abgebrochen" in list(actions.follow(page, job.id))[-1].text


def test_an_evaluation_run_is_a_job_a_worker_drafts_and_scores_into_its_report(tmp_path: Path) -> None:
    from assistant.usecases import evaluations
    from tests.conftest import ROOT

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    case = ROOT / "eval" / "cases" / "edge-leeres-verzeichnis.yaml"
    job = services.jobs.add(evaluations.request("eva", case, tmp_path / "report"), T0)
    assert job.request.priority < JobRequest(JobKind.DRAFT_INQUIRY, "sb", frozenset(), 1).priority  # waits for clerks
    assert run_job(services, services.jobs, job) == JobState.DONE
    done = services.jobs.get(job.id)
    assert done is not None and done.live.startswith("1 Fälle, Faktenquote ")
    assert (tmp_path / "report" / "results.json").is_file() and (tmp_path / "report" / "report.html").is_file()
    missing = services.jobs.add(evaluations.request("eva", tmp_path / "keine-faelle", tmp_path / "r2"), T0)
    assert run_job(services, services.jobs, missing) == JobState.FAILED
    failed = services.jobs.get(missing.id)
    assert failed is not None and "keine-faelle" in failed.error
