"""Two evaluators score the same first draft in the browser; the page shows their agreement."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_review_browser import TIMEOUT, expect, login

pytestmark = pytest.mark.e2e
INQUIRY = """Anfrage der Fraktion
Künstliche Intelligenz in der Verwaltung
1. Ist die Nutzung von ChatGPT durch die Beschäftigten erlaubt?
2. Gibt es eine Dienstvereinbarung zum KI-Einsatz?
"""


def choose(page: Any, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option).first.click()


def score(page: Any, url: str, evaluator: str, usable: str) -> None:
    login(page, url, evaluator)
    page.get_by_role("tab", name="Bewertung").click()
    choose(page, "#eval-inquiry", "1: Künstliche Intelligenz in der Verwaltung (Anfrage)")
    choose(page, "#eval-question", "Frage 1")
    expect(page.get_by_label("Erster Entwurf (nicht bearbeitbar)")).not_to_have_value("")
    for item in ("correct", "complete", "sourced", "style"):
        page.locator(f"#eval-{item}").get_by_label("ja", exact=True).check()
    page.locator("#eval-usable").get_by_label(usable, exact=True).check()
    page.locator("#eval-save").click()
    expect(page.locator("#eval-message")).to_contain_text("Bewertung gespeichert")


def test_two_evaluators_score_a_draft(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    login(page, server, "sabine")
    page.get_by_role("tab", name="Neue Anfrage").click()
    page.get_by_label("Text der Anfrage").fill(INQUIRY)
    page.locator("#start-drafting").click()
    expect(page.locator("#draft-progress")).to_contain_text("Alle Entwürfe sind erstellt")

    # The clerk does not see the evaluators' tab (the ratings refuse her anyway: tests/unit).
    expect(page.get_by_role("tab", name="Bewertung")).to_be_hidden()

    score(page, server, "eva", "ja")
    score(page, server, "emil", "nein")
    expect(page.locator("table", has_text="Verfahren").last).to_contain_text("Cohen")
