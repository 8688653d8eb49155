"""The new-inquiry tab ("Neue Anfrage"): text or file, deadline, departments; drafting with progress."""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time.

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.formats.read import INQUIRY_SUFFIXES
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.web import actions


@dataclass
class NewTab:
    departments: Any  # filled after login
    wire: Callable[[Any, Any], None]  # (the page's tabs, the review tab)


@dataclass
class _OParlBox:
    url: Any
    load: Any
    since: Any
    kind: Any
    search: Any
    found: Any
    message: Any


def _oparl_box(gr: Any) -> _OParlBox:
    """Import from the council information system: a paper's OParl URL, or a search by date and type."""
    with gr.Accordion("… oder aus dem Ratsinformationssystem (OParl) holen", open=False, elem_id="oparl-box"):
        with gr.Row():
            url = gr.Textbox(label="Adresse der Drucksache (OParl)", scale=4, elem_id="oparl-url")
            load = gr.Button("Laden", scale=1, elem_id="oparl-load")
        with gr.Row():
            since = gr.Textbox(label="Drucksachen ab (JJJJ-MM-TT)", scale=2, elem_id="oparl-since")
            kind = gr.Textbox(label="Art", value="Anfrage", scale=2, elem_id="oparl-kind")
            search = gr.Button("Suchen", scale=1, elem_id="oparl-search")
        found = gr.Dropdown(label="Gefundene Drucksachen", choices=[], elem_id="oparl-found")
        message = gr.Markdown(elem_id="oparl-message")
    return _OParlBox(url, load, since, kind, search, found, message)


def build(gr: Any, services: Services, kb_dir: Path, me: Callable[[Any], Actor]) -> NewTab:
    with gr.Tab("Neue Anfrage", id="new"), gr.Row():
        with gr.Column():
            text = gr.Textbox(label="Text der Anfrage", lines=12, placeholder="Anfrage hier einfügen …")
            upload = gr.File(
                label="… oder Datei hochladen (PDF, Word, HTML, Text, E-Mail)",
                file_types=list(INQUIRY_SUFFIXES),
                type="filepath",
                elem_id="inquiry-upload",
            )
            oparl = _oparl_box(gr)
        with gr.Column():
            deadline = gr.Textbox(label="Frist (JJJJ-MM-TT)", placeholder="2026-12-15", elem_id="deadline")
            assigned = gr.Dropdown([], label="Zuständige Fachbereiche", multiselect=True)
            start = gr.Button("Entwürfe erstellen", variant="primary", elem_id="start-drafting")
            cancel = gr.Button("Entwerfen abbrechen", size="sm", elem_id="cancel-drafting")
            progress = gr.Markdown(elem_id="draft-progress")
            job = gr.State(None)  # the drafting job this page follows

    def on_load_paper(url: str, request: gr.Request) -> tuple[Any, str]:
        me(request)
        loaded, message = actions.oparl_paper(services, url or "")
        return (loaded if loaded is not None else gr.skip()), message

    def on_search(since: str, kind: str, request: gr.Request) -> tuple[Any, str]:
        me(request)
        found, message = actions.oparl_search(services, since or "", kind or "")
        return gr.Dropdown(choices=found, value=None), message

    def on_pick(url: str | None, request: gr.Request) -> tuple[Any, Any, str]:
        if not url:
            return gr.skip(), gr.skip(), ""
        loaded, message = on_load_paper(url, request)
        return url, loaded, message

    oparl.load.click(on_load_paper, inputs=[oparl.url], outputs=[text, oparl.message])
    oparl.search.click(on_search, inputs=[oparl.since, oparl.kind], outputs=[oparl.found, oparl.message])
    oparl.found.input(on_pick, inputs=[oparl.found], outputs=[oparl.url, text, oparl.message])

    def wire(tabs: Any, review: Any) -> None:
        def on_draft(
            text_value: str, upload_value: str | None, due: str, units: list[str] | None, request: gr.Request
        ) -> Iterator[list[Any]]:
            actor = me(request)
            for step in actions.drafting(
                services,
                actor,
                kb_dir,
                text=text_value or "",
                upload=upload_value,
                deadline=(due or "").strip(),
                departments=", ".join(units or []),
            ):
                if step.inquiry_id is None:
                    yield [step.text, step.job_id, gr.skip(), gr.skip(), *([gr.skip()] * len(review.outputs))]
                else:
                    opened = review.show(actions.screen(services, step.inquiry_id))
                    selector = review.selector(selected=step.inquiry_id)
                    yield [step.text, None, gr.Tabs(selected="review"), selector, *opened]

        def on_cancel(job_id: int | None, request: gr.Request) -> str:
            return actions.cancel_drafting(services, me(request), job_id)

        # Drafting is a job (assistant.jobs); this handler only follows it, so clerks do not wait for each other.
        start.click(
            on_draft,
            inputs=[text, upload, deadline, assigned],
            outputs=[progress, job, tabs, review.inquiry_select, *review.outputs],
        )
        cancel.click(on_cancel, inputs=[job], outputs=[progress])

    return NewTab(assigned, wire)
