"""The audit tab ("Protokoll"): the chosen inquiry's events for everyone, the whole trail for the roles
that check it, exports as CSV/JSON and the origin of every released sentence."""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time.

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.review.auth import Actor
from assistant.services import Services
from assistant.web import actions


@dataclass
class AuditTab:
    wire: Callable[[Any, Any], None]  # (inquiry id state, inquiry dropdown)


def build(gr: Any, services: Services, me: Callable[[Any], Actor]) -> AuditTab:
    with gr.Tab("Protokoll", id="audit") as tab:
        gr.Markdown("Prüfprotokoll (nur anhängend; nichts wird geändert oder gelöscht).")
        scope = gr.Radio([("gewählte Anfrage", "inquiry"), ("alles", "all")], value="inquiry", label="Umfang")
        table = gr.Dataframe(
            headers=actions.AUDIT_COLUMNS, interactive=False, wrap=True, buttons=[], elem_id="audit-table"
        )
        with gr.Row():
            as_csv = gr.Button("Ereignisse als CSV")
            as_json = gr.Button("Ereignisse als JSON")
            sentences = gr.Button("Herkunft je Satz (CSV)")
        message = gr.Markdown()
        files = gr.File(label="Export", file_count="multiple", interactive=False)

    def audit(chosen: str, current: int | None, request: gr.Request) -> tuple[Any, str]:
        rows, message = actions.audit_view(services, me(request), chosen, current)
        return gr.Dataframe(value=rows, headers=actions.AUDIT_COLUMNS), message

    def exporter(kind: str) -> Any:
        def handler(chosen: str, current: int | None, request: gr.Request) -> tuple[Any, str]:
            return actions.audit_download(services, me(request), kind, chosen, current)

        return handler

    def wire(inquiry_id: Any, inquiry_select: Any) -> None:
        for trigger in (scope.change, inquiry_select.input, tab.select):
            trigger(audit, inputs=[scope, inquiry_id], outputs=[table, message])
        for button, kind in ((as_csv, "csv"), (as_json, "json"), (sentences, "sentences")):
            button.click(exporter(kind), inputs=[scope, inquiry_id], outputs=[files, message])

    return AuditTab(wire)
