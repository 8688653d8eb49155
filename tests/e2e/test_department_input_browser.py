"""Department input in the browser: a clerk asks a department for the facts of one question by a
date, the overview shows the input overdue, the department's user sees only that question and
supplies the input, the answer is drafted again citing it, approved and released."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.test_review_browser import TIMEOUT, expect, login, questions, step_through, upload_and_draft

INQUIRY = """Anfrage der Fraktion Bürgerliste

Betreff: KI im Bauhof und KI-Leitlinie

1. Gibt es eine KI-Leitlinie?
2. Wie viele Beschäftigte des Bauhofs nutzen KI-gestützte Routenplanung?
"""
INPUT = "Im Bauhof nutzen derzeit 14 Beschäftigte die KI-gestützte Routenplanung für den Winterdienst."


def test_a_department_supplies_its_input(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    source = tmp_path / "anfrage.txt"
    source.write_text(INQUIRY, encoding="utf-8")

    # The clerk drafts the inquiry and asks the personnel department for question 2, due yesterday.
    login(page, server, "sabine")
    upload_and_draft(page, source)
    expect(questions(page).nth(1)).to_contain_text("keine Informationen")  # the knowledge base has nothing
    questions(page).nth(1).click()
    expect(page.locator("#question-text")).to_contain_text("Frage 2")
    page.locator("#assignee input").click()
    page.get_by_role("option", name="Franziska Personal").click()
    page.locator("#assign-due textarea, #assign-due input").first.fill("2026-11-20")
    page.locator("#assign").click()
    expect(page.locator("#review-message")).to_contain_text("Zuständig: Franziska Personal bis 20.11.2026")
    page.get_by_role("tab", name="Übersicht").click()
    expect(page.locator("#overview-table")).to_contain_text("1 offen · ⚠ 1 überfällig")

    # The department's user sees only her tab and her question, and supplies the input.
    login(page, server, "franziska")
    for tab in ("Übersicht", "Prüfung", "Neue Anfrage", "Protokoll"):
        expect(page.get_by_role("tab", name=tab)).to_be_hidden()
    page.locator("#input-question input").click()
    option = page.get_by_role("option").filter(has_text="Frage 2")
    expect(option).to_contain_text("überfällig")
    option.click()
    expect(page.locator("#input-details")).to_contain_text("Routenplanung")
    page.locator("#input-text textarea").fill(INPUT)
    page.locator("#input-send").click()
    expect(page.locator("#input-message")).to_contain_text("Danke", timeout=TIMEOUT)

    # Back at the clerk's: the answer is drafted from the input and cites it; nothing is outstanding.
    login(page, server, "sabine")
    expect(page.locator("#overview-table")).not_to_contain_text("überfällig")
    page.locator("#overview-table").get_by_text("KI im Bauhof und KI-Leitlinie").filter(visible=True).first.click()
    questions(page).nth(1).click()
    expect(page.locator("#sources")).to_contain_text("Zuarbeit FB10")
    assert "14 Beschäftigte" in page.locator("#answer-text textarea").input_value()
    page.locator("#submit-all").click()
    expect(page.locator("#review-message")).to_contain_text("zur Prüfung gegeben")

    login(page, server, "frank")
    page.locator("#overview-table").get_by_text("KI im Bauhof und KI-Leitlinie").filter(visible=True).first.click()
    expect(questions(page).filter(has_text="In Prüfung")).to_have_count(2)
    step_through(page, "#approve", "In Prüfung", "Freigegeben")
    page.locator("#release").click()
    expect(page.locator("#review-message")).to_contain_text("Antwortschreiben ist freigegeben")
