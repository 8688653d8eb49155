"""Serving the page: our login in front, the gradio app behind ``gate.Gate``, run by uvicorn."""

# No `from __future__ import annotations` here: FastAPI reads the route handlers' type hints at run time.

import math
import os
import time
from typing import Any

from assistant.services import Services
from assistant.web import gate, render


def server(app: Any, services: Services, limits: gate.Limits | None = None) -> Any:
    """The ASGI application: our login in front, the gradio page behind ``gate.Gate``."""
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.concurrency import run_in_threadpool
    from fastapi.responses import HTMLResponse, RedirectResponse

    limits = limits or gate.Limits()
    header = services.settings.review.auth_header
    sessions = gate.Sessions(services.users.actor, services.logins, limits, time.time)
    throttle = gate.Throttle(services.failures, limits, time.time)

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
        head=render.PAGE_SCRIPT,
    )
    return gate.Gate(mounted, who)


def launch(app: Any, services: Services, host: str, port: int) -> None:
    """Serve the page with login: passwords from the database, or a trusted reverse-proxy header."""
    import uvicorn

    os.umask(0o077)  # whatever the server writes (database, exports, gradio's cache) is the service account's
    uvicorn.run(server(app, services), host=host, port=port, log_level="warning")
