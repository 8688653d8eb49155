"""The clerks of the load test (``bench/load_test.py``): people at the review page, driven over HTTP.

Each clerk logs in at ``/login`` (our form, a session cookie) and then fires the page's own gradio
events, as the browser does, through ``gradio_client`` with that cookie: page load, open an inquiry,
open an answer, save, give to review, redraft; an approver opens and approves. The events are
found by the ``elem_id`` of the button or field that triggers them, so the test follows the page.
Every action is timed; a save counts as acknowledged only when the page said "Gespeichert".
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

COOKIE = "antwortassistent_session"
MESSAGE = 12  # position of the message in the review screen's outputs (``review_tab._layout``)


@dataclass
class Tally:
    """What one person did: (action, seconds, ok) per action, and the text of every acknowledged save."""

    actions: list[tuple[str, float, bool]] = field(default_factory=list)
    saved: dict[int, str] = field(default_factory=dict)  # answer id -> last text the page confirmed
    errors: list[str] = field(default_factory=list)


class Page:
    """One logged-in browser tab on one web process."""

    def __init__(self, base: str, name: str, password: str, tally: Tally) -> None:
        from gradio_client import Client  # type: ignore[import-untyped]

        self.tally = tally
        started = time.perf_counter()
        response = httpx.post(f"{base}/login", data={"username": name, "password": password}, timeout=60)
        token = response.cookies.get(COOKIE)
        self._record("login", started, response.status_code == 303 and bool(token))
        if not token:
            raise RuntimeError(f"login of {name} failed: HTTP {response.status_code}")
        headers = {"Cookie": f"{COOKIE}={token}"}
        self.client = Client(f"{base}/", headers=headers, verbose=False, download_files=False)
        self._events = _event_index(self.client.config)

    def _record(self, action: str, started: float, ok: bool) -> None:
        self.tally.actions.append((action, time.perf_counter() - started, ok))

    def fire(self, action: str, trigger: tuple[str | None, str], *values: Any) -> list[Any]:
        """Run the event of ``trigger`` (elem_id, event name) with the visible inputs ``values``; timed."""
        started = time.perf_counter()
        try:
            out = self.client.predict(*values, fn_index=self._events[trigger])
        except Exception as exc:  # a failed request is a measured outcome, not a crash
            self._record(action, started, False)
            self.tally.errors.append(f"{action}: {exc}")
            return []
        outputs = list(out) if isinstance(out, (list, tuple)) else [out]
        ok = len(outputs) <= MESSAGE or not str(outputs[MESSAGE]).startswith("⚠")
        self._record(action, started, ok)
        return outputs

    def load(self) -> None:
        self.fire("page load", (None, "load"))

    def open_inquiry(self, inquiry_id: int) -> None:
        self.fire("open inquiry", ("inquiry-select", "input"), inquiry_id)

    def open_answer(self, answer_id: int) -> None:
        self.fire("open answer", ("question-select", "input"), answer_id)

    def save(self, answer_id: int, text: str) -> None:
        outputs = self.fire("save", ("save", "click"), text)
        if outputs and str(outputs[MESSAGE]).startswith("✔ Gespeichert"):
            self.tally.saved[answer_id] = text

    def transition(self, action: str) -> None:
        self.fire(action, (action, "click"), "")

    def redraft(self) -> None:
        self.fire("redraft", ("regenerate", "click"))


def _event_index(config: dict[str, Any]) -> dict[tuple[str | None, str], int]:
    """(elem_id of the trigger, event name) -> the event's index in the page's configuration."""
    elem = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    found: dict[tuple[str | None, str], int] = {}
    for index, dependency in enumerate(config["dependencies"]):
        for target, event in dependency["targets"]:
            found.setdefault((elem.get(target), event), index)
    return found


@dataclass(frozen=True)
class Work:
    """What one clerk does: its inquiry's answers, edit rounds, and whether it redrafts one answer first."""

    base: str
    name: str
    password: str
    inquiry_id: int
    answers: tuple[int, ...]
    rounds: int
    redraft: bool


def clerk(work: Work, tally: Tally) -> None:
    """Open the own inquiry, (redraft the first answer,) edit every answer ``rounds`` times, give all to review."""
    try:
        page = Page(work.base, work.name, work.password, tally)
        page.load()
        page.open_inquiry(work.inquiry_id)
        if work.redraft:
            page.open_answer(work.answers[0])
            page.redraft()
        for round_ in range(1, work.rounds + 1):
            for answer_id in work.answers:
                page.open_answer(answer_id)
                page.save(answer_id, f"Antwort {answer_id}, geprüft von {work.name} in Runde {round_}.")
        for answer_id in work.answers:
            page.open_answer(answer_id)
            page.transition("submit")
    except Exception as exc:  # reported in the results, the other clerks go on
        tally.errors.append(f"{work.name}: {exc}")


def approver(base: str, name: str, password: str, queue: list[tuple[int, int]], tally: Tally, stop: Any) -> None:
    """Approve submitted answers (inquiry id, answer id) as they come from ``queue`` until ``stop`` is set."""
    try:
        page = Page(base, name, password, tally)
        page.load()
        opened = None
        while not (stop.is_set() and not queue):
            if not queue:
                time.sleep(0.5)
                continue
            inquiry_id, answer_id = queue.pop(0)
            if inquiry_id != opened:
                page.open_inquiry(inquiry_id)
                opened = inquiry_id
            page.open_answer(answer_id)
            page.transition("approve")
    except Exception as exc:
        tally.errors.append(f"{name}: {exc}")


def start(target: Any, *args: Any) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread
