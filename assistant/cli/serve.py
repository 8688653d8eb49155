"""``assistant serve``: the review page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import err, services_for


def serve(
    ctx: typer.Context,
    kb: Annotated[Path, typer.Option("--kb", help="Verzeichnis der Wissensbasis")] = Path("knowledge_base/musterstadt"),
    host: Annotated[str, typer.Option(help="Adresse; 127.0.0.1 = nur dieser Rechner")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 7860,
) -> None:
    """Die Weboberfläche zur Prüfung der Entwürfe starten (Anmeldung erforderlich)."""
    from assistant.errors import UsageError
    from assistant.web.app import build_app
    from assistant.web.server import launch

    services = services_for(ctx)
    if not services.users.all():
        raise UsageError(
            "Es gibt noch kein Benutzerkonto",
            hint="'assistant users add NAME --roles admin,...' oder für die Demo 'assistant users demo'",
        )
    from assistant.jobs.queue import InProcessQueue
    from assistant.usecases.jobs import queue_for

    queue = queue_for(services)
    if isinstance(queue, InProcessQueue):
        queue.start()  # also takes over the jobs of a server that was killed
    app_ = build_app(services, kb.resolve())
    err(f"Weboberfläche: http://{host}:{port}  (Beenden mit Strg+C)")
    launch(app_, services, host, port)
