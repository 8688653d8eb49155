"""The page: tabs for overview, new inquiry, review, knowledge base and audit trail.

Only layout and wiring live here; ``actions`` does the work. Every event resolves
the logged-in user first; gradio's login (or the reverse proxy's header) guards
every page and request.
"""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time
# to find the gr.Request parameter, and `gr` is only imported inside the builder.

import math
import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, PermissionDenied
from assistant.kb.load import load
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.web import actions, eval_tab, gate, kb_tab, render

OVERVIEW_COLUMNS = ["Nr.", "Betreff", "Art", "Absender", "Frist", "Restzeit", "Fachbereiche", "Stand", "Status"]
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


def build_app(services: Services, kb_dir: Path, today: date | None = None) -> Any:
    import gradio as gr

    def me(request: gr.Request) -> Actor:
        try:
            return actor_of(services, request)
        except PermissionDenied as exc:
            raise gr.Error(exc.render()) from exc

    # Uploads and downloads pass through gradio's cache: a private folder in the data directory, cleaned hourly.
    cache = Path(services.settings.data_dir).resolve() / "gradio"
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(cache)
    with gr.Blocks(title="Antwortassistent", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        with gr.Row():
            gr.Markdown("## Antwortassistent für Anfragen und Anträge")
            who = gr.Markdown(elem_id="who")
        gr.Markdown(INTRO)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("Übersicht", id="overview") as overview_tab:
                overview = gr.Dataframe(headers=OVERVIEW_COLUMNS, interactive=False, elem_id="overview-table")
                gr.Markdown("Eine Zeile anklicken, um die Anfrage im Reiter „Prüfung“ zu öffnen.")
            with gr.Tab("Neue Anfrage", id="new"), gr.Row():
                with gr.Column():
                    text = gr.Textbox(label="Text der Anfrage", lines=12, placeholder="Anfrage hier einfügen …")
                    upload = gr.File(
                        label="… oder Datei hochladen (PDF, Word, HTML, Text)",
                        file_types=[".pdf", ".docx", ".html", ".htm", ".txt", ".md"],
                        type="filepath",
                        elem_id="inquiry-upload",
                    )
                with gr.Column():
                    deadline = gr.Textbox(label="Frist (JJJJ-MM-TT)", placeholder="2026-12-15", elem_id="deadline")
                    assigned = gr.Dropdown([], label="Zuständige Fachbereiche", multiselect=True)
                    start = gr.Button("Entwürfe erstellen", variant="primary", elem_id="start-drafting")
                    progress = gr.Markdown(elem_id="draft-progress")
            with gr.Tab("Prüfung", id="review"):
                with gr.Row():
                    inquiry_select = gr.Dropdown(label="Anfrage", choices=[], elem_id="inquiry-select", scale=4)
                    reload = gr.Button("Neu laden", scale=1)
                header = gr.Markdown(elem_id="inquiry-header")
                resume = gr.Button("Fehlende Entwürfe erstellen", size="sm", visible=False, elem_id="resume")
                resume_progress = gr.Markdown()
                with gr.Row():
                    with gr.Column(scale=1, min_width=220):
                        question_select = gr.Radio(label="Fragen", choices=[], elem_id="question-select")
                    with gr.Column(scale=3):
                        question = gr.Markdown(elem_id="question-text")
                        status = gr.Markdown(elem_id="answer-status")
                        answer = gr.Textbox(label="Antwort (bearbeitbar)", lines=7, elem_id="answer-text")
                        table = gr.Markdown()
                        with gr.Row():
                            save = gr.Button("Speichern", variant="primary", elem_id="save")
                            submit = gr.Button("Zur Prüfung geben", elem_id="submit")
                            approve = gr.Button("Freigeben", elem_id="approve")
                        with gr.Row():
                            comment = gr.Textbox(label="Kommentar bei Zurückweisung", scale=3, elem_id="comment")
                            reject = gr.Button("Zurückweisen", variant="stop", scale=1, elem_id="reject")
                        message = gr.Markdown(elem_id="review-message")
                        warnings = gr.Markdown(elem_id="warnings")
                        with gr.Accordion("Quellen mit Fundstellen", open=True):
                            sources = gr.HTML(elem_id="sources")
                        with gr.Accordion("Versionen und Änderungen", open=False):
                            history = gr.Markdown(elem_id="history")
                gr.Markdown("### Antwortschreiben")
                with gr.Row():
                    export_draft = gr.Button("Entwurf exportieren (DOCX, Markdown)", elem_id="export-draft")
                    release = gr.Button("Antwortschreiben freigeben", variant="primary", elem_id="release")
                    export_final = gr.Button("Endfassung exportieren", elem_id="export-final")
                export_message = gr.Markdown(elem_id="export-message")
                files = gr.File(label="Dateien", file_count="multiple", interactive=False, elem_id="export-files")
            kb_parts = kb_tab.build(gr, services, kb_dir, me)
            eval_parts = eval_tab.build(gr, services, me)
            with gr.Tab("Protokoll", id="audit") as audit_tab:
                gr.Markdown("Prüfprotokoll (nur anhängend; nichts wird geändert oder gelöscht).")
                audit_scope = gr.Radio(
                    [("gewählte Anfrage", "inquiry"), ("alles", "all")], value="inquiry", label="Umfang"
                )
                audit_table = gr.Dataframe(interactive=False, elem_id="audit-table")
                with gr.Row():
                    audit_csv = gr.Button("Ereignisse als CSV")
                    audit_json = gr.Button("Ereignisse als JSON")
                    audit_sentences = gr.Button("Herkunft je Satz (CSV)")
                audit_message = gr.Markdown()
                audit_files = gr.File(label="Export", file_count="multiple", interactive=False)

        inquiry_id = gr.State(None)
        answer_id = gr.State(None)
        version = gr.State(0)
        screen_outputs = [
            inquiry_id,
            header,
            question_select,
            answer_id,
            question,
            answer,
            version,
            status,
            table,
            sources,
            warnings,
            history,
            message,
            resume,
        ]

        def show(screen: actions.Screen) -> list[Any]:
            return [
                screen.inquiry_id,
                screen.header,
                gr.Radio(choices=list(screen.questions), value=screen.answer_id),
                screen.answer_id,
                screen.question,
                screen.text,
                screen.version,
                screen.status,
                screen.table,
                screen.sources,
                screen.warnings,
                screen.history,
                screen.message,
                gr.Button(visible=screen.missing),
            ]

        def selector(summaries: list[Any] | None = None, selected: int | None = None) -> Any:
            """The inquiry dropdown with every inquiry, optionally with one selected."""
            found = render.inquiry_choices(summaries if summaries is not None else services.review.overview())
            return gr.Dropdown(choices=found) if selected is None else gr.Dropdown(choices=found, value=selected)

        def on_load(request: gr.Request) -> list[Any]:
            actor = me(request)
            summaries = services.review.overview()
            units = [(f"{d.id} – {d.name}", d.id) for d in load(kb_dir).municipality.departments]
            return [
                render.who(actor),
                render.overview_rows(summaries, today or date.today()),
                selector(summaries),
                gr.Dropdown(choices=units),
                *kb_parts.fill(request),
            ]

        # Everything with data is filled here, after login; the page itself carries none.
        app.load(on_load, outputs=[who, overview, inquiry_select, assigned, *kb_parts.filled])

        def refresh(request: gr.Request) -> list[list[str]]:
            me(request)
            return render.overview_rows(services.review.overview(), today or date.today())

        overview_tab.select(refresh, outputs=[overview])

        def open_inquiry(selected: int | None, request: gr.Request) -> list[Any]:
            me(request)
            return show(actions.screen(services, selected))

        inquiry_select.input(open_inquiry, inputs=[inquiry_select], outputs=screen_outputs)
        reload.click(open_inquiry, inputs=[inquiry_select], outputs=screen_outputs)

        def open_answer(current: int | None, selected: int | None, request: gr.Request) -> list[Any]:
            me(request)
            return show(actions.screen(services, current, selected))

        question_select.input(open_answer, inputs=[inquiry_id, question_select], outputs=screen_outputs)

        def from_overview(evt: gr.SelectData, request: gr.Request) -> list[Any]:
            me(request)
            selected = int(evt.row_value[0])
            return [
                gr.Tabs(selected="review"),
                selector(selected=selected),
                *show(actions.screen(services, selected)),
            ]

        overview.select(from_overview, outputs=[tabs, inquiry_select, *screen_outputs])

        def on_save(current: int, selected: int, text_value: str, seen: int, request: gr.Request) -> list[Any]:
            return show(actions.save(services, me(request), current, selected, text_value, seen))

        save.click(on_save, inputs=[inquiry_id, answer_id, answer, version], outputs=screen_outputs)

        def transition(kind: str) -> Any:
            def handler(current: int, selected: int, seen: int, note: str, request: gr.Request) -> list[Any]:
                return show(actions.transition(services, me(request), kind, current, selected, seen, note))

            return handler

        for button, kind in ((submit, "submit"), (approve, "approve"), (reject, "reject")):
            button.click(transition(kind), inputs=[inquiry_id, answer_id, version, comment], outputs=screen_outputs)

        def on_release(current: int | None, selected: int | None, request: gr.Request) -> list[Any]:
            if current is None:
                return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
            return show(actions.release(services, me(request), current, selected))

        release.click(on_release, inputs=[inquiry_id, answer_id], outputs=screen_outputs)

        def exporter(final: bool) -> Any:
            def handler(current: int | None, request: gr.Request) -> tuple[Any, str]:
                if current is None:
                    return None, "⚠ Bitte zuerst eine Anfrage wählen."
                paths, text_value = actions.export(services, me(request), current, final=final, today=today)
                return paths or None, text_value

            return handler

        export_draft.click(exporter(False), inputs=[inquiry_id], outputs=[files, export_message])
        export_final.click(exporter(True), inputs=[inquiry_id], outputs=[files, export_message])

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
                    yield [shown, gr.skip(), gr.skip(), *([gr.skip()] * len(screen_outputs))]
                else:
                    yield [
                        shown,
                        gr.Tabs(selected="review"),
                        selector(selected=created),
                        *show(actions.screen(services, created)),
                    ]

        # One language model in this process: drafting (and reindexing) run one at a time.
        start.click(
            on_draft,
            inputs=[text, upload, deadline, assigned],
            outputs=[progress, tabs, inquiry_select, *screen_outputs],
            concurrency_id="models",
            concurrency_limit=1,
        )

        def on_resume(current: int | None, request: gr.Request) -> Iterator[list[Any]]:
            if current is None:
                yield ["⚠ Bitte zuerst eine Anfrage wählen.", *([gr.skip()] * len(screen_outputs))]
                return
            actor = me(request)
            for shown, created in actions.drafting(services, actor, kb_dir, inquiry_id=current):
                if created is None:
                    yield [shown, *([gr.skip()] * len(screen_outputs))]
                else:
                    yield [shown, *show(actions.screen(services, created))]

        resume.click(
            on_resume,
            inputs=[inquiry_id],
            outputs=[resume_progress, *screen_outputs],
            concurrency_id="models",
            concurrency_limit=1,
        )

        def audit(scope: str, current: int | None, request: gr.Request) -> tuple[Any, str]:
            if scope == "inquiry" and current is None:
                return [], "Bitte zuerst im Reiter „Prüfung“ eine Anfrage wählen."
            try:
                return actions.audit_rows(services, me(request), current if scope == "inquiry" else None), ""
            except AssistantError as exc:
                return [], f"⚠ **{exc.render()}**"

        for trigger in (audit_scope.change, inquiry_select.input, audit_tab.select):
            trigger(audit, inputs=[audit_scope, inquiry_id], outputs=[audit_table, audit_message])

        def audit_export(kind: str) -> Any:
            def handler(scope: str, current: int | None, request: gr.Request) -> tuple[Any, str]:
                actor = me(request)
                try:
                    path = actions.audit_file(services, actor, kind, current if scope == "inquiry" else None)
                except AssistantError as exc:
                    return None, f"⚠ **{exc.render()}**"
                return [path], "✔ Export erstellt."

            return handler

        for button, kind in ((audit_csv, "csv"), (audit_json, "json"), (audit_sentences, "sentences")):
            button.click(audit_export(kind), inputs=[audit_scope, inquiry_id], outputs=[audit_files, audit_message])
        kb_parts.wire(inquiry_id)
        eval_parts.wire(inquiry_id)
    return app


def server(app: Any, services: Services, limits: gate.Limits | None = None) -> Any:
    """The ASGI application: our login in front, the gradio page behind ``gate.Gate``."""
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.concurrency import run_in_threadpool
    from fastapi.responses import HTMLResponse, RedirectResponse

    limits = limits or gate.Limits()
    header = services.settings.review.auth_header
    sessions = gate.Sessions(services.users.actor, limits, time.monotonic)
    throttle = gate.Throttle(limits, time.monotonic)

    def who(scope: gate.Scope) -> str | None:
        if header:  # a trusted reverse proxy has logged the user in
            name = gate.header_of(scope, header)
            return name if name and services.users.actor(name) else None
        return sessions.user(gate.cookie_of(scope))

    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @api.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Any:
        if who(request.scope):
            return RedirectResponse("/", status_code=303)
        if header:
            return HTMLResponse("Anmeldung über den Reverse-Proxy der Verwaltung.", status_code=401)
        return HTMLResponse(gate.login_page())

    @api.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Any:
        if header:
            return HTMLResponse("Anmeldung über den Reverse-Proxy der Verwaltung.", status_code=401)
        fields = await gate.read_form(request)
        if fields is None:
            return HTMLResponse(gate.login_page("Die Anmeldedaten sind zu lang."), status_code=413)
        name, password = fields.get("username", "")[:80], fields.get("password", "")
        client = request.client.host if request.client else "?"
        wait = throttle.wait(name, client)
        if wait > 0:
            message = f"Zu viele Fehlversuche. Bitte in {math.ceil(wait)} Sekunden erneut versuchen."
            return HTMLResponse(gate.login_page(message, name), status_code=429)
        actor = await run_in_threadpool(services.users.login, name, password)
        if actor is None:
            throttle.failed(name, client)
            return HTMLResponse(gate.login_page("Benutzername oder Passwort ist falsch.", name), status_code=401)
        response = RedirectResponse("/", status_code=303)
        secure = request.url.scheme == "https"
        response.set_cookie(gate.COOKIE, sessions.open(actor), httponly=True, samesite="strict", secure=secure)
        return response

    @api.get("/logout")
    def logout(request: Request) -> Any:
        sessions.close(gate.cookie_of(request.scope))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(gate.COOKIE)
        return response

    app.queue(default_concurrency_limit=4)
    mounted = gr.mount_gradio_app(
        api,
        app,
        path="",
        auth_dependency=lambda request: who(request.scope),
        max_file_size=gate.MAX_BODY,
        ssr_mode=False,
        footer_links=[],
    )
    return gate.Gate(mounted, who)


def launch(app: Any, services: Services, host: str, port: int) -> None:
    """Serve the page with login: passwords from the database, or a trusted reverse-proxy header."""
    import uvicorn

    os.umask(0o077)  # whatever the server writes (database, exports, gradio's cache) is the service account's
    uvicorn.run(server(app, services), host=host, port=port, log_level="warning")
