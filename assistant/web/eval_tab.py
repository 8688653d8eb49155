"""The evaluator tab (role Evaluation): score the model's first drafts on a short rubric."""

# No `from __future__ import annotations`: gradio reads gr.Request from the handlers' hints.

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.errors import AssistantError
from assistant.review.auth import Actor
from assistant.review.ratings import RUBRIC
from assistant.services import Services
from assistant.usecases import ratings
from assistant.web import render
from assistant.web.actions import source_texts_of


def agreement_markdown(services: Services) -> str:
    rows = services.ratings.agreement()
    lines = ["**Übereinstimmung der Bewertenden** (Kappa: 1 = völlig einig, 0 = wie zufällig)", ""]
    lines += ["| Kriterium | Verfahren | Bewertende | Antworten | Kappa |", "|---|---|---|---|---|"]
    for row in rows:
        kappa = "–" if row.kappa is None else f"{row.kappa:.2f}"
        lines.append(f"| {RUBRIC[row.item][0]} | {row.method} | {row.raters} | {row.answers} | {kappa} |")
    return "\n".join(lines)


def draft_view(services: Services, answer_id: int | None, actor: Actor) -> tuple[str, str, str, list[Any]]:
    """(question, first draft, sources, this evaluator's earlier scores) of one answer."""
    if answer_id is None:
        return "", "", "", [None] * (len(RUBRIC) + 1)
    review = services.review
    answer = review.answer(answer_id)
    view = review.inquiry(answer.inquiry_id)
    first = review.history(answer_id)[0].text
    earlier = services.ratings.mine(actor, answer_id) or {}
    question = render.question_markdown(view, answer)
    sources = render.sources_html(answer, source_texts_of(view.kb_path))
    return question, first, sources, [earlier.get(item) for item in RUBRIC] + [earlier.get("comment", "")]


def inquiries_and_agreement(services: Services) -> tuple[list[tuple[str, int]], str]:
    return render.inquiry_choices(services.review.overview()), agreement_markdown(services)


def question_choices(services: Services, inquiry_id: int | None) -> list[tuple[str, int]]:
    if inquiry_id is None:
        return []
    return [(f"Frage {a.question_id}", a.id) for a in services.review.inquiry(inquiry_id).answers]


def save_rating(
    services: Services, actor: Actor, answer_id: int | None, scores: dict[str, str], note: str
) -> tuple[str, str | None]:
    """(message, new agreement table or None to leave it)."""
    if answer_id is None:
        return "⚠ Bitte zuerst eine Frage wählen.", None
    try:
        services.ratings.rate(actor, answer_id, scores, note or "")
    except AssistantError as exc:
        return f"⚠ **{exc.render()}**", None
    return "✔ Bewertung gespeichert.", agreement_markdown(services)


def export_ratings(services: Services, actor: Actor) -> tuple[str | None, str]:
    """(path of the CSV or None, message)."""
    try:
        path = ratings.export(services, actor)
    except AssistantError as exc:
        return None, f"⚠ **{exc.render()}**"
    return str(path), "✔ Export erstellt."


@dataclass
class EvalTab:
    wire: Callable[[Any], None]


def build(gr: Any, services: Services, me: Callable[[Any], Actor]) -> EvalTab:
    with gr.Tab("Bewertung", id="evaluation") as tab:
        gr.Markdown(
            "Bewertet wird der **erste Entwurf des Sprachmodells** (vor jeder Bearbeitung). "
            "Ihre Bewertung sehen andere Bewertende nicht; die Übereinstimmung wird unten berechnet."
        )
        with gr.Row():
            inquiry = gr.Dropdown(label="Anfrage", choices=[], elem_id="eval-inquiry", scale=3)
            question_choice = gr.Dropdown(label="Frage", choices=[], elem_id="eval-question", scale=2)
        question = gr.Markdown()
        draft = gr.Textbox(label="Erster Entwurf (nicht bearbeitbar)", lines=5, interactive=False)
        with gr.Accordion("Quellen", open=False):
            sources = gr.HTML()
        with gr.Row():
            items = [
                gr.Radio(list(allowed), label=label, elem_id=f"eval-{key}") for key, (label, allowed) in RUBRIC.items()
            ]
        comment = gr.Textbox(label="Kommentar", lines=2)
        save = gr.Button("Bewertung speichern", variant="primary", elem_id="eval-save")
        message = gr.Markdown(elem_id="eval-message")
        agreement = gr.Markdown()
        export = gr.Button("Alle Bewertungen als CSV")
        files = gr.File(label="Export", interactive=False)

    def on_open(request: gr.Request) -> tuple[Any, str]:
        me(request)
        choices, table = inquiries_and_agreement(services)
        return gr.Dropdown(choices=choices), table

    def on_inquiry(selected: int | None, request: gr.Request) -> Any:
        me(request)
        return gr.Dropdown(choices=question_choices(services, selected), value=None)

    def on_question(answer_id: int | None, request: gr.Request) -> list[Any]:
        text, first, html, earlier = draft_view(services, answer_id, me(request))
        return [text, first, html, *earlier]

    def on_save(
        answer_id: int | None,
        note: str,
        correct: str,
        complete: str,
        sourced: str,
        style: str,
        usable: str,
        request: gr.Request,
    ) -> tuple[str, str]:
        scores = {"correct": correct, "complete": complete, "sourced": sourced, "style": style, "usable": usable}
        message, table = save_rating(services, me(request), answer_id, scores, note)
        return message, gr.skip() if table is None else table

    def on_export(request: gr.Request) -> tuple[Any, str]:
        return export_ratings(services, me(request))

    def wire(_: Any) -> None:
        tab.select(on_open, outputs=[inquiry, agreement])
        inquiry.input(on_inquiry, inputs=[inquiry], outputs=[question_choice])
        question_choice.input(
            on_question, inputs=[question_choice], outputs=[question, draft, sources, *items, comment]
        )
        save.click(on_save, inputs=[question_choice, comment, *items], outputs=[message, agreement])
        export.click(on_export, outputs=[files, message])

    return EvalTab(wire)
