"""A local OParl server for the tests: the recorded responses in tests/fixtures/oparl, never the network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "oparl"
ROUTES = {
    "/oparl/v1/system": "system.json",
    "/oparl/v1/bodies": "bodies.json",
    "/oparl/v1/body/1/papers": "papers.json",
    "/oparl/v1/body/1/papers?page=2": "papers-2.json",
    "/oparl/v1/paper/815": "paper-815.json",
    "/files/anfrage-ki.txt": "anfrage-ki.txt",
}


@contextmanager
def oparl_server() -> Iterator[str]:
    """Serve the fixtures on a free loopback port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = ROUTES.get(self.path)
            if name is None:
                self.send_error(404)
                return
            body = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")
            self.send_response(200)
            kind = "application/json" if name.endswith(".json") else "text/plain; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
