"""The new-inquiry tab ("Neue Anfrage"): text or file, deadline, departments; drafting with progress."""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time.

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.formats.read import DOCUMENT_SUFFIXES
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.web import actions


@dataclass
class NewTab:
    departments: Any  # filled after login
    wire: Callable[[Any, Any], None]  # (the page's tabs, the review tab)


def build(gr: Any, services: Services, kb_dir: Path, me: Callable[[Any], Actor]) -> NewTab:
    with gr.Tab("Neue Anfrage", id="new"), gr.Row():
        with gr.Column():
            text = gr.Textbox(label="Text der Anfrage", lines=12, placeholder="Anfrage hier einfügen …")
            upload = gr.File(
                label="… oder Datei hochladen (PDF, Word, HTML, Text)",
                file_types=list(DOCUMENT_SUFFIXES),
                type="filepath",
                elem_id="inquiry-upload",
            )
        with gr.Column():
            deadline = gr.Textbox(label="Frist (JJJJ-MM-TT)", placeholder="2026-12-15", elem_id="deadline")
            assigned = gr.Dropdown([], label="Zuständige Fachbereiche", multiselect=True)
            start = gr.Button("Entwürfe erstellen", variant="primary", elem_id="start-drafting")
            progress = gr.Markdown(elem_id="draft-progress")

    def wire(tabs: Any, review: Any) -> None:
        def on_draft(
            text_value: str, upload_value: str | None, due: str, units: list[str] | None, request: gr.Request
        ) -> Iterator[list[Any]]:
            actor = me(request)
            for shown, created in actions.drafting(
                services,
                actor,
                kb_dir,
                text=text_value or "",
                upload=upload_value,
                deadline=(due or "").strip(),
                departments=", ".join(units or []),
            ):
                if created is None:
                    yield [shown, gr.skip(), gr.skip(), *([gr.skip()] * len(review.outputs))]
                else:
                    opened = review.show(actions.screen(services, created))
                    yield [shown, gr.Tabs(selected="review"), review.selector(selected=created), *opened]

        # One language model in this process: drafting (and reindexing) run one at a time.
        start.click(
            on_draft,
            inputs=[text, upload, deadline, assigned],
            outputs=[progress, tabs, review.inquiry_select, *review.outputs],
            concurrency_id="models",
            concurrency_limit=1,
        )

    return NewTab(assigned, wire)
