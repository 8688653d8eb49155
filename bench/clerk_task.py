"""A timed clerk task: the Herne inquiry from upload to the released letter, in Chromium.

The page runs with the fake language model (tests/e2e/server.py), so what is measured is the
clerks' work on the page: clicks and keystroke fields filled, and seconds of page time with the
drafting itself (model time) taken out. Two ways through the same page, one after the other:

- ``einzeln``: what the review screen offered before issue 15 – every answer submitted on its
  own, the letter's reference and opening finished afterwards in Word (not counted here: it
  happens outside the tool and outside the audit trail);
- ``gebündelt``: "Alle Entwürfe zur Prüfung geben", the letter's details completed in the tool,
  the PDF exported next to the DOCX.

Approving stays one answer at a time in both (deliberately: each answer is opened before it is
approved). Results: bench/results/clerk_task.json and .md.

    python bench/clerk_task.py
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
HERNE = ROOT.parent / "shared" / "inquiries" / "herne-fdp-2025-05-06.txt"
TIMEOUT = 60_000
QUESTIONS = 5  # the Herne inquiry's
sys.path.insert(0, str(ROOT))


class Clerk:
    """The page, with every click and filled field counted and the drafting wait timed apart."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.clicks = self.fields = 0
        self.model_seconds = 0.0

    def click(self, locator: Any) -> None:
        locator.click()
        self.clicks += 1

    def fill(self, locator: Any, text: str) -> None:
        locator.fill(text)
        self.fields += 1

    def login(self, name: str, password: str) -> None:
        self.page.goto(self.url + "/logout")
        self.fill(self.page.get_by_label("Benutzername"), name)
        self.fill(self.page.get_by_label("Passwort"), password)
        self.click(self.page.get_by_role("button", name="Anmelden"))
        self.expect(self.page.locator("#who")).to_contain_text("Angemeldet als")

    @staticmethod
    def expect(locator: Any) -> Any:
        from playwright.sync_api import expect

        return expect(locator)


def _upload(clerk: Clerk) -> None:
    page = clerk.page
    clerk.click(page.get_by_role("tab", name="Neue Anfrage"))
    page.locator("#inquiry-upload input[type=file]").set_input_files(str(HERNE))
    clerk.clicks += 1  # choosing the file
    clerk.fill(page.locator("#deadline textarea, #deadline input").first, "2026-12-15")
    started = time.perf_counter()
    clerk.click(page.locator("#start-drafting"))
    clerk.expect(page.locator("#draft-progress")).to_contain_text("Alle Entwürfe sind erstellt", timeout=TIMEOUT)
    clerk.model_seconds += time.perf_counter() - started


def _submit(clerk: Clerk, bundled: bool) -> None:
    page = clerk.page
    labels = page.locator("#question-select label")
    clerk.expect(labels).to_have_count(QUESTIONS)
    if bundled:
        clerk.click(page.locator("#submit-all"))
        clerk.expect(page.locator("#review-message")).to_contain_text("zur Prüfung gegeben")
        return
    for index in range(labels.count()):
        clerk.click(labels.nth(index))
        clerk.expect(page.locator("#answer-status")).to_contain_text("Entwurf")
        clerk.click(page.locator("#submit"))
        clerk.expect(page.locator("#review-message")).to_contain_text("Zur Prüfung gegeben")


def _letter_details(clerk: Clerk) -> None:
    page = clerk.page
    clerk.click(page.locator("#letter-details").get_by_text("Angaben im Antwortschreiben"))
    clerk.fill(page.locator("#letter-reference textarea, #letter-reference input").first, "A 2025/0815")
    clerk.fill(page.locator("#letter-addressee textarea"), "FDP-Ratsgruppe\nRathaus\n44623 Herne")
    clerk.click(page.locator("#letter-save"))
    clerk.expect(page.locator("#letter-message")).to_contain_text("gespeichert")


def _approve_and_release(clerk: Clerk, pdf: bool) -> None:
    page = clerk.page
    clerk.click(page.locator("#overview-table").get_by_text("Potenziale und Einsatz").filter(visible=True).first)
    labels = page.locator("#question-select label")
    clerk.expect(labels).to_have_count(QUESTIONS)
    for index in range(labels.count()):
        clerk.click(labels.nth(index))
        clerk.expect(page.locator("#answer-status")).to_contain_text("In Prüfung")
        clerk.click(page.locator("#approve"))
        clerk.expect(page.locator("#review-message")).to_contain_text("Freigegeben")
    clerk.click(page.locator("#release"))
    clerk.expect(page.locator("#review-message")).to_contain_text("Antwortschreiben ist freigegeben")
    if not pdf:
        page.locator("#export-pdf input").uncheck()
    clerk.click(page.locator("#export-final"))
    clerk.expect(page.locator("#export-message")).to_contain_text("Endfassung erstellt", timeout=TIMEOUT)


def _run(browser: Any, url: str, bundled: bool) -> dict[str, Any]:
    from tests.e2e.server import PASSWORDS

    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="de-DE")
    page.set_default_timeout(TIMEOUT)
    clerk = Clerk(page, url)
    started = time.perf_counter()
    clerk.login("sabine", PASSWORDS["sabine"])
    _upload(clerk)
    _submit(clerk, bundled)
    if bundled:
        _letter_details(clerk)
    clerk.login("frank", PASSWORDS["frank"])
    _approve_and_release(clerk, pdf=bundled)
    total = time.perf_counter() - started
    page.close()
    return {
        "clicks": clerk.clicks,
        "fields": clerk.fields,
        "seconds_page": round(total - clerk.model_seconds, 1),
        "seconds_drafting": round(clerk.model_seconds, 1),
        "letter_finished_in_tool": bundled,
    }


def _server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    kb = folder / "kb"
    shutil.copytree(ROOT / "knowledge_base" / "musterstadt", kb)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [sys.executable, "-m", "tests.e2e.server", str(folder / "data"), str(port), str(kb)]
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the page did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    results: dict[str, Any] = {}
    for name, bundled in (("einzeln", False), ("gebündelt", True)):
        with tempfile.TemporaryDirectory() as folder:
            process, url = _server(Path(folder))
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                    results[name] = _run(browser, url, bundled)
                    browser.close()
            finally:
                process.terminate()
                process.wait(timeout=20)
    lines = [
        "# Clerk task: Herne inquiry from upload to released letter (fake model, Chromium)",
        "",
        "| way | clicks | fields filled | seconds on the page | seconds drafting | letter finished in the tool |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['clicks']} | {r['fields']} | {r['seconds_page']} | {r['seconds_drafting']} | "
            f"{'ja' if r['letter_finished_in_tool'] else 'nein (in Word, ohne Protokoll)'} |"
        )
    write_results(ROOT / "bench" / "results", "clerk_task", results, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
