"""The department input tab ("Zuarbeit"): the questions assigned to the logged-in person's
department, each with its draft so far, and a form to supply the facts.

Department staff (role Fachbereich) see only this tab and only their own questions; clerks see
every input still requested, to enter one received by mail on a department's behalf.
"""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time.

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.formats.read import DOCUMENT_SUFFIXES
from assistant.review.auth import Actor
from assistant.review.inputs import Assigned
from assistant.review.states import Action
from assistant.services import Services
from assistant.text import german_date
from assistant.usecases import inputs


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

    def on_send(answer_id: int | None, value: str, upload: str | None, request: gr.Request) -> list[Any]:
        actor = me(request)
        if answer_id is None:
            return [gr.skip(), gr.skip(), value, "⚠ Bitte zuerst eine Frage wählen."]
        try:
            view = inputs.supply(services, actor, answer_id, value, Path(upload) if upload else None)
        except AssistantError as exc:
            return [gr.skip(), gr.skip(), value, f"⚠ **{exc.render()}**"]
        found = requested(services, actor, day())
        current = next((a for a in found if a.answer_id == answer_id), None)
        dropdown = gr.Dropdown(choices=[(label(a, day()), a.answer_id) for a in found], value=current and answer_id)
        markers = len(view.answer.citations)
        done = f"✔ Danke – Ihre Zuarbeit ist gespeichert; die Antwort wurde daraus neu entworfen ({markers} Beleg(e))."
        return [dropdown, details(current), "", done]

    choice.input(on_choose, inputs=[choice], outputs=[shown])
    send.click(on_send, inputs=[choice, text, attachment], outputs=[choice, shown, text, message],
               concurrency_id="models", concurrency_limit=1)  # fmt: skip
    tab.select(fill, outputs=[choice])
    return InputsTab(tab, fill, choice)
