"""The login door at the HTTP level, against the running app (fake models, see server.py).

No browser: plain requests with httpx. Without a session no route may answer with data;
logins are throttled and refuse unknown names in the time known ones take; a session
ends at logout, deactivation and role change; oversized requests are refused. The
permission table is checked in-process against the page's own event handlers.
"""

from __future__ import annotations

import csv
import inspect
import re
import shutil
import socket
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from assistant.errors import AssistantError
from assistant.kb import edit
from assistant.kb.load import load
from assistant.review.auth import PERMISSIONS, ROLES, Actor
from assistant.services import Services
from assistant.web import actions
from assistant.web.app import build_app
from assistant.web.server import server as asgi_server
from tests.conftest import DEMO_KB, FIXED_TODAY
from tests.e2e import server as e2e_server
from tests.e2e.server import PASSWORDS
from tests.unit.test_pipeline import HERNE_LIKE

COOKIE = "antwortassistent_session"
INVENTORY = (DEMO_KB / "inventory.csv").resolve()
OPEN_PATHS = {"/login", "/logout", "/favicon.ico"}
REFUSALS = {401, 303, 404, 405, 413}
TOO_LARGE = 25 * 1024 * 1024 + 1  # declared bytes: one more than the 25 MB limit
DISPLAY_NAMES = ["Sabine Sachbearbeiterin", "Frank Freigabe", "Renate Redaktion", "Eva Evaluation", "Emil Evaluation"]


# --- what must never leak --------------------------------------------------------------------


def secrets_of_the_knowledge_base() -> list[str]:
    """Values a response before login must not contain: inventory, departments, user names."""
    with INVENTORY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    values = {"MusterGPT"} | {row[column] for row in rows for column in ("id", "name")}
    vendors = {re.split(r" \(|,", row["vendor"])[0] for row in rows}  # "ITK Rheinland", "DocuSense AG" …
    values |= {vendor for vendor in vendors if len(vendor) >= 6 and not vendor.startswith("noch ")}
    for department in load(DEMO_KB).municipality.departments:
        values |= {department.name} | ({department.id} if len(department.id) >= 3 else set())
    return sorted(values | set(DISPLAY_NAMES))


SECRETS = secrets_of_the_knowledge_base()
LOGIN_NAMES = re.compile(r"\b(" + "|".join(PASSWORDS) + r")\b")


def leaked(body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    return [s for s in SECRETS if s in text] + LOGIN_NAMES.findall(text)


def test_the_leak_check_recognises_knowledge_base_data() -> None:
    page = INVENTORY.read_bytes() + b" Angemeldet als Sabine Sachbearbeiterin (sabine)"
    expected = {"KI-001", "MusterGPT", "ITK Rheinland", "DocuSense AG", "FB12", "Sabine Sachbearbeiterin", "sabine"}
    assert expected <= set(leaked(page))
    assert leaked(b"Nicht angemeldet.") == []


# --- the app built in-process: its routes and its event handlers -----------------------------


@dataclass
class InProcess:
    services: Services
    app: Any  # the gradio Blocks
    asgi: Any  # the Gate in front of FastAPI + gradio
    kb_dir: Path  # a copy of the demo knowledge base
    inquiry_id: int
    answer_id: int
    version: int


def probe_user(role: str) -> str:
    return f"probe-{role}"


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    """The same app as the server's, on its own data: one user per role and one drafted inquiry."""
    root = tmp_path_factory.mktemp("in-process")
    kb_dir = root / "kb"
    shutil.copytree(DEMO_KB, kb_dir)  # the KB editor may write: never into the repository
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADIO_TEMP_DIR", str(root / "gradio"))  # build_app sets it; restored afterwards
        services = e2e_server.services(root / "data")
        for role in ROLES:
            services.users.add(probe_user(role), "probe-passwort", role)
        clerk = Actor("setup", frozenset({"sachbearbeitung"}))
        text, inquiry_id, _ = list(actions.drafting(services, clerk, kb_dir, text=HERNE_LIKE))[-1]
        assert inquiry_id is not None, text
        first = services.review.inquiry(inquiry_id).answers[0]
        app = build_app(services, kb_dir, today=FIXED_TODAY)
        asgi = asgi_server(app, services)
        yield InProcess(services, app, asgi, kb_dir, inquiry_id, first.id, first.version)


def route_table(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, frozenset[str]]]:
    """(path, methods) of every route, through mounts and FastAPI's included routers."""
    for route in routes:
        if hasattr(route, "original_router"):  # fastapi.routing._IncludedRouter (gradio's /gradio_api)
            yield from route_table(route.original_router.routes, prefix + route.include_context.prefix)
        elif hasattr(route, "routes"):  # a Mount
            yield from route_table(route.routes, prefix + route.path)
        else:
            yield prefix + route.path, frozenset(getattr(route, "methods", None) or ())


