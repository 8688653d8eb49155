"""Load test (issue 18): clerks review over HTTP while inquiries draft in workers, and a worker is killed.

The processes of a deployment (deploy/), all on this machine's loopback, each a real product process:
one llama-cpp-python server with the packaged model, two ``assistant serve`` web processes and two
``assistant worker`` processes, all on one PostgreSQL database of their own ([jobs] queue = "database").
Twenty people log in at the web processes (alternating) and work through the page's own events
(``load_clerks.py``): 16 clerks edit every answer of their inquiry in two rounds and give it to review
(two of them first redraft an answer: a job before the drafting ones), 4 approvers approve what is
given. Meanwhile three inquiries on the demo knowledge base draft in the workers; once one of them
has stored an answer, its worker is killed with SIGKILL and a new worker is started.

Measured: p50/p95 of every review action, answers drafted per minute, lost edits (an acknowledged save
not the answer's text at the end), failed jobs, answers drafted twice. The clerks' inquiries carry
seeded drafts (written by this script, not by the model) so that their review does not wait for drafting.

    python bench/load_test.py POSTGRES_URL   -> bench/results/load_test.json and .md

``scripts/test-postgres.sh`` prints a URL; the role must be allowed to create databases. Every wait
is bounded; the database made for the run is dropped at the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load_run import Plan, Run, report  # noqa: E402

from assistant.services import Services  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

KB = ROOT / "knowledge_base" / "musterstadt"
MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
LIMIT_S = 300.0  # for a process to come up


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    """The running processes and what the script needs to reach them."""

    tmp: Path
    config: Path
    webs: list[str]
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        self.procs[name] = proc
        return proc

    def assistant(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        return self.spawn(name, sys.executable, "-m", "assistant", "--config", str(self.config), *args)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()

    def tail(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")[-2000:]


def _wait(check: Callable[[], bool], what: str, limit: float, stack: Stack) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        if any(proc.poll() not in (None, 0) for proc in stack.procs.values()):
            break
        time.sleep(0.5)
    logs = "\n".join(f"--- {n}\n{stack.tail(n)}" for n in stack.procs)
    raise SystemExit(f"load test: {what} not ready (a process ended, or {limit:.0f} s passed)\n{logs}")


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code < 500
    except httpx.HTTPError:
        return False


def _said(stack: Stack, name: str, text: str) -> bool:
    return text in stack.tail(name)


@contextmanager
def _database(base_url: str) -> Iterator[str]:
    """A database of its own for the run, dropped afterwards."""
    import sqlalchemy

    name = f"assistant_load_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    try:
        yield base_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def serve(stack: Stack) -> None:
    """The two web processes and two workers, warm (the people must exist: a web process refuses to start
    without)."""
    for number, url in enumerate(stack.webs, 1):
        stack.assistant(f"web-{number}", "serve", "--kb", str(KB), "--port", url.rsplit(":", 1)[1])
    for number in (1, 2):
        stack.assistant(f"worker-{number}", "worker")
    for url in stack.webs:
        _wait(partial(_answers, f"{url}/login"), url, LIMIT_S, stack)
    for number in (1, 2):  # a worker says so once its models are loaded: the clerks meet warm workers
        _wait(partial(_said, stack, f"worker-{number}", "gestartet"), f"worker-{number}", LIMIT_S, stack)


def _write_config(tmp: Path, database_url: str, llm_port: int) -> Path:
    config = tmp / "assistant.toml"
    config.write_text(
        f'models_dir = "{ROOT / "models"}"\ndata_dir = "{tmp / "data"}"\n\n'
        f'[review]\ndatabase_url = "{database_url}"\n\n'
        '[jobs]\nqueue = "database"\nstalled_seconds = 20\n\n'
        f'[llm]\nbackend = "openai"\nbase_url = "http://127.0.0.1:{llm_port}/v1"\nmodel = "{MODEL}"\n',
        encoding="utf-8",
    )
    return config


@contextmanager
def _stack(database_url: str) -> Iterator[Stack]:
    """Model server and index (``serve`` adds web processes and workers); all stopped on leaving."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        llm_port, web_ports = _port(), (_port(), _port())
        stack = Stack(tmp, _write_config(tmp, database_url, llm_port), [f"http://127.0.0.1:{p}" for p in web_ports])
        try:
            stack.spawn(
                "llm", sys.executable, "-m", "llama_cpp.server", "--model", str(ROOT / "models" / f"{MODEL}.gguf"),
                "--model_alias", MODEL, "--host", "127.0.0.1", "--port", str(llm_port), "--n_ctx", "8192",
            )  # fmt: skip
            ingest = stack.assistant("ingest", "kb", "ingest", str(KB))  # the index once, before the workers read it
            if ingest.wait(900) != 0:
                raise SystemExit(f"load test: indexing failed\n{stack.tail('ingest')}")
            _wait(lambda: _answers(f"http://127.0.0.1:{llm_port}/v1/models"), "model server", LIMIT_S, stack)
            yield stack
        finally:
            stack.stop()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Load test: clerks over HTTP, drafting in workers, a worker killed")
    parser.add_argument("postgres_url", nargs="?", default="", help="scripts/test-postgres.sh prints one")
    parser.add_argument("--clerks", type=int, default=Plan.clerks)
    parser.add_argument("--approvers", type=int, default=Plan.approvers)
    parser.add_argument("--rounds", type=int, default=Plan.rounds)
    parser.add_argument("--redrafters", type=int, default=Plan.redrafters)
    args = parser.parse_args()
    if not args.postgres_url.startswith("postgresql"):
        raise SystemExit("load test: needs a PostgreSQL URL (scripts/test-postgres.sh prints one)")
    plan = Plan(args.clerks, args.approvers, args.rounds, args.redrafters)
    if not (ROOT / "models" / f"{MODEL}.gguf").is_file():
        raise SystemExit("load test: the packaged models are missing – run `make models` first")
    with _database(args.postgres_url) as database_url, _stack(database_url) as stack:
        run = Run(stack, Services(load_settings(stack.config)), KB, plan)
        works = run.seed()
        serve(stack)
        figures = run.go(works)
    report(figures)


if __name__ == "__main__":
    main()
