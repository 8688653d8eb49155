"""The office's memory: released answers stored, offered again, re-checked, moved as files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Citation, Reply, Table
from assistant.errors import KnowledgeBaseError, PermissionDenied
from assistant.kb.load import load
from assistant.reuse import folder
from assistant.reuse.recheck import differences
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.testing.fakes import FakeChatModel, HashEmbedder, copying_responder
from assistant.usecases import memory
from assistant.web import actions
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_pipeline import HERNE_LIKE

CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
APPROVER = Actor("fg", frozenset({"freigabe"}))
EDITOR = Actor("kb", frozenset({"kb_redaktion"}))
TODAY = date(2026, 5, 4)


def _services(tmp_path: Path) -> tuple[Services, Path]:
    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    return fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY), kb


def _released(services: Services, kb: Path) -> int:
    """HERNE_LIKE drafted, approved by a second person and released."""
    inquiry_id = list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE))[-1][1]
    assert inquiry_id is not None
    actions.submit_all(services, CLERK, inquiry_id, None)
    for answer in services.review.inquiry(inquiry_id).answers:
        services.review.approve(APPROVER, answer.id, answer.version)
    memory.release(services, APPROVER, inquiry_id)
    return inquiry_id


def test_released_answers_become_memory_and_are_offered_again_with_what_changed(tmp_path: Path) -> None:
    services, kb = _services(tmp_path)
    assert services.memory.all() == []
    first = _released(services, kb)
    replies = services.memory.all()
    released = services.review.inquiry(first)
    assert sorted(r.question for r in replies) == sorted(q.text for q in released.inquiry.answerable())
    assert {r.term for r in replies} == {"2025–2030"} and {r.approved_by for r in replies} == {"fg"}
    assert {r.released for r in replies} == {date.today().isoformat()}

    # A budget figure changes in the knowledge base; the same questions are asked again.
    budget = kb / "budget.csv"
    line = "2026,54.10.01.542100,Betrieb Straßenzustandserfassung,licenses,consumptive,"
    budget.write_text(budget.read_text(encoding="utf-8").replace(line + "24000", line + "31000"), encoding="utf-8")
    second = list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE))[-1][1]
    assert second is not None
    answers = services.review.inquiry(second).answers
    money = next(a for a in answers if a.question_id == "3")
    offered = memory.offers(services, money.id)
    assert offered and offered[0].reply.question == "Welche Mittel sind im Haushalt 2026 für Lizenzen vorgesehen?"
    changed = "„Haushalt 2026: Betrieb Straßenzustandserfassung“ hat sich seit der Antwort geändert – vorher 24.000"
    assert any(w.endswith(f"{changed}, jetzt 31.000") for w in offered[0].warnings), offered[0].warnings
    unchanged = next(a for a in answers if a.question_id == "2")
    assert memory.offers(services, unchanged.id)[0].warnings == ()

    shown = actions.screen(services, second, money.id)
    assert "Antwort vom" in shown.earlier and "jetzt 31.000" in shown.earlier and shown.earlier_choices
    taken = actions.take_over(services, CLERK, second, money.id, offered[0].reply.id, money.version)
    assert taken.message.startswith("✔ Frühere Antwort übernommen; 1 Abweichung")
    now = services.review.answer(money.id)
    assert now.answer.text.startswith("Wie bereits in der Antwort vom ") and now.answer.status == "reused"
    assert now.provenance["reused_reply"] == offered[0].reply.id and now.provenance["model"] == ""
    assert services.review.history(money.id)[-1].note.startswith("Neu entworfen (aus der Antwort vom")
    assert [e.action for e in services.review.events(second)][-1] == "answer.reuse"


def test_nothing_unreleased_is_memory(tmp_path: Path) -> None:
    services, kb = _services(tmp_path)
    inquiry_id = list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE))[-1][1]
    assert inquiry_id is not None
    actions.submit_all(services, CLERK, inquiry_id, None)
    answer = services.review.inquiry(inquiry_id).answers[0]
    services.review.approve(APPROVER, answer.id, answer.version)  # approved, but the letter is not released
    assert "Noch nicht freigegeben" in actions.release(services, APPROVER, inquiry_id, None).message
    assert services.memory.all() == []


REPLY = Reply(
    question="Welche Mittel sind für Lizenzen vorgesehen?",
    answer="Für Lizenzen sind 24.000 Euro veranschlagt [1].",
    released="2025-06-02",
    inquiry_title="KI in der Verwaltung",
    term="2020–2025",
    citations=(Citation("[1]", "budget:2026:54.10.01.542100", "Haushalt 2026", "Ansatz 2026: 24.000 Euro."),),
)


def test_the_recheck_names_every_kind_of_change(tmp_path: Path) -> None:
    kb = load(DEMO_KB)
    assert differences(REPLY, kb, date(2025, 7, 1)) == []  # same term, nothing changed
    later = differences(REPLY, kb, TODAY)
    assert later == ["Die Antwort stammt aus der Wahlperiode 2020–2025 (heute: 2025–2030)"]
    gone = Reply(**{**REPLY.__dict__, "citations": (Citation("[1]", "budget:2019:1", "Haushalt 2019", "x"),)})
    assert "Quelle [1] „Haushalt 2019“ ist nicht mehr in der Wissensbasis" in differences(gone, kb, date(2025, 7, 1))
    bare = Reply("Frage?", "Es sind 123.456 Euro.", "2025-06-02")
    assert differences(bare, kb, date(2025, 7, 1)) == ["Nicht in der heutigen Wissensbasis: 123.456 – Angaben prüfen"]
    assert differences(bare, kb, date(2026, 7, 1))[0].startswith("Die Antwort stammt aus der Wahlperiode")
    listing = Reply("Welche?", "Genutzt werden Textassistenz MusterGPT und DeepL Pro.", "2025-09-01")
    missing = differences(listing, kb, date(2025, 9, 2))
    assert any(w.startswith("Im KI-Verzeichnis, in der früheren Antwort nicht genannt:") for w in missing)


def test_replies_move_as_answers_files_and_back(tmp_path: Path) -> None:
    services, _ = _services(tmp_path)
    table = Table(("Anwendung",), (("MusterGPT",),))
    second = Reply("Frage 2?", "Antwort 2.", "2025-06-02", "KI in der Verwaltung", table=table)
    services.memory.add(EDITOR, [REPLY, second], "t")
    written = memory.export_replies(services, tmp_path / "answers")
    assert [p.name for p in written] == ["2025-06-02-ki-in-der-verwaltung.yaml"]
    assert load(DEMO_KB) and "question: Welche Mittel" in written[0].read_text(encoding="utf-8")
    back = folder.read(written[0])
    assert back[0].citations == REPLY.citations and back[0].term == "2020–2025"
    other, _ = _services(tmp_path / "other")
    assert memory.import_replies(other, EDITOR, tmp_path / "answers") == 2
    assert memory.import_replies(other, EDITOR, tmp_path / "answers") == 0  # nothing twice
    with pytest.raises(PermissionDenied):
        memory.import_replies(other, CLERK, tmp_path / "answers")
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("inquiry: x\nreleased: 2025-13-01\nanswers: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"kaputt\.yaml: 'released' ist kein Datum"):
        folder.read(broken)


def test_two_letters_of_one_day_with_one_title_are_two_files(tmp_path: Path) -> None:
    first = Reply("Frage?", "Antwort A.", "2025-06-02", "KI in der Verwaltung", sender="Fraktion A")
    second = Reply("Frage?", "Antwort B.", "2025-06-02", "KI in der Verwaltung", sender="Fraktion B")
    written = folder.export([first, second], tmp_path)
    assert [p.name for p in written] == [
        "2025-06-02-ki-in-der-verwaltung.yaml",
        "2025-06-02-ki-in-der-verwaltung-2.yaml",
    ]
    assert [r.answer for p in written for r in folder.read(p)] == ["Antwort A.", "Antwort B."]
    assert folder.export([first, second], tmp_path) == written  # again: the same files, overwritten


def test_an_application_discontinued_before_the_reply_is_no_news(tmp_path: Path) -> None:
    kb = load(DEMO_KB)
    ended = next(r for r in kb.inventory if r.get("status") == "discontinued" and r.get("end_date"))
    named = f"Erprobt wurde {ended.get('name')}."
    before = Reply("Welche Piloten?", named, "2030-01-01")
    after = Reply("Welche Piloten?", named, "2020-01-01")
    assert not any("eingestellt" in w for w in differences(before, kb, date(2030, 1, 2)))
    assert any(f"„{ended.get('name')}“ ist inzwischen eingestellt" in w for w in differences(after, kb, TODAY))


def test_the_vector_cache_is_keyed_by_question_not_by_a_database_id(database_url: str) -> None:
    from assistant.reuse.similar import QuestionVectors, similar
    from assistant.review.db import open_database
    from assistant.review.vectors import StoredVectors

    vectors, embedder = QuestionVectors(), HashEmbedder()
    stored = StoredVectors(open_database(database_url))
    first = Reply("Welche Mittel sind für Lizenzen vorgesehen?", "…", "2025-06-02", id=1)
    other = Reply("Gibt es eine Dienstvereinbarung?", "…", "2025-06-02", id=1)  # same id, another database
    for reply in (first, other):
        known = vectors.of(embedder.name, [reply.question], stored, embedder)
        assert similar(reply.question, [reply], known, min_similarity=0.99, limit=1)


class _NoEmbedding:
    """The embedding model of a web process that must not embed: any use fails the test."""

    name = HashEmbedder().name

    def embed_documents(self, texts: object) -> list[list[float]]:
        pytest.fail("the web process embedded a question")

    def embed_query(self, text: str) -> list[float]:
        pytest.fail("the web process embedded a question")


def test_stored_question_vectors_are_kept_once_per_model_and_text(database_url: str) -> None:
    from assistant.review.db import open_database
    from assistant.review.vectors import StoredVectors

    stored, other = StoredVectors(open_database(database_url)), StoredVectors(open_database(database_url))
    stored.keep("m", {"Frage eins?": [1.0, 0.0], "Frage zwei?": [0.0, 1.0]})
    other.keep("m", {"Frage eins?": [0.5, 0.5], "Frage drei?": [0.6, 0.8]})  # a second worker, one text again
    assert stored.known("m", ["Frage eins?", "Frage drei?", "unbekannt"]) == {
        "Frage eins?": [1.0, 0.0],
        "Frage drei?": [0.6, 0.8],
    }
    assert stored.known("n", ["Frage eins?"]) == {}  # another model's vectors are another space


def test_a_web_process_without_the_embedding_model_offers_replies_by_the_vectors_a_worker_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from functools import partial

    from assistant.jobs.queue import work
    from assistant.usecases.jobs import run_job

    office, kb = _services(tmp_path)
    _released(office, kb)  # drafted and released in one process, which stored its questions' vectors
    page = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY, jobs={"queue": "database"})
    worker = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)  # the same database
    monkeypatch.setattr(page, "embedder", _NoEmbedding())
    stop = threading.Event()
    args = (worker.jobs, partial(run_job, worker, worker.jobs), stop, "worker", worker.settings.jobs)
    thread = threading.Thread(target=work, args=args, daemon=True)
    thread.start()
    try:
        second = list(actions.drafting(page, CLERK, kb, text=HERNE_LIKE))[-1].inquiry_id
    finally:
        stop.set()
        thread.join(timeout=10)
    assert second is not None
    money = next(a for a in page.review.inquiry(second).answers if a.question_id == "3")
    offered = memory.offers(page, money.id)
    assert offered and offered[0].reply.question == "Welche Mittel sind im Haushalt 2026 für Lizenzen vorgesehen?"
    assert "Antwort vom" in actions.screen(page, second, money.id).earlier

    # Replies imported on that page are not embedded there; the next drafting job of a worker does.
    moved = tmp_path / "moved"
    memory.export_replies(office, moved)
    for path in moved.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("für Lizenzen vorgesehen", "für Softwarelizenzen veranschlagt"), encoding="utf-8")
    assert memory.import_replies(page, EDITOR, moved) > 0
    imported = "Welche Mittel sind im Haushalt 2026 für Softwarelizenzen veranschlagt?"
    assert imported not in {o.reply.question for o in memory.offers(page, money.id)}
    memory.remember_questions(worker, second)
    assert imported in {o.reply.question for o in memory.offers(page, money.id)}