SAMPLE_PARAMETERS = {"path_or_url": str(INVENTORY), "path": str(INVENTORY).lstrip("/"), "api_name": "on_load"}


def concrete(path: str) -> str:
    """A path template with its parameters filled in (file routes point at the inventory)."""
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: SAMPLE_PARAMETERS.get(m.group(1), "x"), path) or "/"


def probes(asgi: Any) -> list[tuple[str, str]]:
    """(method, path) for every route: GET and POST always, plus what the route declares."""
    found: dict[str, set[str]] = {}
    for path, methods in route_table(asgi.app.routes):
        found.setdefault(concrete(path), {"GET", "POST"}).update(methods)
    return sorted((method, path) for path, methods in found.items() for method in methods)


def test_the_route_table_includes_gradios_routes(in_process: InProcess) -> None:
    paths = {path for _, path in probes(in_process.asgi)}
    expected = {"/", "/config", "/gradio_api/info", "/gradio_api/queue/join", "/gradio_api/upload", "/theme.css"}
    expected |= {"/gradio_api/reset", "/gradio_api/cancel", "/manifest.json", "/monitoring", "/login", "/logout"}
    assert expected <= paths
    assert f"/gradio_api/file={INVENTORY}" in paths and any(p.startswith("/assets/") for p in paths)


# --- HTTP helpers ------------------------------------------------------------------------------


def login(url: str, name: str, password: str | None = None, address: str = "127.0.0.1") -> httpx.Response:
    """POST the login form from the loopback ``address`` (the client address the throttle sees)."""
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(transport=transport, timeout=30) as client:
        data = {"username": name, "password": PASSWORDS.get(name, "") if password is None else password}
        return client.post(url + "/login", data=data)


def session_cookie(response: httpx.Response) -> str:
    """The session token of a successful login, after checking the cookie's flags."""
    assert response.status_code == 303 and response.headers["location"] == "/", response.status_code
    (header,) = [h for h in response.headers.get_list("set-cookie") if h.startswith(COOKIE + "=")]
    flags = {part.strip().lower() for part in header.split(";")[1:]}
    assert "httponly" in flags, header
    assert flags & {"samesite=strict", "samesite=lax"}, header
    return header.split(";")[0].split("=", 1)[1]


def get(url: str, path: str, token: str, accept: str = "*/*") -> httpx.Response:
    return httpx.get(url + path, headers={"cookie": f"{COOKIE}={token}", "accept": accept}, timeout=30)


def assert_logged_out(url: str, token: str) -> None:
    api = get(url, "/config", token)
    assert api.status_code == 401, api.status_code
    page = get(url, "/", token, accept="text/html")
    assert page.status_code == 303 and page.headers["location"] == "/login", page.status_code


