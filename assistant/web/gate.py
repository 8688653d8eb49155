"""The door in front of the page: login, sessions and throttling at the HTTP level.

Gradio's own login guards its events but not everything it serves (its start page
embeds the API description, default values included, before anyone logs in; some
routes answer without a session). So the whole gradio app sits behind ``Gate``, a
plain ASGI layer: without a valid session only the login page and ``/logout`` are
reachable. A session is checked against the user table on every request: a
deactivated account or changed roles end it at once. Failed logins are throttled
per user name and per client address; a failure costs the same time whether or not
the name exists (``Users.login`` hashes against a dummy). Threat model: decision
record 0010.
"""

from __future__ import annotations

import html
import math
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from assistant.review.auth import Actor
from assistant.review.logins import FailureStore, Login, LoginStore

Scope = Mapping[str, Any]  # an ASGI scope
COOKIE = "antwortassistent_session"
OPEN_PATHS = frozenset({"/login", "/logout", "/favicon.ico"})
MAX_BODY = 25 * 1024 * 1024  # bytes of a request body (uploads included); an inquiry file is far smaller
LOGIN_BODY = 4096
MAX_TOKEN = 100  # characters of a session cookie (``secrets.token_urlsafe(32)`` has 43)


@dataclass(frozen=True)
class Limits:
    """Login throttling and session lifetime; defaults in one place."""

    failures_per_name: int = 5  # within ``window_s``: then every attempt for the name is refused unchecked
    failures_per_client: int = 20
    window_s: float = 60.0
    idle_s: float = 8 * 3600.0
    absolute_s: float = 12 * 3600.0
    touch_s: float = 60.0  # a session's last use is written at most this often (idle time is this exact)


class Sessions:
    """Server-side sessions: a random token in a cookie, nothing else on the client; the sessions
    themselves in a ``LoginStore`` (the review database), so every web process knows them and a
    restart logs nobody out. ``clock`` is wall-clock time: the processes compare it."""

    def __init__(
        self, actor: Callable[[str], Actor | None], store: LoginStore, limits: Limits, clock: Callable[[], float]
    ) -> None:
        self._actor = actor
        self._store = store
        self._limits = limits
        self._clock = clock
        self._purged = -math.inf

    def open(self, actor: Actor) -> str:
        token = secrets.token_urlsafe(32)
        now = self._clock()
        if now - self._purged > self._limits.touch_s:  # sessions whose token never came back
            self._store.drop_older(now - self._limits.idle_s, now - self._limits.absolute_s)
            self._purged = now
        self._store.put(token, Login(actor.name, actor.roles, now, now))
        return token

    def _expired(self, login: Login, now: float) -> bool:
        return now - login.seen > self._limits.idle_s or now - login.created > self._limits.absolute_s

    def close(self, token: str | None) -> None:
        if token:
            self._store.drop(token)

    def user(self, token: str | None) -> str | None:
        """The user of a live session; an expired one, or one whose account changed, is closed."""
        if not token or len(token) > MAX_TOKEN:
            return None
        login = self._store.get(token)
        if login is None:
            return None
        now = self._clock()
        actor = self._actor(login.user)
        if self._expired(login, now) or actor is None or actor.roles != login.roles:
            self.close(token)
            return None
        if now - login.seen > self._limits.touch_s:  # not one write per request: the page polls
            self._store.touch(token, now)
        return login.user


class Throttle:
    """Failed logins per user name and per client address within a sliding window, counted in a
    ``FailureStore`` (the review database): every web process sees every failure."""

    def __init__(self, store: FailureStore, limits: Limits, clock: Callable[[], float]) -> None:
        self._store = store
        self.limits = limits
        self._clock = clock
        self._purged = -math.inf

    def wait(self, name: str, client: str) -> float:
        """Seconds until another attempt for this name from this client is checked; 0 if now."""
        now = self._clock()
        return max(
            self._blocked(f"name:{name.lower()}", self.limits.failures_per_name, now),
            self._blocked(f"client:{client}", self.limits.failures_per_client, now),
        )

    def failed(self, name: str, client: str) -> None:
        now = self._clock()
        self._store.add((f"name:{name.lower()}", f"client:{client}"), now)
        if now - self._purged > self.limits.window_s:  # failures older than the window count no more
            self._store.drop_before(now - self.limits.window_s)
            self._purged = now

    def _blocked(self, key: str, limit: int, now: float) -> float:
        times = self._store.times(key, now - self.limits.window_s)
        return self.limits.window_s - (now - times[0]) if len(times) >= limit else 0.0


