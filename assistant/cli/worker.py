"""``assistant worker``: draft the jobs the web processes submit ([jobs] queue = "database" or "procrastinate")."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from assistant.cli.context import err, services_for


def worker(
    ctx: typer.Context,
    threads: Annotated[
        int | None, typer.Option(min=1, max=32, help="Aufträge gleichzeitig; Standard: [jobs] worker_threads")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Nur die wartenden Aufträge abarbeiten, dann enden")] = False,
) -> None:
    """Entwurfsaufträge abarbeiten (Modelle werden einmal geladen und bleiben geladen)."""
    from assistant.errors import UsageError
    from assistant.usecases.jobs import run_procrastinate, work_threads

    services = services_for(ctx)
    settings = services.settings.jobs
    count = threads or settings.worker_threads
    if count > 1 and services.settings.llm.backend == "llama_cpp":
        raise UsageError(
            "Mehrere Aufträge gleichzeitig brauchen einen Modellserver",
            hint='[llm] backend = "openai" mit base_url (llama.cpp-Server mit Slots, vLLM) oder --threads 1',
        )
    if settings.queue == "in-process":
        err('Hinweis: [jobs] queue = "in-process" – die Weboberfläche entwirft selbst; dieser Prozess hilft mit.')
    _ = services.llm, services.embedder  # loaded once, before the first job waits for them
    stop = threading.Event()
    if settings.queue == "procrastinate" and not once:
        err(f"Arbeitsprozess (procrastinate, {count} gleichzeitig) gestartet – Beenden mit Strg+C")
        run_procrastinate(services, count)
        return
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    err(f"Arbeitsprozess ({count} gleichzeitig) gestartet – Beenden mit Strg+C")
    try:
        ran = work_threads(services, stop, count, once=once)
    except KeyboardInterrupt:
        stop.set()
        return
    err(f"{ran} Aufträge erledigt.")