def status_of_oversized_post(url: str, path: str, token: str | None = None) -> int:
    """Declare a body over 25 MB, send only its start, and read the status line."""
    parts = urlsplit(url)
    cookie = f"Cookie: {COOKIE}={token}\r\n" if token else ""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {TOO_LARGE}\r\n{cookie}Connection: close\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
        connection.sendall(head.encode() + b"x" * 65536)
        status_line = connection.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def status_of_chunked_post(url: str, path: str, chunks: int) -> int:
    """Send a body in 64 KiB chunks without a declared length and read the status line."""
    parts = urlsplit(url)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    chunk = b"10000\r\n" + b"x" * 65536 + b"\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
        connection.sendall(head.encode())
        try:
            for _ in range(chunks):
                connection.sendall(chunk)
            connection.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server stopped reading: what it answered is the status line
        status_line = connection.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


# --- 1. without a session; 5. request size --------------------------------------------------------


def refusal_problem(method: str, path: str, response: httpx.Response) -> str | None:
    """Why this answer to a request without a session is wrong; None if it is a proper refusal."""
    status, location = response.status_code, response.headers.get("location", "")
    if path in OPEN_PATHS:
        allowed = status < 300 or status in (401, 405) or (status in (302, 303, 307) and location == "/login")
    else:
        allowed = status in REFUSALS and (status != 303 or location == "/login")
    if not allowed:
        return f"{method} {path} → {status} {location} {response.content[:120]!r}"
    if leaked(response.content):
        return f"{method} {path} → {status} enthält {leaked(response.content)}"
    return None


def check_every_route_refuses_without_a_session(url: str, asgi: Any) -> None:
    problems = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for method, path in probes(asgi):
            for accept in ("*/*", "text/html"):
                response = client.request(method, path, headers={"accept": accept})
                problems.append(refusal_problem(method, path, response))
        page = client.get("/", follow_redirects=True)
        api = client.get("/config")
    assert [p for p in problems if p] == []
    assert page.url.path == "/login" and leaked(page.content) == []
    assert api.status_code == 401, "/config needs a session"


def check_the_start_page_holds_no_inventory_value(url: str) -> None:
    for accept in ("text/html", "*/*", "application/json"):
        response = httpx.get(url + "/", headers={"accept": accept})
        assert response.status_code in (303, 401), (accept, response.status_code)
        assert leaked(response.content) == [], accept


def check_oversized_requests_get_413(url: str) -> None:
    token = session_cookie(login(url, "sabine"))
    for path in ("/gradio_api/upload", "/gradio_api/queue/join", "/login"):
        assert status_of_oversized_post(url, path) == 413, f"{path} ohne Sitzung"
        assert status_of_oversized_post(url, path, token) == 413, f"{path} mit Sitzung"


def test_without_a_session_nothing_answers_with_data_and_oversized_requests_are_refused(
    server: str, in_process: InProcess, subtests: Any
) -> None:
    with subtests.test("every route, GET and POST, without a session"):
        check_every_route_refuses_without_a_session(server, in_process.asgi)
    with subtests.test("GET / without login"):
        check_the_start_page_holds_no_inventory_value(server)
    with subtests.test("Content-Length over 25 MB"):
        check_oversized_requests_get_413(server)
    with subtests.test("a login body sent in chunks is not read beyond a login form"):
        assert status_of_chunked_post(server, "/login", chunks=64) == 413


# --- 2. login and logout; 3. session end ---------------------------------------------------------


def check_login_and_logout(url: str) -> None:
    wrong = login(url, "sabine", "falsches-passwort")
    assert wrong.status_code == 401 and COOKIE not in wrong.headers.get("set-cookie", ""), wrong.status_code
    token = session_cookie(login(url, "sabine"))
    assert get(url, "/config", token).status_code == 200, "a session reaches /config"
    assert get(url, "/logout", token).status_code == 303
    assert_logged_out(url, token)