def login_page(message: str = "", name: str = "") -> str:
    """The login form (German); the only page served without a session."""
    note = f'<p class="note" role="alert">{html.escape(message)}</p>' if message else ""
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmeldung – Antwortassistent</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f5f7; display: grid; place-items: center;
  min-height: 100vh; margin: 0; color: #1f2937; }}
form {{ background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 22rem; }}
label {{ display: block; margin-top: 1rem; font-weight: 600; }}
input {{ width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font-size: 1rem; }}
button {{ margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1d4ed8; color: #fff;
  border: 0; border-radius: 4px; cursor: pointer; }}
.note {{ color: #b91c1c; }}
</style></head>
<body><form method="post" action="/login">
<h1>Antwortassistent</h1>
<p>Bitte mit Ihrem Dienstkonto anmelden.</p>{note}
<label for="name">Benutzername</label>
<input id="name" name="username" autocomplete="username" required maxlength="80" value="{html.escape(name)}">
<label for="password">Passwort</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Anmelden</button>
</form></body></html>"""


class Gate:
    """ASGI middleware: requests without a session reach only the login routes; bodies have a size limit."""

    def __init__(self, app: Any, who: Callable[[Scope], str | None], max_body: int = MAX_BODY) -> None:
        self.app = app
        self.who = who
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http":
            limit = LOGIN_BODY if scope["path"] == "/login" else self.max_body
            if _declared_length(scope) > limit:
                await _respond(send, 413, "Die Anfrage ist zu groß.")
                return
            receive = _capped(receive, limit)  # a body sent in chunks without a length is counted too
        if scope["path"] in OPEN_PATHS or self.who(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        elif scope.get("method") == "GET" and _wants_html(scope):
            await _respond(send, 303, "", [(b"location", b"/login")])
        else:
            await _respond(send, 401, "Nicht angemeldet.")


def cookie_of(scope: Scope) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            for part in bytes(value).decode("latin-1").split(";"):
                name, _, token = part.strip().partition("=")
                if name == COOKIE:
                    return token
    return None


def header_of(scope: Scope, header: str) -> str | None:
    wanted = header.lower().encode("latin-1")
    for key, value in scope.get("headers", ()):
        if key == wanted:
            return str(value.decode("latin-1"))
    return None


def form_fields(body: bytes) -> dict[str, str]:
    fields = parse_qs(body[:LOGIN_BODY].decode("utf-8", "replace"), max_num_fields=4)
    return {key: values[0] for key, values in fields.items() if values}


def _capped(receive: Any, limit: int) -> Any:
    """``receive`` that reports a disconnect once the body exceeds ``limit`` bytes: nothing larger is buffered."""
    received = 0

    async def capped() -> Any:
        nonlocal received
        message = await receive()
        if message.get("type") == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                return {"type": "http.disconnect"}
        return message

    return capped


async def read_form(request: Any) -> dict[str, str] | None:
    """The fields of a login form, or None when the body is larger than a login form can be."""
    from starlette.requests import ClientDisconnect

    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > LOGIN_BODY:
                return None
    except ClientDisconnect:
        return None
    return form_fields(body)


def _declared_length(scope: Scope) -> int:
    value = header_of(scope, "content-length")
    return int(value) if value and value.isdigit() else 0


def _wants_html(scope: Scope) -> bool:
    accept = header_of(scope, "accept") or ""
    return "text/html" in accept or scope["path"] == "/"


async def _respond(send: Any, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


def pause(seconds: float) -> None:
    """Sleep (a seam for tests)."""
    time.sleep(seconds)
