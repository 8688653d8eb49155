"""A stateless web tier (issue 18): two web processes share the review database, and with it the
logins and the work; a login on one continues on the other, a logout on one ends it on both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_review_browser import HERNE, TIMEOUT, expect, login, upload_and_draft

pytestmark = pytest.mark.e2e


def test_a_clerk_logs_in_on_one_web_process_and_continues_on_the_other(
    two_servers: tuple[str, str], browser: Any
) -> None:
    if not HERNE.is_file():
        pytest.skip("../shared/inquiries fehlt")
    first, second = two_servers
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    login(page, first, "sabine")
    upload_and_draft(page, HERNE)

    page.goto(second)  # the other process: no login form, the same clerk, the work drafted on the first
    expect(page.locator("#who")).to_contain_text("Angemeldet als", timeout=TIMEOUT)
    expect(page.locator("#overview-table")).to_contain_text("0/5 freigegeben")
    page.locator("#overview-table").get_by_text("0/5 freigegeben").filter(visible=True).first.click()
    expect(page.locator("#inquiry-header")).to_contain_text("0 von 5 Antworten freigegeben")
    answer = page.locator("#answer-text textarea")
    answer.fill(answer.input_value() + " Ergänzt auf dem zweiten Webprozess.")
    page.locator("#save").click()
    expect(page.locator("#review-message")).to_contain_text("Gespeichert")

    page.goto(second + "/logout")  # a logout on one process ends the session on both
    page.goto(first)
    expect(page.get_by_label("Benutzername")).to_be_visible()
