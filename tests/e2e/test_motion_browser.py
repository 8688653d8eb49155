"""A motion in the browser, from upload to release: the Stellungnahme per demand, the Empfehlung
the leadership decides (it blocks approval while it is open), the letter "Stellungnahme der
Verwaltung zum Antrag …"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from assistant.drafting.statement import PLACEHOLDER
from tests.conftest import INQUIRIES
from tests.e2e.test_review_browser import TIMEOUT, expect, login, questions, step_through, upload_and_draft

NORTHEIM = INQUIRIES / "northeim-fdp-antrag-2025-02-11.txt"
DECIDED = "Die Verwaltung empfiehlt, den Antrag abzulehnen."


def test_a_motion_from_upload_to_release(server: str, browser: Any, tmp_path: Path) -> None:
    if not NORTHEIM.is_file():
        pytest.skip("../shared/inquiries fehlt")
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE", accept_downloads=True)
    page.set_default_timeout(TIMEOUT)

    # The clerk uploads the motion: one Stellungnahme per demand, the Empfehlung left open.
    login(page, server, "sabine")
    upload_and_draft(page, NORTHEIM)
    expect(questions(page)).to_have_count(3)
    answer = page.locator("#answer-text textarea")
    questions(page).nth(1).click()
    expect(page.locator("#question-text")).to_contain_text("Nr. 2")
    expect(answer).to_have_value(re.compile(r"^Sachstand: "))
    expect(answer).to_have_value(re.compile(r"über den veranschlagten Mitteln: 2025 um 70\.000 Euro"))
    page.locator("#submit-all").click()
    expect(page.locator("#review-message")).to_contain_text("3 Antworten zur Prüfung gegeben")

    # The leadership may not approve while the Empfehlung is open; it sends its decision back.
    login(page, server, "frank")
    page.locator("#overview-table").get_by_text("Einstieg in den Einsatz von KI").filter(visible=True).first.click()
    questions(page).first.click()
    expect(page.locator("#question-text")).to_contain_text("Nr. 1")
    page.locator("#approve").click()
    expect(page.locator("#review-message")).to_contain_text("Die Empfehlung zu Nr. 1 ist noch offen")
    for number in range(3):
        questions(page).nth(number).click()
        expect(page.locator("#question-text")).to_contain_text(f"Nr. {number + 1}")
        page.locator("#comment textarea, #comment input").first.fill("Empfehlung: ablehnen")
        page.locator("#reject").click()
        expect(questions(page).nth(number)).to_contain_text("Zurückgewiesen")

    # The clerk writes the leadership's decision into each Stellungnahme and submits again.
    login(page, server, "sabine")
    page.locator("#overview-table").get_by_text("Einstieg in den Einsatz von KI").filter(visible=True).first.click()
    for number in range(3):
        questions(page).nth(number).click()
        expect(page.locator("#question-text")).to_contain_text(f"Nr. {number + 1}")
        expect(answer).to_have_value(re.compile(re.escape(PLACEHOLDER)))
        answer.fill(answer.input_value().replace(PLACEHOLDER, DECIDED))
        page.locator("#save").click()
        expect(page.locator("#review-message")).to_contain_text("Gespeichert")
    page.locator("#submit-all").click()
    expect(page.locator("#review-message")).to_contain_text("3 Antworten zur Prüfung gegeben")

    # Approved and released by the leadership; the letter is a Stellungnahme.
    login(page, server, "frank")
    page.locator("#overview-table").get_by_text("Einstieg in den Einsatz von KI").filter(visible=True).first.click()
    expect(questions(page).filter(has_text="In Prüfung")).to_have_count(3)  # the list is there before stepping
    step_through(page, "#approve", "In Prüfung", "Freigegeben")
    page.locator("#release").click()
    expect(page.locator("#review-message")).to_contain_text("Antwortschreiben ist freigegeben")
    page.locator("#export-final").click()
    expect(page.locator("#export-message")).to_contain_text("Endfassung erstellt")
    with page.expect_download() as download:
        page.locator('#export-files a[download$=".docx"]').first.click()
    path = tmp_path / "stellungnahme.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Stellungnahme der Verwaltung zum Antrag der FDP-Fraktion" in text
    assert "Zu Nr. 1:" in text and "Zu Nr. 3:" in text
    assert f"Empfehlung: {DECIDED}" in text and PLACEHOLDER not in text
