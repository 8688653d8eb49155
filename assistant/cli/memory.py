"""``assistant memory``: the office's released replies – list, export to and import from ``answers/`` files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import services_for

memory_app = typer.Typer(no_args_is_help=True, help="Frühere Antworten (Gedächtnis des Amts) verwalten.")


@memory_app.command("list")
def memory_list(ctx: typer.Context) -> None:
    """Alle freigegebenen Antworten, neueste zuerst."""
    for reply in services_for(ctx).memory.all():
        term = f" · Wahlperiode {reply.term}" if reply.term else ""
        typer.echo(f"{reply.id:5} {reply.released}{term} · {reply.inquiry_title[:50]} · {reply.question[:70]}")


@memory_app.command("export")
def memory_export(
    ctx: typer.Context, target: Annotated[Path, typer.Argument(help="Zielordner (answers/-Format)")]
) -> None:
    """Freigegebene Antworten als YAML-Dateien im answers/-Format schreiben (eine Datei je Antwortschreiben)."""
    from assistant.usecases import memory

    written = memory.export_replies(services_for(ctx), target)
    typer.echo(f"{len(written)} Dateien geschrieben nach {target}")


@memory_app.command("import")
def memory_import(
    ctx: typer.Context, source: Annotated[Path, typer.Argument(help="answers/-Ordner oder eine YAML-Datei")]
) -> None:
    """Frühere Antworten aus answers/-Dateien übernehmen (schon vorhandene werden übersprungen)."""
    from assistant.review.auth import Actor
    from assistant.usecases import memory

    administrator = Actor("cli", frozenset({"admin"}), "Administration (Kommandozeile)")
    added = memory.import_replies(services_for(ctx), administrator, source)
    typer.echo(f"{added} frühere Antworten übernommen.")
