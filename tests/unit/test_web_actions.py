"""The web UI's actions without a browser: drafting into the database, review screens, crashes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.errors import PermissionDenied
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.web import actions, render
from assistant.web.app import actor_of
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_pipeline import HERNE_LIKE

CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
APPROVER = Actor("fg", frozenset({"freigabe"}))


def drafted(services: Services) -> int:
    steps = list(actions.drafting(services, CLERK, DEMO_KB, text=HERNE_LIKE, deadline="2026-12-15"))
    text, inquiry_id, job_id = steps[-1]
    assert "Alle Entwürfe sind erstellt" in text and inquiry_id is not None
    job = services.jobs.get(job_id) if job_id else None
    assert job is not None and (job.done, job.total) == (3, 3)
    return inquiry_id


def test_drafting_stores_every_answer_and_the_review_screen_shows_sources(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    screen = actions.screen(services, inquiry_id)
    assert [label.split(" · ")[0] for label, _ in screen.questions] == [f"Frage {n} – Entwurf" for n in (1, 2, 3)]
    assert all(len(label.split(" · ")) >= 2 for label, _ in screen.questions)  # the kind of draft, warnings
    assert "Frist:** 2026-12-15" in screen.header and "0 von 3 Antworten freigegeben" in screen.header
    assert "<mark>" in screen.sources and not screen.missing
    assert screen.version == 1 and "Fassung 1" in screen.status


def test_a_crash_mid_drafting_keeps_the_drafts_and_resuming_drafts_only_the_rest(tmp_path: Path) -> None:
    calls = {"n": 0}

    def crashing(messages, schema):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:  # question 1 comes from the data; question 2 is the first model call
            raise RuntimeError("Stromausfall")
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=crashing), tmp_path)
    steps = list(actions.drafting(services, CLERK, DEMO_KB, text=HERNE_LIKE))
    assert "Das Entwerfen wurde abgebrochen" in steps[-1][0] and "Stromausfall" in steps[-1][0]
    (summary,) = services.review.overview()
    assert summary.state == "drafting" and 0 < summary.answers < summary.expected
    screen = actions.screen(services, summary.id)
    assert screen.missing and "Entwurf unvollständig" in screen.header
    kept = {a.question_id: a.answer.text for a in services.review.inquiry(summary.id).answers}
    final = list(actions.drafting(services, CLERK, DEMO_KB, inquiry_id=summary.id))[-1]
    assert final[1] == summary.id
    view = services.review.inquiry(summary.id)
    assert view.summary.state == "review" and not view.missing()
    assert {a.question_id: a.answer.text for a in view.answers if a.question_id in kept} == kept


def test_a_stale_save_shows_the_difference_and_reloads_the_stored_text(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    first = actions.screen(services, inquiry_id)
    assert first.answer_id is not None
    saved = actions.save(services, CLERK, inquiry_id, first.answer_id, "Fassung A.", first.version)
    assert "Gespeichert" in saved.message and "Fassung 2" in saved.status
    stale = actions.save(services, CLERK, inquiry_id, first.answer_id, "Fassung B.", first.version)
    assert "Nicht gespeichert" in stale.message and "+Fassung B." in stale.message
    assert stale.text == "Fassung A." and stale.version == saved.version


def test_actions_without_the_role_show_the_refusal(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    screen = actions.screen(services, inquiry_id)
    assert screen.answer_id is not None
    refused = actions.transition(services, CLERK, "approve", inquiry_id, screen.answer_id, screen.version)
    assert "dafür ist die Rolle Freigabe nötig" in refused.message
    with pytest.raises(PermissionDenied):
        actions.audit_file(services, CLERK, "csv", inquiry_id)
    last = services.review.events()[-1]
    assert (last.action, last.allowed, last.actor) == ("audit.export", False, "sb")


def test_export_gives_a_draft_before_release_and_the_final_letter_after(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    files, message = actions.export(services, CLERK, inquiry_id, final=False, today=date(2026, 11, 21))
    assert [Path(f).suffix for f in files] == [".docx", ".md"] and "Entwurf" in message
    files, message = actions.export(services, CLERK, inquiry_id, final=True)
    assert files == [] and "erst nach der Freigabe" in message
    for view in services.review.inquiry(inquiry_id).answers:
        submitted = services.review.submit(CLERK, view.id, view.version)
        services.review.approve(APPROVER, view.id, submitted.version)
    assert "freigegeben" in actions.release(services, APPROVER, inquiry_id, None).message
    files, message = actions.export(services, APPROVER, inquiry_id, final=True)
    assert "Endfassung erstellt" in message
    sentences = actions.audit_file(services, APPROVER, "sentences", inquiry_id)
    assert "inventory:" in Path(sentences).read_text(encoding="utf-8")


def test_overview_marks_overdue_inquiries() -> None:
    from assistant.review.views import InquirySummary

    summary = InquirySummary(1, "KI", "Anfrage", "FDP", "2026-11-01", "FB12", "review", date.today(), 2, 1, 3)  # type: ignore[arg-type]
    (row,) = render.overview_rows([summary], date(2026, 11, 21))
    assert row[5] == "⚠ 20 Tage überfällig" and row[7] == "–" and row[8] == "1/3 freigegeben"
    (row,) = render.overview_rows([summary], date(2026, 11, 21), {1: "2 offen · ⚠ 1 überfällig"})
    assert row[7] == "2 offen · ⚠ 1 überfällig"


def test_the_user_comes_from_the_login_or_the_trusted_proxy_header(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(), tmp_path)
    services.users.add("anna", "pw-anna-123", "sachbearbeitung")
    assert actor_of(services, SimpleNamespace(username="anna", headers={})).name == "anna"
    with pytest.raises(PermissionDenied):
        actor_of(services, SimpleNamespace(username=None, headers={"x-remote-user": "anna"}))
    proxied = fake_services(FakeChatModel(), tmp_path, review={"auth_header": "X-Remote-User"})
    assert actor_of(proxied, SimpleNamespace(username=None, headers={"x-remote-user": "anna"})).name == "anna"
    services.users.deactivate("anna")
    with pytest.raises(PermissionDenied, match="gesperrt"):
        actor_of(services, SimpleNamespace(username="anna", headers={}))


def test_kb_changes_are_validated_before_they_are_written(tmp_path: Path) -> None:
    from assistant.kb import edit

    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    header, rows = edit.read_inventory(kb)
    before = (kb / "inventory.csv").read_text(encoding="utf-8")
    broken = [list(r) for r in rows]
    broken[0][header.index("status")] = "irgendwie"
    problems = edit.save_inventory(kb, header, broken)
    assert problems and "inventory.csv:2" in str(problems[0])
    assert (kb / "inventory.csv").read_text(encoding="utf-8") == before
    changed = [list(r) for r in rows]
    changed[0][header.index("status")] = "discontinued"
    assert edit.save_inventory(kb, header, changed) == []
    assert "discontinued" in (kb / "inventory.csv").read_text(encoding="utf-8")
    (tmp_path / "notiz.xyz").write_text("x")
    assert "wird nicht gelesen" in str(edit.add_document(kb, tmp_path / "notiz.xyz")[1][0])
    (tmp_path / "leer.md").write_text("")
    assert edit.add_document(kb, tmp_path / "leer.md")[1], "an empty document is refused"
    (tmp_path / "schulung.md").write_text("# Schulung\n\nAlle Beschäftigten erhalten eine KI-Schulung.\n")
    assert edit.add_document(kb, tmp_path / "schulung.md") == ("documents/schulung.md", [])


def test_approved_answers_whose_source_changed_are_listed(tmp_path: Path) -> None:
    from assistant.usecases import knowledge

    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    list(actions.drafting(services, CLERK, kb, text=HERNE_LIKE))
    (summary,) = services.review.overview()
    for view in services.review.inquiry(summary.id).answers:
        submitted = services.review.submit(CLERK, view.id, view.version)
        services.review.approve(APPROVER, view.id, submitted.version)
    approved = services.review.approved(str(kb))
    assert approved and knowledge.affected_answers(kb, approved) == []
    cited = next(c for a in approved for c in a.answer.citations if c.source_id.startswith("documents/"))
    document = kb / cited.source_id.split("#")[0]
    document.write_text(document.read_text(encoding="utf-8").replace(cited.quote, "Geänderter Text."), encoding="utf-8")
    affected = knowledge.affected_answers(kb, approved)
    assert any(source == cited.source_id and reason == "zitierte Stelle geändert" for _, source, reason in affected)


def test_the_kb_tab_saves_only_what_passes_the_check_and_needs_the_role(tmp_path: Path) -> None:
    from assistant.web import kb_tab

    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    services = fake_services(FakeChatModel(), tmp_path)
    editor = Actor("kb", frozenset({"kb_redaktion"}))
    original = (kb / "inventory.csv").read_text(encoding="utf-8")
    status, table = kb_tab.opened(kb)
    rows = table["data"]
    assert "✔ gültig" in status and rows
    assert table["headers"][:3] == ["ID", "KI-Anwendung", "Anbieter"] and "Status" in table["headers"]
    header = kb_tab.edit.read_inventory(kb)[0]
    assert rows[0][header.index("status")] == "Regelbetrieb"  # value labels, not CSV codes
    broken = [list(r) for r in rows]
    broken[0][header.index("status")] = "irgendwie"
    shown = kb_tab.save_rows(services, editor, kb, header, broken)
    assert shown.message.startswith("⚠ **Nicht gespeichert") and shown.status is None
    assert f"{rows[0][0]} · Status: " in shown.message and "Regelbetrieb" in shown.message  # the row's id
    refused = kb_tab.save_rows(services, CLERK, kb, header, [list(r) for r in rows])
    assert "⚠" in refused.message and refused.status is None
    saved = kb_tab.save_rows(services, editor, kb, header, [list(r) for r in rows])
    assert saved.message.startswith("✔ Gespeichert") and saved.status is not None and saved.affected is not None
    assert (kb / "inventory.csv").read_text(encoding="utf-8") == original  # labels stored back as the codes
    assert kb_tab.add_file(services, editor, kb, None).message == "⚠ Bitte zuerst eine Datei wählen."
    steps = list(kb_tab.reindexing(services, CLERK, kb))
    assert len(steps) == 1 and steps[0].startswith("⚠")  # refused before "running" is shown
    steps = list(kb_tab.reindexing(services, editor, kb))
    assert steps[0].startswith("⏳") and steps[-1].startswith("✔ Index aktuell")


def test_the_evaluation_tab_rates_a_first_draft_and_exports_only_for_its_role(tmp_path: Path) -> None:
    from assistant.web import eval_tab

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    evaluator = Actor("ev", frozenset({"evaluation"}))
    choices, agreement = eval_tab.inquiries_and_agreement(services)
    assert [value for _, value in choices] == [inquiry_id] and "Kappa" in agreement
    questions = eval_tab.question_choices(services, inquiry_id)
    assert [label for label, _ in questions] == ["Frage 1", "Frage 2", "Frage 3"]
    assert eval_tab.question_choices(services, None) == []
    scores = {"correct": "ja", "complete": "ja", "sourced": "ja", "style": "ja", "usable": "ja"}
    assert eval_tab.save_rating(services, evaluator, None, scores, "") == ("⚠ Bitte zuerst eine Frage wählen.", None)
    message, table = eval_tab.save_rating(services, evaluator, questions[0][1], scores, "gut")
    assert message == "✔ Bewertung gespeichert." and table is not None
    question, first, _, earlier = eval_tab.draft_view(services, questions[0][1], evaluator)
    assert question and first and earlier[-1] == "gut"
    assert eval_tab.export_ratings(services, CLERK)[0] is None
    path, message = eval_tab.export_ratings(services, evaluator)
    assert path is not None and Path(path).is_file() and message == "✔ Export erstellt."


def test_the_audit_tab_asks_for_an_inquiry_and_exports_its_scope(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    assert actions.audit_view(services, CLERK, "inquiry", None) == (
        [],
        "Bitte zuerst im Reiter „Prüfung“ eine Anfrage wählen.",
    )
    rows, message = actions.audit_view(services, CLERK, "inquiry", inquiry_id)
    assert rows and message == ""
    files, message = actions.audit_download(services, CLERK, "csv", "inquiry", inquiry_id)
    assert files is None and message.startswith("⚠")  # exporting the trail is for approvers and admins
    files, message = actions.audit_download(services, APPROVER, "csv", "inquiry", inquiry_id)
    assert files is not None and Path(files[0]).suffix == ".csv" and message == "✔ Export erstellt."
    assert actions.audit_view(services, CLERK, "all", None)[1].startswith("⚠")  # the whole trail too


def test_each_role_sees_only_the_controls_it_may_use() -> None:
    clerk, approver = actions.controls(CLERK), actions.controls(APPROVER)
    assert clerk["save"] and clerk["submit"] and clerk["new"]
    assert not (clerk["approve"] or clerk["reject"] or clerk["release"] or clerk["kb"] or clerk["evaluation"])
    assert approver["approve"] and approver["release"] and not (approver["save"] or approver["new"])
    assert actions.controls(Actor("ev", frozenset({"evaluation"})))["evaluation"]
    assert actions.controls(Actor("kb", frozenset({"kb_redaktion"})))["kb"]


def test_an_approved_answer_is_not_offered_for_editing(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    first = actions.screen(services, inquiry_id)
    assert first.editable
    submitted = actions.transition(services, CLERK, "submit", inquiry_id, first.answer_id or 0, first.version)
    assert submitted.message == "✔ Zur Prüfung gegeben."
    opened = actions.screen(services, inquiry_id, first.answer_id)
    actions.transition(services, APPROVER, "approve", inquiry_id, first.answer_id or 0, opened.version)
    assert not actions.screen(services, inquiry_id, first.answer_id).editable
    again = actions.save(services, CLERK, inquiry_id, first.answer_id or 0, first.text, first.version)
    assert "kann nicht bearbeitet werden" in again.message or "⚠" in again.message


def test_hidden_tabs_are_a_style_rule_and_nothing_when_every_tab_is_allowed() -> None:
    rule = render.hidden_tabs(["kb", "evaluation"])
    assert 'data-tab-id="kb"' in rule and 'data-tab-id="evaluation"' in rule and rule.startswith("<style>")
    assert render.hidden_tabs([]) == ""


def test_the_audit_view_and_its_files_read_in_words(tmp_path: Path) -> None:
    import csv
    import io

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    rows, _ = actions.audit_view(services, CLERK, "inquiry", inquiry_id)
    actions_shown = {row[3] for row in rows}
    assert "Anfrage angelegt" in actions_shown and "Entwurf erstellt" in actions_shown
    assert not any(text.startswith("{") for text in (row[7] for row in rows))  # details in words, not JSON
    files, _ = actions.audit_download(services, APPROVER, "csv", "inquiry", inquiry_id)
    assert files is not None
    header = next(csv.reader(io.StringIO(Path(files[0]).read_text(encoding="utf-8"))))
    assert header[:5] == ["Nr", "Zeitpunkt", "Person", "Aktion", "Aktion (Code)"]
    origin, _ = actions.audit_download(services, APPROVER, "sentences", "inquiry", inquiry_id)
    assert origin is not None and Path(origin[0]).read_text(encoding="utf-8").startswith("Anfrage,Frage,Satz,Quellen")


def test_submit_all_gives_every_draft_to_review_at_once(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    refused = actions.submit_all(services, APPROVER, inquiry_id, None)
    assert refused.message.startswith("⚠")
    done = actions.submit_all(services, CLERK, inquiry_id, None)
    assert done.message == "✔ 3 Antworten zur Prüfung gegeben."
    assert {a.state for a in services.review.inquiry(inquiry_id).answers} == {"In Prüfung"}
    again = actions.submit_all(services, CLERK, inquiry_id, None)
    assert again.message.startswith("Keine Antwort im Status „Entwurf“")


def test_regenerating_an_answer_drafts_it_again_as_a_new_version(tmp_path: Path) -> None:
    calls = {"n": 0}

    def counting(messages, schema):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=counting), tmp_path)
    inquiry_id = drafted(services)
    view = services.review.inquiry(inquiry_id)
    target = next(a for a in view.answers if a.answer.model)  # one the model wrote
    services.review.edit(CLERK, target.id, "Ein schwacher Text.", target.version)
    edited = services.review.answer(target.id)
    before = calls["n"]
    assert actions.regenerate(services, APPROVER, inquiry_id, target.id, edited.version).message.startswith("⚠")
    assert calls["n"] == before  # refused before the model is asked
    shown = actions.regenerate(services, CLERK, inquiry_id, target.id, edited.version)
    assert shown.message.startswith("✔ Neu entworfen") and calls["n"] > before
    again = services.review.answer(target.id)
    assert again.answer.text == target.answer.text and again.state == "Entwurf"
    notes = [v.note for v in services.review.history(target.id)]
    assert notes[0].startswith("Erstentwurf") and notes[-1].startswith("Neu entworfen") and len(notes) == 3
    assert not again.edited_by_hand  # compared with the new draft, not the first one
    rows, _ = actions.audit_view(services, CLERK, "inquiry", inquiry_id)
    assert "Antwort neu entworfen" in {row[3] for row in rows}


def test_an_approved_answer_is_not_drafted_again(tmp_path: Path) -> None:
    calls = {"n": 0}

    def counting(messages, schema):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return copying_responder(messages, schema)

    services = fake_services(FakeChatModel(responder=counting), tmp_path)
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[0]
    submitted = services.review.submit(CLERK, answer.id, answer.version)
    approved = services.review.approve(APPROVER, answer.id, submitted.version)
    before = calls["n"]
    shown = actions.regenerate(services, CLERK, inquiry_id, answer.id, approved.version)
    assert "kann nicht neu entworfen werden" in shown.message and calls["n"] == before


def test_the_letter_details_are_completed_in_the_tool_and_used_in_the_letter(tmp_path: Path) -> None:
    from docx import Document

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    form = dict(zip(actions.LETTER_FIELDS, actions.letter_form(services, inquiry_id), strict=True))
    assert form["intro"].startswith("zu Ihrer Anfrage") and form["closing"] == "Mit freundlichen Grüßen"
    form |= {
        "inquiry_date": "06.05.2025",
        "addressee": "FDP-Ratsgruppe\nRathaus, Zimmer 101\n44623 Herne",
        "reference": "Drucksache 2025/0815",
        "intro": "Ihre Anfrage beantworte ich wie folgt:",
    }
    assert actions.save_letter(services, APPROVER, inquiry_id, list(form.values())).startswith("⚠")
    assert actions.save_letter(services, CLERK, inquiry_id, list(form.values())).startswith("✔")
    stored = services.review.inquiry(inquiry_id).letter
    assert stored.reference == "Drucksache 2025/0815" and stored.closing == ""  # a default stays a default
    assert actions.letter_form(services, inquiry_id)[3] == "Drucksache 2025/0815"
    paths, _ = actions.export(services, CLERK, inquiry_id, final=False, today=date(2026, 12, 2))
    docx = next(p for p in paths if p.endswith(".docx"))
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "FDP-Ratsgruppe\nRathaus, Zimmer 101\n44623 Herne" in text
    assert "Ihr Zeichen: Drucksache 2025/0815" in text and "vom 06.05.2025" in text
    assert "Ihre Anfrage beantworte ich wie folgt:" in text
    rows, _ = actions.audit_view(services, CLERK, "inquiry", inquiry_id)
    assert "Angaben des Antwortschreibens geändert" in {row[3] for row in rows}


def test_comments_make_a_thread_per_answer_with_the_rejections(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[0]
    assert "Noch keine Kommentare" in actions.screen(services, inquiry_id, answer.id).comments
    shown = actions.add_comment(services, CLERK, inquiry_id, answer.id, "Zahl bitte mit FB 20 abstimmen.")
    assert shown.message == "✔ Kommentar hinzugefügt." and "Zahl bitte mit FB 20 abstimmen." in shown.comments
    assert actions.add_comment(services, CLERK, inquiry_id, answer.id, "   ").message.startswith("⚠")
    submitted = services.review.submit(CLERK, answer.id, answer.version)
    services.review.reject(APPROVER, answer.id, submitted.version, "Quelle fehlt.")
    thread = services.review.comments(answer.id)
    assert [(c.author, c.text, c.rejection) for c in thread] == [
        ("sb", "Zahl bitte mit FB 20 abstimmen.", False),
        ("fg", "Quelle fehlt.", True),
    ]
    assert "(Zurückweisung)" in actions.screen(services, inquiry_id, answer.id).comments


def test_a_clerk_adds_a_passage_as_a_source_and_its_figures_count(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[-1]
    assert actions.search_sources(services, APPROVER, answer.id, "Haushalt")[1].startswith("⚠")  # not his role
    choices, message = actions.search_sources(services, CLERK, answer.id, "Straßenzustandserfassung Haushalt 2026")
    assert choices and message.endswith("Fundstellen gefunden.")
    assert actions.search_sources(services, CLERK, answer.id, "")[0] == []
    budget = next(value for label, value in choices if label.startswith("Haushalt 2026"))
    before = len(answer.answer.citations)
    shown = actions.add_source(
        services, CLERK, inquiry_id, answer.id, [budget], "Straßenzustandserfassung Haushalt 2026", answer.version
    )
    marker = f"[{before + 1}]"
    assert shown.message.startswith(f"✔ Als Quelle {marker} angefügt")
    added = services.review.answer(answer.id)
    assert added.answer.citations[-1].source_id.startswith("budget:2026") and added.state == "Entwurf"
    assert "Quelle" in services.review.history(answer.id)[-1].note
    # The figure of the added passage is now a supported number in an edit.
    text = f"Für die Straßenzustandserfassung sind 2026 24.000 Euro veranschlagt {marker}."
    sources = actions.source_texts_of(services.review.inquiry(inquiry_id).kb_path)
    edited = services.review.edit(CLERK, answer.id, text, added.version, sources)
    assert [w for w in edited.answer.warnings if w.startswith("Bearbeitung:")] == []
    assert actions.add_source(services, CLERK, inquiry_id, answer.id, [], "", edited.version).message.startswith(
        "⚠ Bitte zuerst eine oder mehrere Fundstellen wählen"
    )


def test_several_passages_are_cited_at_once_as_one_version(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[-1]
    choices, _ = actions.search_sources(services, CLERK, answer.id, "KI-Leitlinie Schulung Haushalt")
    picked = [value for _, value in choices[:2]]
    before, versions = len(answer.answer.citations), len(services.review.history(answer.id))
    shown = actions.add_source(services, CLERK, inquiry_id, answer.id, picked + picked[:1], "Schulung", answer.version)
    markers = f"[{before + 1}] [{before + 2}]"
    assert shown.message.startswith(f"✔ Als Quellen {markers} angefügt")
    added = services.review.answer(answer.id)
    assert len(added.answer.citations) == before + 2  # a passage picked twice is cited once
    assert len(services.review.history(answer.id)) == versions + 1
    gone = actions.add_source(services, CLERK, inquiry_id, answer.id, ["documents/nicht-da.md#1"], "", added.version)
    assert "nicht mehr" in gone.message and len(services.review.answer(answer.id).answer.citations) == before + 2


def test_an_answer_is_drafted_again_from_the_passage_the_clerk_picked(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[-1]
    choices, _ = actions.search_sources(services, CLERK, answer.id, "KI-Leitlinie Schulung")
    _, picked = choices[0]
    shown = actions.regenerate(services, CLERK, inquiry_id, answer.id, answer.version, [picked])
    assert shown.message.startswith("✔ Neu entworfen")
    again = services.review.answer(answer.id)
    chosen = next(
        c for c in actions.sources.find(services, CLERK, answer.id, "KI-Leitlinie Schulung") if c.chunk_id == picked
    )
    assert again.answer.citations and {c.title for c in again.answer.citations} <= {chosen.title}  # only that one
    assert any("gewählten Fundstellen" in w for w in again.answer.warnings)
    gone = actions.regenerate(services, CLERK, inquiry_id, answer.id, again.version, ["documents/nicht-da.md#1"])
    assert "nicht mehr" in gone.message


def test_a_question_is_assigned_and_the_list_says_to_whom_and_by_when(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.users.add("sb2", None, "sachbearbeitung", "Sven Zwei")
    inquiry_id = drafted(services)
    answer = services.review.inquiry(inquiry_id).answers[0]
    assert ("Sven Zwei", "sb2") in actions.screen(services, inquiry_id, answer.id).people
    shown = actions.assign(services, APPROVER, inquiry_id, answer.id, "sb2", "2026-12-10")
    assert shown.message == "✔ Zuständig: Sven Zwei bis 10.12.2026."
    assert (shown.assignee, shown.due) == ("sb2", "2026-12-10")
    label = next(label for label, value in shown.questions if value == answer.id)
    assert "zuständig: Sven Zwei bis 10.12.2026" in label
    assert actions.assign(services, CLERK, inquiry_id, answer.id, "sb2", "10.12.").message.startswith("⚠")
    assert actions.assign(services, CLERK, inquiry_id, answer.id, None, "").message == "✔ Zuständigkeit aufgehoben."
    assert actions.controls(CLERK)["assign"] and actions.controls(APPROVER)["assign"]
    assert not actions.controls(Actor("ev", frozenset({"evaluation"})))["assign"]
