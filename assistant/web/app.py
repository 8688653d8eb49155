"""The page: the frame, the overview tab and the wiring between the tabs (one module per tab).

Only layout and wiring live here and in the tab modules; ``actions`` does the work. Every
event resolves the logged-in user first; ``server`` puts the login in front of every request.
"""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time
# to find the gr.Request parameter, and `gr` is only imported inside the builder.

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import PermissionDenied
from assistant.kb.load import load
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.services import Services
from assistant.usecases import inputs
from assistant.web import actions, audit_tab, eval_tab, inputs_tab, kb_tab, new_tab, render, review_tab

OVERVIEW_COLUMNS = [
    "Nr.", "Betreff", "Art", "Absender", "Frist", "Restzeit", "Fachbereiche", "Zuarbeit", "Stand", "Status"
]  # fmt: skip
INTRO = (
    "Jeder Entwurf ist mit wörtlichen Fundstellen belegt und muss vor der Freigabe fachlich geprüft werden. "
    "Alles läuft auf diesem Rechner; es werden keine Daten übertragen."
)


def actor_of(services: Services, request: Any) -> Actor:
    header = services.settings.review.auth_header
    name = getattr(request, "username", None)
    if not name and header and request is not None:
        name = request.headers.get(header.lower())
    actor = services.users.actor(name) if name else None
    if actor is None:
        raise PermissionDenied("Nicht angemeldet oder Konto gesperrt", hint="Bitte neu anmelden")
    return actor


# Tabs a role may not use are hidden: (control name of actions.CONTROLS, tab id).
ROLE_TABS = [("new", "new"), ("kb", "kb"), ("evaluation", "evaluation"), ("inputs", "inputs"),
             ("read", "overview"), ("read", "review"), ("read", "audit")]  # fmt: skip


def _who(gr: Any, services: Services) -> tuple[Callable[[Any], Actor], Callable[[Any], Actor]]:
    """(me, reader): the logged-in user; the same, who must also be allowed to read inquiries
    (department staff see only the questions assigned to them, in their own tab)."""

    def me(request: Any) -> Actor:
        try:
            return actor_of(services, request)
        except PermissionDenied as exc:
            raise gr.Error(exc.render()) from exc

    def reader(request: Any) -> Actor:
        actor = me(request)
        try:
            services.review.authorize(actor, Action.INQUIRY_READ)
        except PermissionDenied as exc:
            raise gr.Error(exc.render()) from exc
        return actor

    return me, reader


def _overview_rows(services: Services, actor: Actor, today: date | None) -> list[list[str]]:
    if not actor.can(Action.INQUIRY_READ):
        return []
    day = today or date.today()
    requested = render.input_counts(inputs.outstanding(services, day), day)
    return render.overview_rows(services.review.overview(), day, requested)


def build_app(services: Services, kb_dir: Path, today: date | None = None) -> Any:
    """The page: tabs for overview, new inquiry, review, knowledge base, evaluation and audit trail."""
    import gradio as gr

    me, reader = _who(gr, services)
    # Uploads and downloads pass through gradio's cache: a private folder in the data directory, cleaned hourly.
    cache = Path(services.settings.data_dir).resolve() / "gradio"
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(cache)
    with gr.Blocks(title="Antwortassistent", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        with gr.Row():
            gr.Markdown("## Antwortassistent für Anfragen und Anträge")
            who = gr.Markdown(elem_id="who")
        role_style = gr.HTML(elem_id="role-style", padding=False)
        gr.Markdown(INTRO)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("Übersicht", id="overview") as overview_tab:
                overview = gr.Dataframe(
                    headers=OVERVIEW_COLUMNS, interactive=False, wrap=True, buttons=[], elem_id="overview-table"
                )
                gr.Markdown("Eine Zeile anklicken, um die Anfrage im Reiter „Prüfung“ zu öffnen.")
            new = new_tab.build(gr, services, kb_dir, me)
            review = review_tab.build(gr, services, kb_dir, reader, today)
            kb_parts = kb_tab.build(gr, services, kb_dir, me)
            eval_parts = eval_tab.build(gr, services, me)
            audit = audit_tab.build(gr, services, reader)
            department = inputs_tab.build(gr, services, me, today)

        # Each role sees only the controls it may use (the workflow refuses the others anyway). Tabs are
        # hidden by a style rule: gradio 6 ignores visibility updates of a gr.Tab (gradio issues 9648, 10904).
        role_bound = dict(review.controls)

        def on_load(request: gr.Request) -> list[Any]:
            actor = me(request)
            allowed = actions.controls(actor)
            summaries = services.review.overview() if allowed["read"] else []
            units = [(f"{d.id} – {d.name}", d.id) for d in load(kb_dir).municipality.departments]
            return [
                render.who(actor),
                _overview_rows(services, actor, today),
                review.selector(summaries),
                gr.Dropdown(choices=units),
                *kb_parts.fill(request),
                *(gr.update(visible=allowed[name]) for name in role_bound),
                render.hidden_tabs(tab for name, tab in ROLE_TABS if not allowed[name]),
                gr.Tabs(selected="overview" if allowed["read"] else "inputs"),
                department.fill(request) if allowed["inputs"] else gr.skip(),
            ]

        # Everything with data is filled here, after login; the page itself carries none.
        outputs = [who, overview, review.inquiry_select, new.departments, *kb_parts.filled, *role_bound.values(),
                   role_style, tabs, department.dropdown]  # fmt: skip
        app.load(on_load, outputs=outputs)

        def refresh(request: gr.Request) -> list[list[str]]:
            return _overview_rows(services, me(request), today)

        def from_overview(evt: gr.SelectData, request: gr.Request) -> list[Any]:
            reader(request)
            selected = int(evt.row_value[0])
            opened = review.show(actions.screen(services, selected))
            return [gr.Tabs(selected="review"), review.selector(selected=selected), *opened]

        overview_tab.select(refresh, outputs=[overview])
        overview.select(from_overview, outputs=[tabs, review.inquiry_select, *review.outputs])
        review.wire()
        new.wire(tabs, review)
        kb_parts.wire(review.inquiry_id)
        eval_parts.wire(review.inquiry_id)
        audit.wire(review.inquiry_id, review.inquiry_select)
    return app