def check_sessions_end_when_the_account_changes(url: str, data_dir: Path) -> None:
    tokens = {name: session_cookie(login(url, name)) for name in ("emil", "renate", "frank")}
    for token in tokens.values():
        assert get(url, "/config", token).status_code == 200
    users = e2e_server.services(data_dir).users  # the server's own database
    users.deactivate("emil")
    users.set_roles("renate", "kb_redaktion, evaluation")
    assert_logged_out(url, tokens["emil"])
    assert_logged_out(url, tokens["renate"])
    assert get(url, "/config", tokens["frank"]).status_code == 200, "an unchanged account keeps its session"
    assert login(url, "emil").status_code == 401, "a deactivated account cannot log in again"


def test_a_session_starts_with_the_password_and_ends_at_logout_deactivation_or_role_change(
    server: str, tmp_path: Path, subtests: Any
) -> None:
    with subtests.test("login, cookie flags, logout"):
        check_login_and_logout(server)
    with subtests.test("deactivation and role change"):
        check_sessions_end_when_the_account_changes(server, tmp_path / "data")


# --- 2. throttling and timing ------------------------------------------------------------------


def check_thirty_wrong_passwords_are_mostly_refused_unchecked(url: str) -> None:
    started = time.monotonic()
    statuses = [login(url, "sabine", f"rate-{n}", address="127.0.0.2").status_code for n in range(30)]
    assert time.monotonic() - started < 60, "the attempts must fall into one minute for the count to mean anything"
    assert set(statuses) <= {401, 429}, statuses
    assert statuses.count(401) <= 10, f"{statuses.count(401)} of 30 attempts were checked: {statuses}"
    for address in ("127.0.0.2", "127.0.0.3"):  # the same client, and another one: the name is locked
        right = login(url, "sabine", address=address)
        assert right.status_code == 429, f"right password from {address} during lockout: {right.status_code}"
        assert COOKIE not in right.headers.get("set-cookie", "")


def check_unknown_names_take_as_long_as_known_ones(url: str) -> None:
    known = ["frank", "renate", "eva", "emil"]
    unknown = [f"unbekannt{n}" for n in range(len(known))]
    login(url, "aufwaermen", "x" * 12, address="127.0.0.5")  # the first unknown name builds the dummy hash
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for _ in range(2):  # 2 attempts per name, 17 from this client in all: below both throttles
        for pair in zip(known, unknown, strict=True):
            for kind, name in zip(("known", "unknown"), pair, strict=True):
                started = time.perf_counter()
                response = login(url, name, "falsches-passwort", address="127.0.0.5")
                times[kind].append(time.perf_counter() - started)
                assert response.status_code == 401, (name, response.status_code)
    medians = sorted(statistics.median(values) for values in times.values())
    assert medians[1] / medians[0] < 3, times


def test_failed_logins_are_throttled_and_unknown_names_take_as_long(server: str, subtests: Any) -> None:
    # separate client addresses and names: the two checks do not throttle each other
    with subtests.test("30 wrong passwords for one name"):
        check_thirty_wrong_passwords_are_mostly_refused_unchecked(server)
    with subtests.test("refusal time of unknown and known names"):
        check_unknown_names_take_as_long_as_known_ones(server)


# --- 4. roles and actions --------------------------------------------------------------------


def handler(app: Any, module: str, name: str, **closure: Any) -> Callable[..., Any]:
    """The page's event handler ``name`` in ``module`` (for shared closures: with these values)."""
    for block in app.fns.values():
        fn = block.fn
        if fn.__module__ != f"assistant.web.{module}" or fn.__qualname__.split(".")[-1] != name:
            continue
        if all(inspect.getclosurevars(fn).nonlocals.get(k) == v for k, v in closure.items()):
            return fn  # type: ignore[no-any-return]
    raise LookupError(f"kein Handler {module}.{name} {closure}")


