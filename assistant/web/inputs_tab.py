"""The department input tab ("Zuarbeit"): the questions assigned to the logged-in person's
department, each with its draft so far, and a form to supply the facts.

Department staff (role Fachbereich) see only this tab and only their own questions; clerks see
every input still requested, to enter one received by mail on a department's behalf.
"""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time.

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.formats.read import DOCUMENT_SUFFIXES
from assistant.jobs.model import JobKind, JobRequest, JobState
from assistant.review.auth import Actor
from assistant.review.inputs import Assigned
from assistant.review.states import Action
from assistant.services import Services
from assistant.text import german_date
from assistant.usecases import inputs
from assistant.usecases.jobs import queue_for
from assistant.web import render
from assistant.web.actions import watch


@dataclass
class InputsTab:
    tab: Any
    fill: Callable[..., Any]  # (request) -> the question dropdown
    dropdown: Any


def requested(services: Services, actor: Actor, today: date) -> list[Assigned]:
    """The questions this person is asked to supply input for (a clerk: every one still open)."""
    if actor.can(Action.ANSWER_EDIT):
        return inputs.outstanding(services, today)
    return [a for a in services.inputs.assigned(actor.name) if not a.released]


def redraft_request(actor: Actor, supplied: inputs.Supplied) -> JobRequest:
    """The job that drafts the answer from a stored input (a worker runs it; the page follows it)."""
    payload = {"document": supplied.document, "department": supplied.department}
    return JobRequest(JobKind.INPUT_REDRAFT, actor.name, actor.roles, supplied.inquiry_id, supplied.answer_id, payload)


def label(item: Assigned, today: date) -> str:
    due = f" · bis {german_date(item.due)}" if item.due else ""
    state = " · ✔ geliefert" if item.supplied else (" · ⚠ überfällig" if item.overdue(today) else "")
    return f"Anfrage {item.inquiry_id}: {item.inquiry_title[:60]} – Frage {item.question_id}{due}{state}"


def details(item: Assigned | None) -> str:
    if item is None:
        return "_Keine Frage ausgewählt._"
    due = german_date(item.due) if item.due else "ohne Termin"
    deadline = german_date(item.deadline) if item.deadline else "–"
    return (
        f"**Frage {item.question_id}:** {item.question}\n\n"
        f"**Zu liefern bis:** {due} · **Frist der Anfrage:** {deadline}\n\n"
        f"**Bisheriger Entwurf:**\n\n> {item.answer}"
    )


def build(gr: Any, services: Services, me: Callable[[Any], Actor], today: date | None) -> InputsTab:
    with gr.Tab("Zuarbeit", id="inputs") as tab:
        gr.Markdown(
            "Fragen, zu denen die Sachbearbeitung Angaben Ihres Fachbereichs braucht. Ihre Zuarbeit wird mit "
            "Name und Zeit gespeichert, als Quelle in die Wissensbasis übernommen und die Antwort daraus neu "
            "entworfen."
        )
        choice = gr.Dropdown(label="Angefragte Fragen", choices=[], elem_id="input-question")
        shown = gr.Markdown(elem_id="input-details")
        text = gr.Textbox(label="Ihre Zuarbeit (Angaben mit Zahlen, Daten und Zuständigkeiten)", lines=6,
                          elem_id="input-text")  # fmt: skip
        attachment = gr.File(label="Dokument dazu (optional: PDF, Word, HTML, Text)", type="filepath",
                             file_types=list(DOCUMENT_SUFFIXES), elem_id="input-file")  # fmt: skip
        send = gr.Button("Zuarbeit senden", variant="primary", elem_id="input-send")
        message = gr.Markdown(elem_id="input-message")

    def day() -> date:
        return today or services.today or date.today()

    def fill(request: gr.Request) -> Any:
        found = requested(services, me(request), day())
        return gr.Dropdown(choices=[(label(a, day()), a.answer_id) for a in found], value=None)

    def on_choose(answer_id: int | None, request: gr.Request) -> str:
        found = {a.answer_id: a for a in requested(services, me(request), day())}
        return details(found.get(answer_id)) if answer_id is not None else details(None)

    def on_send(answer_id: int | None, value: str, upload: str | None, request: gr.Request) -> Iterator[list[Any]]:
        actor = me(request)
        if answer_id is None:
            yield [gr.skip(), gr.skip(), value, "⚠ Bitte zuerst eine Frage wählen."]
            return
        try:
            supplied = inputs.supply(services, actor, answer_id, value, Path(upload) if upload else None)
            job = queue_for(services).submit(redraft_request(actor, supplied))
        except AssistantError as exc:
            yield [gr.skip(), gr.skip(), value, f"⚠ **{exc.render()}**"]
            return
        found = requested(services, actor, day())
        current = next((a for a in found if a.answer_id == answer_id), None)
        dropdown = gr.Dropdown(choices=[(label(a, day()), a.answer_id) for a in found], value=current and answer_id)
        shown = ""
        for seen in watch(services, job.id):
            text = render.input_text(seen, time.time() - seen.created, services.settings.jobs.queue)
            if seen.state == JobState.DONE:  # show the new draft
                current = next((a for a in requested(services, actor, day()) if a.answer_id == answer_id), None)
            if text != shown:
                shown = text
                yield [dropdown, details(current), "", text]

    choice.input(on_choose, inputs=[choice], outputs=[shown])
    send.click(on_send, inputs=[choice, text, attachment], outputs=[choice, shown, text, message])
    tab.select(fill, outputs=[choice])
    return InputsTab(tab, fill, choice)
