"""The whole review workflow in a real browser: log in, draft, edit, refuse early release,
approve with a second person, release, export the DOCX."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.conftest import INQUIRIES, ROOT
from tests.e2e.server import PASSWORDS

pytestmark = pytest.mark.e2e
HERNE = INQUIRIES / "herne-fdp-2025-05-06.txt"
SCREENSHOTS = ROOT / "docs" / "images"
TIMEOUT = 60_000
# Every expectation waits this long (playwright's default is 5 s): on a busy 2-core CI machine
# an export after release (DOCX and PDF) took longer than that.
EXPECT_TIMEOUT = 30_000


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=EXPECT_TIMEOUT)
    return playwright_expect(locator)


def login(page: Any, url: str, name: str) -> None:
    page.goto(url + "/logout")
    page.get_by_label("Benutzername").fill(name)
    page.get_by_label("Passwort").fill(PASSWORDS[name])
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#who")).to_contain_text("Angemeldet als", timeout=TIMEOUT)


def upload_and_draft(page: Any, inquiry: Path, deadline: str = "2026-12-15") -> None:
    """In the tab "Neue Anfrage": upload the file, set the deadline, draft, wait for every draft."""
    page.get_by_role("tab", name="Neue Anfrage").click()
    page.locator("#inquiry-upload input[type=file]").set_input_files(str(inquiry))
    page.locator("#deadline textarea, #deadline input").first.fill(deadline)
    page.locator("#start-drafting").click()
    expect(page.locator("#draft-progress")).to_contain_text("Alle Entwürfe sind erstellt", timeout=TIMEOUT)


def questions(page: Any) -> Any:
    return page.locator("#question-select label")


def step_through(page: Any, button: str, before: str, after: str) -> None:
    """Click ``button`` for every question in state ``before`` until all are ``after``."""
    for _ in range(questions(page).count()):
        pending = questions(page).filter(has_text=before)
        if pending.count() == 0:
            break
        done = questions(page).filter(has_text=after).count()
        label = pending.first.inner_text().split(" – ")[0]
        questions(page).filter(has_text=f"{label} – ").click()
        expect(page.locator("#question-text")).to_contain_text(f"{label}:")
        expect(page.locator("#answer-status")).to_contain_text(before)
        page.locator(button).click()
        expect(questions(page).filter(has_text=after)).to_have_count(done + 1)
        expect(page.locator("#review-message")).not_to_contain_text("⚠")
    expect(questions(page).filter(has_text=before)).to_have_count(0)


def test_draft_edit_approve_release_and_export(server: str, browser: Any, tmp_path: Path) -> None:
    if not HERNE.is_file():
        pytest.skip("../shared/inquiries fehlt")
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE", accept_downloads=True)
    page.set_default_timeout(TIMEOUT)

    # A clerk uploads the inquiry and waits for the drafts.
    login(page, server, "sabine")
    upload_and_draft(page, HERNE)
    expect(page.locator("#inquiry-header")).to_contain_text("0 von 5 Antworten freigegeben")
    expect(questions(page)).to_have_count(5)

    # She edits the first answer: a new version with a diff.
    answer = page.locator("#answer-text textarea")
    drafted = answer.input_value()
    answer.fill(drafted + " Die Verwaltung berichtet im Ausschuss.")
    page.locator("#save").click()
    expect(page.locator("#review-message")).to_contain_text("Gespeichert")
    expect(page.locator("#answer-status")).to_contain_text("Fassung 2")
    expect(page.locator("#sources summary").first).to_contain_text("[1]")  # folded: marker, title, quote
    expect(page.locator("#sources mark").first).to_be_hidden()
    page.locator("#sources a.beleg").first.click()  # a marker in the text opens its source, quote highlighted
    expect(page.locator("#sources details").first).to_have_attribute("open", "")
    expect(page.locator("#sources mark").first).to_be_visible()

    # She has the third answer drafted again: a new version, the model asked once more.
    questions(page).nth(2).click()
    expect(page.locator("#question-text")).to_contain_text("Frage 3")
    page.locator("#regenerate").click()
    expect(page.locator("#review-message")).to_contain_text("Neu entworfen")
    expect(page.locator("#answer-status")).to_contain_text("Fassung 2")

    # She adds a passage of the knowledge base as a source of the third answer.
    page.locator("#source-box").get_by_text("Weitere Quelle anfügen").click()
    page.locator("#source-query textarea, #source-query input").first.fill("Digitalstrategie 2030")
    page.locator("#source-search").click()
    expect(page.locator("#source-message")).to_contain_text("Fundstellen gefunden")
    page.locator("#source-found input[type=checkbox]").first.check()
    page.locator("#source-add").click()
    expect(page.locator("#review-message")).to_contain_text("Als Quelle [2] angefügt")
    expect(page.locator("#sources")).to_contain_text("[2]")
    page.locator("#source-found input[type=checkbox]").nth(1).check()
    page.locator("#source-redraft").click()  # or drafted again from the picked passages alone
    expect(page.locator("#review-message")).to_contain_text("Neu entworfen")

    # Approving and releasing are not her role: she does not see those controls, nor the
    # knowledge-base and evaluation tabs (the workflow refuses them anyway: tests/unit, test_http_security).
    for control in ("#approve", "#reject", "#comment", "#release"):
        expect(page.locator(control)).to_be_hidden()
    for tab in ("Wissensbasis", "Bewertung"):
        expect(page.get_by_role("tab", name=tab)).to_be_hidden()
    # One answer on its own, the rest at once.
    questions(page).first.click()
    page.locator("#submit").click()
    expect(page.locator("#review-message")).to_contain_text("Zur Prüfung gegeben")
    page.locator("#submit-all").click()
    expect(page.locator("#review-message")).to_contain_text("4 Antworten zur Prüfung gegeben")
    expect(questions(page).filter(has_text="Entwurf ·")).to_have_count(0)

    # A note for the approver on the selected answer; Alt+N moves on to the next question.
    page.locator("#comments-box").get_by_text("Kommentare").click()
    page.locator("#note-text textarea").fill("Bitte die Zahlen mit FB 20 abstimmen.")
    page.locator("#note-add").click()
    expect(page.locator("#comments")).to_contain_text("Bitte die Zahlen mit FB 20 abstimmen.")
    shown = page.locator("#question-text").inner_text().split(":")[0]
    page.keyboard.press("Alt+KeyN")
    expect(page.locator("#question-text")).not_to_contain_text(f"{shown}:")

    # The inquiry's own text beside the answers, and the question list filtered as she types.
    page.locator("#inquiry-text-box").get_by_text("Text der Anfrage").click()
    expect(page.locator("#inquiry-text")).to_contain_text("Fördermittel")
    page.locator("#question-filter textarea, #question-filter input").first.fill("Fördermittel")
    expect(questions(page).filter(visible=True)).to_have_count(1)
    page.locator("#question-filter textarea, #question-filter input").first.fill("")
    expect(questions(page).filter(visible=True)).to_have_count(5)

    # She takes question 2 on herself, to be done five days before the deadline.
    questions(page).nth(1).click()
    page.locator("#assignee input").click()
    page.get_by_role("option", name="Sabine Sachbearbeiterin").click()
    page.locator("#assign-due textarea, #assign-due input").first.fill("2026-12-10")
    page.locator("#assign").click()
    expect(page.locator("#review-message")).to_contain_text("Zuständig: Sabine Sachbearbeiterin bis 10.12.2026")
    expect(questions(page).nth(1)).to_contain_text("zuständig: Sabine Sachbearbeiterin bis 10.12.2026")

    # She completes the letter: reference number and her own opening sentence.
    page.locator("#letter-details").get_by_text("Angaben im Antwortschreiben").click()
    expect(page.locator("#letter-intro textarea")).to_have_value(re.compile("^zu Ihrer Anfrage vom 06.05.2025"))
    # Each value must stay on the page until the save: the form used to be filled while folded, and gradio 6
    # applied those values when it was first opened – now and then after the first field had been typed
    # (1 run in about 20 on a loaded machine). It is now filled when opened (review_tab._wire_letter).
    reference = page.locator("#letter-reference textarea, #letter-reference input").first
    reference.fill("Drucksache 2025/0815")
    reference.press("Tab")
    expect(reference).to_have_value("Drucksache 2025/0815")
    intro = page.locator("#letter-intro textarea")
    intro.fill("Ihre Anfrage beantworte ich wie folgt:")
    intro.press("Tab")
    expect(intro).to_have_value("Ihre Anfrage beantworte ich wie folgt:")
    expect(reference).to_have_value("Drucksache 2025/0815")
    page.locator("#letter-save").click()
    expect(page.locator("#letter-message")).to_contain_text("gespeichert")

    # A second person with the approval role.
    login(page, server, "frank")
    expect(page.get_by_role("tab", name="Neue Anfrage")).to_be_hidden()
    page.locator("#overview-table").get_by_text("Potenziale und Einsatz").filter(visible=True).first.click()
    expect(page.locator("#save")).to_be_hidden()
    expect(page.locator("#inquiry-header")).to_contain_text("0 von 5 Antworten freigegeben")
    page.locator("#release").click()
    expect(page.locator("#review-message")).to_contain_text("Noch nicht freigegeben: Frage 1, 2, 3, 4, 5")
    page.locator("#export-final").click()
    expect(page.locator("#export-message")).to_contain_text("erst nach der Freigabe")
    if os.environ.get("UPDATE_SCREENSHOTS"):
        questions(page).nth(2).click()  # a text answer (question 1 is a table from the data)
        expect(page.locator("#question-text")).to_contain_text("Frage 3")
        page.screenshot(path=str(SCREENSHOTS / "pruefung.png"), full_page=True)
    step_through(page, "#approve", "In Prüfung", "Freigegeben")
    page.locator("#release").click()
    expect(page.locator("#review-message")).to_contain_text("Antwortschreiben ist freigegeben")
    expect(page.locator("#answer-text")).to_contain_text("nicht bearbeitbar")

    # The final letter: a DOCX without the draft mark.
    page.locator("#export-final").click()
    expect(page.locator("#export-message")).to_contain_text("Endfassung erstellt")
    if shutil.which("soffice"):  # "auch als PDF" is ticked where LibreOffice is installed
        expect(page.locator('#export-files a[download$=".pdf"]').first).to_be_attached()
    link = page.locator('#export-files a[download$=".docx"]').first
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "antwort.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "ENTWURF" not in text
    assert "Zu Frage 1:" in text and "Die Verwaltung berichtet im Ausschuss." in text
    assert "Dr. Thomas Berger" in text
    assert "Ihr Zeichen: Drucksache 2025/0815" in text
    assert "Ihre Anfrage beantworte ich wie folgt:" in text
    assert "vom 06.05.2025" in text  # the date "Dienstag, 6. Mai 2025" read from the page

    # The audit trail shows the refused and the granted actions.
    page.get_by_role("tab", name="Protokoll").click()
    expect(page.locator("#audit-table")).to_contain_text("Antwortschreiben freigegeben")
    expect(page.locator("#audit-table")).to_contain_text("Aktion")  # German headers, not 1 … 8
    expect(page.locator("#audit-table")).to_contain_text("NEIN")
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOTS / "protokoll.png"), full_page=True)


def test_the_knowledge_base_table_reads_in_german(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    login(page, server, "renate")
    expect(page.get_by_role("tab", name="Neue Anfrage")).to_be_hidden()  # not her role
    page.get_by_role("tab", name="Wissensbasis").click()
    table = page.locator("#inventory")
    for heading in ("KI-Anwendung", "Anbieter", "Status", "Risikoklasse nach KI-Verordnung"):
        expect(table).to_contain_text(heading)
    expect(table).to_contain_text("Regelbetrieb")  # a value label, not the CSV's "production"
    expect(table).not_to_contain_text("production")
    page.get_by_role("button", name="Verzeichnis prüfen und speichern").click()
    expect(page.locator("#inventory-message")).to_contain_text("Gespeichert")
    page.get_by_role("button", name="Neu indizieren").click()  # a job; the tab follows its row
    expect(page.locator("#kb-message")).to_contain_text("Index aktuell:")


def test_tables_carry_no_english_controls(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    login(page, server, "frank")
    expect(page.locator("#overview-table")).to_be_visible()
    for english in ("Copy table data", "Fullscreen"):
        expect(page.get_by_label(english)).to_have_count(0)
        expect(page.get_by_title(english)).to_have_count(0)
    # gradio's progress text ("processing | 1.2s", "queue: 1/3 |") is fixed English in its code: the
    # page turns it into German wherever gradio writes it.
    page.evaluate(
        """() => {
        const box = document.createElement('div');
        box.className = 'progress-text';
        box.id = 'progress-probe';
        box.append('processing |', ' 1.2s');
        document.body.append(box);
    }"""
    )
    expect(page.locator("#progress-probe")).to_have_text("in Arbeit | 1.2s")
    page.evaluate("() => { document.getElementById('progress-probe').firstChild.nodeValue = 'queue: 2/3 |'; }")
    expect(page.locator("#progress-probe")).to_have_text("Warteschlange: 2/3 | 1.2s")