def calls_for(action: str, probe: InProcess) -> list[Callable[[Any], Any]]:
    """The page's entry points for ``action``, each called with a request of the given user."""
    app, inquiry, answer, version = probe.app, probe.inquiry_id, probe.answer_id, probe.version
    scores = ("ja", "ja", "ja", "ja", "ja")
    kb_rows = edit.read_inventory(probe.kb_dir)[1]
    table: dict[str, list[Callable[[Any], Any]]] = {
        "inquiry.create": [
            lambda r: handler(app, "new_tab", "on_draft")(HERNE_LIKE, None, "", [], r),
            lambda r: handler(app, "review_tab", "on_resume")(inquiry, r),
        ],
        "answer.edit": [lambda r: handler(app, "review_tab", "on_save")(inquiry, answer, "Neuer Text.", version, r)],
        "inquiry.release": [lambda r: handler(app, "review_tab", "on_release")(inquiry, answer, r)],
        "kb.edit": [
            lambda r: handler(app, "kb_tab", "on_save")(kb_rows, r),
            lambda r: handler(app, "kb_tab", "on_add")(None, r),
        ],
        "kb.reindex": [lambda r: handler(app, "kb_tab", "on_reindex")(r)],
        "eval.score": [lambda r: handler(app, "eval_tab", "on_save")(answer, "", *scores, r)],
        "audit.export": [
            lambda r: handler(app, "audit_tab", "handler", kind="csv")("all", None, r),
            lambda r: handler(app, "audit_tab", "handler", kind="json")("inquiry", inquiry, r),
        ],
        "audit.read": [lambda r: handler(app, "audit_tab", "audit")("all", inquiry, r)],
        "ratings.export": [lambda r: handler(app, "eval_tab", "on_export")(r)],
        "answer.assign": [
            lambda r: handler(app, "review_tab", "on_assign")(inquiry, answer, probe_user("sachbearbeitung"), "", r)
        ],
        "inquiry.read": [
            lambda r: handler(app, "review_tab", "open_inquiry")(inquiry, r),
            lambda r: handler(app, "audit_tab", "audit")("inquiry", inquiry, r),
        ],
        "memory.import": [lambda r: handler(app, "kb_tab", "on_import")([str(DEMO_KB / "answers")], r)],
        "input.supply": [lambda r: handler(app, "inputs_tab", "on_send")(answer, "Angaben des Fachbereichs.", None, r)],
    }
    for kind in ("submit", "approve", "reject"):
        table[f"answer.{kind}"] = [
            lambda r, kind=kind: handler(app, "review_tab", "handler", kind=kind)(inquiry, answer, version, "Grund", r)
        ]
    return table[action]


def outcome(call: Callable[[Any], Any], user: str) -> str:
    """Everything the handler showed (generators run to the end), or the error it raised."""
    import gradio as gr

    try:
        result = call(SimpleNamespace(username=user, headers={}))
        return repr(list(result) if inspect.isgenerator(result) else result)
    except AssistantError as exc:
        return exc.render()
    except gr.Error as exc:  # a refusal at the page's door (the tab a role may not read)
        return str(exc)


def role_refusals(services: Services, user: str, action: str) -> int:
    """Refusals for lack of a role: of the action itself, or at the door of a tab whose inquiries the
    role may not read (department staff: every entry point of the review and audit tabs)."""
    return sum(
        1
        for e in services.review.events()
        if e.actor == user and e.action in (action, "inquiry.read") and not e.allowed and "Rolle fehlt" in e.detail
    )


def test_every_action_of_the_permission_table_has_an_entry_point(in_process: InProcess) -> None:
    for action in PERMISSIONS:
        assert calls_for(action, in_process), action


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_page_allows_an_action_exactly_to_the_roles_of_the_permission_table(
    in_process: InProcess, role: str, action: str
) -> None:
    user, allowed = probe_user(role), role in PERMISSIONS[action]
    for number, call in enumerate(calls_for(action, in_process)):
        before = role_refusals(in_process.services, user, action)
        shown = outcome(call, user)
        refused = role_refusals(in_process.services, user, action) > before
        assert refused == (not allowed), f"entry point {number}: {shown[:300]}"
        assert ("nicht erlaubt" in shown) == (not allowed), f"entry point {number}: {shown[:300]}"
