"""Importing an inquiry from the council information system in the browser: the paper's OParl URL
(served by the local fixture server, never the network), loaded into the form, drafted."""

from __future__ import annotations

from typing import Any

from tests.e2e.test_review_browser import TIMEOUT, expect, login, questions
from tests.oparl_server import oparl_server


def test_an_inquiry_is_imported_from_the_council_information_system(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    login(page, server, "sabine")
    page.get_by_role("tab", name="Neue Anfrage").click()
    page.locator("#oparl-box").get_by_text("aus dem Ratsinformationssystem").click()
    with oparl_server() as base:
        page.locator("#oparl-url textarea, #oparl-url input").first.fill(f"{base}/oparl/v1/paper/815")
        page.locator("#oparl-load").click()
        expect(page.locator("#oparl-message")).to_contain_text("Drucksache 2026/0815 vom 13.04.2026 geladen")
    page.locator("#deadline textarea, #deadline input").first.fill("2026-12-15")
    page.locator("#start-drafting").click()
    expect(page.locator("#draft-progress")).to_contain_text("Alle Entwürfe sind erstellt", timeout=TIMEOUT)
    expect(questions(page)).to_have_count(2)
    expect(page.locator("#inquiry-header")).to_contain_text("Einsatz von Künstlicher Intelligenz")
