"""The review workflow on a real database (SQLite, and PostgreSQL when one runs)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.domain import Answer, Citation, Inquiry, Question, Table
from assistant.errors import ConflictError, PermissionDenied, WorkflowError
from assistant.review.audit import event_rows, sentence_rows, to_csv
from assistant.review.auth import Actor
from assistant.review.db import open_database
from assistant.review.users import Users
from assistant.review.workflow import Review

CLERK = Actor("sb", frozenset({"sachbearbeitung"}), "Sabine")
CLERK2 = Actor("sb2", frozenset({"sachbearbeitung"}))
APPROVER = Actor("fg", frozenset({"freigabe"}), "Frank")
EDITOR_APPROVER = Actor("beides", frozenset({"sachbearbeitung", "freigabe"}))

INQUIRY = Inquiry(
    kind="Anfrage",
    questions=(
        Question("1", "1.", "Welche KI-Anwendungen werden genutzt?"),
        Question("2", "2.", "Welche Mittel sind 2026 vorgesehen?"),
    ),
    sender="FDP-Fraktion",
    date="06.05.2025",
    subject="KI in der Verwaltung",
)
ANSWERS = (
    Answer(
        "1",
        "answered",
        "Die Stadt nutzt den Chatbot Musterbot [1].",
        (Citation("[1]", "inventory:KI-001", "Musterbot", "Chatbot Musterbot im Bürgerservice"),),
        model="fake-llm",
    ),
    Answer(
        "2",
        "answered",
        "Für 2026 sind 120.000 € vorgesehen [1].",
        (Citation("[1]", "budget:2026-1", "Haushalt 2026", "Lizenzen 2026: 120.000 €"),),
        table=Table(("Jahr", "Betrag"), (("2026", "120.000 €"),)),
        model="fake-llm",
    ),
)


@pytest.fixture
def review(database_url: str) -> Review:
    return Review(open_database(database_url), four_eyes=True)


def drafted(review: Review) -> tuple[int, list[int]]:
    inquiry_id = review.create_inquiry(CLERK, INQUIRY, deadline="2025-06-01")
    ids = [review.add_draft(CLERK, inquiry_id, a, {"model": "fake-llm", "prompt_version": "p1"}) for a in ANSWERS]
    return inquiry_id, ids


def approve_all(review: Review, ids: list[int], approver: Actor = APPROVER) -> None:
    for answer_id in ids:
        view = review.answer(answer_id)
        if view.state == "Entwurf":
            view = review.submit(CLERK, answer_id, view.version)
        review.approve(approver, answer_id, view.version)


def test_lifecycle_from_draft_to_released_letter(review: Review) -> None:
    inquiry_id, ids = drafted(review)
    first = review.answer(ids[0])
    assert (first.state, first.version) == ("Entwurf", 1)
    edited = review.edit(CLERK, ids[0], "Die Stadt nutzt den Chatbot Musterbot im Bürgerservice [1].", 1)
    assert edited.version == 2 and edited.last_editor == "sb"
    history = review.history(ids[0])
    assert [v.number for v in history] == [1, 2]
    assert "+Die Stadt nutzt den Chatbot Musterbot im Bürgerservice [1]." in history[1].diff
    with pytest.raises(WorkflowError, match="Noch nicht freigegeben: Frage 1, 2"):
        review.release(APPROVER, inquiry_id)
    approve_all(review, ids)
    released = review.release(APPROVER, inquiry_id)
    assert released.summary.state == "released" and released.complete
    with pytest.raises(WorkflowError, match="bereits freigegeben"):
        review.edit(CLERK, ids[0], "Neuer Text.", review.answer(ids[0]).version)


def test_four_eyes_rule_refuses_approval_by_the_last_editor(database_url: str) -> None:
    sessions = open_database(database_url)
    strict = Review(sessions, four_eyes=True)
    _, ids = drafted(strict)
    view = strict.edit(EDITOR_APPROVER, ids[0], "Die Stadt nutzt Musterbot [1].", 1)
    view = strict.submit(EDITOR_APPROVER, ids[0], view.version)
    with pytest.raises(WorkflowError, match="Vier-Augen-Prinzip"):
        strict.approve(EDITOR_APPROVER, ids[0], view.version)
    assert strict.events()[-1].allowed is False
    relaxed = Review(sessions, four_eyes=False)
    assert relaxed.approve(EDITOR_APPROVER, ids[0], view.version).state == "Freigegeben"


def test_rejection_needs_a_comment_and_the_next_edit_returns_to_draft(review: Review) -> None:
    _, ids = drafted(review)
    view = review.submit(CLERK, ids[1], 1)
    with pytest.raises(WorkflowError, match="begründen"):
        review.reject(APPROVER, ids[1], view.version, "  ")
    view = review.reject(APPROVER, ids[1], view.version, "Betrag mit FB20 abstimmen")
    assert (view.state, view.comment) == ("Zurückgewiesen", "Betrag mit FB20 abstimmen")
    view = review.edit(CLERK, ids[1], "Für 2026 sind 120.000 € für Lizenzen vorgesehen [1].", view.version)
    assert view.state == "Entwurf"
    with pytest.raises(WorkflowError, match="geht nur aus „In Prüfung“"):
        review.approve(APPROVER, ids[1], view.version)


def test_an_edit_with_a_number_no_source_contains_is_flagged(review: Review) -> None:
    _, ids = drafted(review)
    view = review.edit(CLERK, ids[1], "Für 2026 sind 150.000 € vorgesehen [1].", 1)
    assert "Bearbeitung: Zahl 150000 steht in keiner zitierten Quelle" in view.answer.warnings
    view = review.edit(CLERK, ids[1], "Für 2026 sind 120.000 € vorgesehen [1].", view.version)
    assert not [w for w in view.answer.warnings if w.startswith("Bearbeitung:")]


def test_an_edit_copying_a_figure_or_date_from_the_cited_passage_gets_no_warning(review: Review) -> None:
    _, ids = drafted(review)
    passage = "Lizenzen 2026: 120.000 €. Der Vertrag wurde am 22. Juni 2023 geschlossen; Volumen 24.000 Euro."
    sources = {"budget:2026-1": passage}  # the whole passage; the quote is only its first sentence
    text = "Für 2026 sind 120.000 € vorgesehen [1]. Der Vertrag vom 22.06.2023 umfasst 24.000 Euro [1]."
    view = review.edit(CLERK, ids[1], text, 1, sources)
    assert [w for w in view.answer.warnings if w.startswith("Bearbeitung:")] == []
    view = review.edit(CLERK, ids[1], text.replace("22.06.2023", "23.06.2023"), view.version, sources)
    assert "Bearbeitung: Datum 23.06.2023 steht in keiner zitierten Quelle" in view.answer.warnings
    view = review.edit(CLERK, ids[1], text, view.version)  # without the passages: only the quote counts
    assert "Bearbeitung: Zahl 24000 steht in keiner zitierten Quelle" in view.answer.warnings


def test_a_rewrite_clears_the_drafts_own_warnings_and_is_shown_as_edited_by_hand(review: Review) -> None:
    inquiry_id = review.create_inquiry(CLERK, INQUIRY)
    warned = Answer(
        "1",
        "partial",
        "Die Stadt nutzt den Chatbot Musterbot im Bürgerservice [1].",
        ANSWERS[0].citations,
        warnings=("Satz wiederholt die Frage und wurde entfernt",),
        model="fake-llm",
    )
    answer_id = review.add_draft(CLERK, inquiry_id, warned, {"model": "fake-llm"})
    view = review.edit(CLERK, answer_id, "Die Stadt nutzt den Chatbot Musterbot im Bürgerservice seit Mai [1].", 1)
    assert view.answer.warnings == warned.warnings and not view.edited_by_hand  # a correction keeps them
    rewrite = "Künstliche Intelligenz setzt die Verwaltung derzeit nur in einem Pilotprojekt ein [1]."
    view = review.edit(CLERK, answer_id, rewrite, view.version)
    assert view.answer.warnings == () and view.edited_by_hand


def test_a_change_of_spaces_only_is_no_new_version(review: Review) -> None:
    _, ids = drafted(review)
    view = review.edit(CLERK, ids[0], "  Die Stadt nutzt  den Chatbot\nMusterbot [1]. ", 1)
    assert view.version == 1 and len(review.history(ids[0])) == 1


def test_a_stale_save_is_refused_with_the_difference(review: Review) -> None:
    _, ids = drafted(review)
    review.edit(CLERK, ids[0], "Fassung von Sabine [1].", 1)
    with pytest.raises(ConflictError) as refused:
        review.edit(CLERK2, ids[0], "Fassung von sb2 [1].", 1)
    assert refused.value.current_version == 2
    assert "-Fassung von Sabine [1]." in refused.value.diff and "+Fassung von sb2 [1]." in refused.value.diff
    assert review.answer(ids[0]).answer.text == "Fassung von Sabine [1]."


def test_parallel_writers_lose_no_update(review: Review) -> None:
    """Eight people append a line at once; each retries on conflict, as the UI tells them to."""
    _, ids = drafted(review)
    conflicts: list[int] = []
    barrier = threading.Barrier(8)

    def writer(number: int) -> None:
        actor = Actor(f"p{number}", frozenset({"sachbearbeitung"}))
        view = review.answer(ids[0])
        barrier.wait()
        while True:
            try:
                review.edit(actor, ids[0], f"{view.answer.text}\nZeile {number}", view.version)
                return
            except ConflictError:
                conflicts.append(number)
                view = review.answer(ids[0])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = review.answer(ids[0])
    assert sorted(line for line in final.answer.text.splitlines() if line.startswith("Zeile")) == [
        f"Zeile {n}" for n in range(8)
    ]
    assert final.version == 9 and len(review.history(ids[0])) == 9
    assert conflicts, "the writers did collide; optimistic locking resolved it"


WRITES = {
    "inquiry.create": lambda r, ids, inq: r.create_inquiry(ACTOR, INQUIRY),
    "answer.draft": lambda r, ids, inq: r.add_draft(ACTOR, inq, ANSWERS[0], {}),
    "answer.edit": lambda r, ids, inq: r.edit(ACTOR, ids[0], "x", 1),
    "answer.submit": lambda r, ids, inq: r.submit(ACTOR, ids[0], 1),
    "answer.approve": lambda r, ids, inq: r.approve(ACTOR, ids[0], 1),
    "answer.reject": lambda r, ids, inq: r.reject(ACTOR, ids[0], 1, "nein"),
    "inquiry.release": lambda r, ids, inq: r.release(ACTOR, inq),
}
ACTOR = Actor("ohne", frozenset({"evaluation", "kb_redaktion", "admin"}))


@pytest.mark.parametrize("action", list(WRITES))
def test_every_write_path_is_refused_without_the_role_and_logged(review: Review, action: str) -> None:
    inquiry_id, ids = drafted(review)
    before = review.answer(ids[0])
    with pytest.raises(PermissionDenied, match="dafür ist die Rolle"):
        WRITES[action](review, ids, inquiry_id)
    refused = review.events()[-1]
    assert (refused.actor, refused.allowed) == ("ohne", False)
    assert review.answer(ids[0]) == before


def test_the_audit_trail_is_append_only_in_the_database(review: Review, database_url: str) -> None:
    drafted(review)
    engine = open_database(database_url).kw["bind"]
    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'jemand'"))
    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events"))


def test_sentence_trail_names_sources_model_editors_and_approver(review: Review, tmp_path: Path) -> None:
    inquiry_id, ids = drafted(review)
    review.edit(CLERK2, ids[0], "Die Stadt nutzt den Chatbot Musterbot [1]. Weitere folgen.", 1)
    approve_all(review, ids)
    review.release(APPROVER, inquiry_id)
    rows = sentence_rows(review.inquiry(inquiry_id), review.history)
    first, added, budget, table = rows
    assert first["sources"] == "inventory:KI-001" and first["quotes"] == "Chatbot Musterbot im Bürgerservice"
    assert (first["model"], first["prompt_version"], first["drafted_by"]) == ("fake-llm", "p1", "sb")
    assert (first["changed_by"], first["approved_by"], first["released_by"]) == ("sb2", "fg", "fg")
    assert first["in_first_draft"] and not added["in_first_draft"] and added["sources"] == ""
    assert budget["sources"] == "budget:2026-1" and table["sentence"].startswith("Tabelle (1 Zeilen")
    assert "answer.approve" in to_csv(event_rows(review.events(inquiry_id)))


def test_an_answer_is_assigned_to_a_person_by_a_date_without_changing_its_version(database_url: str) -> None:
    sessions = open_database(database_url)
    review, users = Review(sessions, four_eyes=True), Users(sessions)
    users.add("sb2", None, "sachbearbeitung", "Sven Zwei")
    users.add("eva", None, "evaluation", "Eva")
    inquiry_id, (first, _) = drafted(review)
    before = review.answer(first)
    assert review.assignable() == {"sb2": "Sven Zwei"}  # only people who may edit answers

    assigned = review.assign(APPROVER, first, "sb2", "2025-05-20")
    assert (assigned.assignee, assigned.due, assigned.version) == ("sb2", "2025-05-20", before.version)
    review.edit(CLERK, first, before.answer.text + " Ergänzung.", before.version)  # no conflict with the assignment
    moved = review.assign(CLERK, first, "sb2")
    assert (moved.assignee, moved.due) == ("sb2", "")
    assert review.assign(CLERK, first, "").assignee == ""

    with pytest.raises(WorkflowError, match="kann keine Antworten bearbeiten"):
        review.assign(CLERK, first, "eva")
    with pytest.raises(WorkflowError, match="nach der Frist"):
        review.assign(CLERK, first, "sb2", "2025-06-02")  # the inquiry is due 2025-06-01
    with pytest.raises(WorkflowError, match="kein Datum"):
        review.assign(CLERK, first, "sb2", "morgen")
    with pytest.raises(PermissionDenied):
        review.assign(Actor("eva", frozenset({"evaluation"})), first, "sb2")
    trail = [(e.action, e.allowed) for e in review.events(inquiry_id) if e.action == "answer.assign"]
    assert trail == [("answer.assign", True)] * 3 + [("answer.assign", False)]
