"""``assistant memory``: the office's released replies (list, export, import as ``answers/`` files);
``assistant inputs``: the department inputs still requested."""

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


inputs_app = typer.Typer(no_args_is_help=True, help="Zuarbeiten der Fachbereiche (angefragt, offen, überfällig).")


@inputs_app.command("list")
def inputs_list(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="nur überfällige")] = False,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="als CSV in diese Datei schreiben")] = None,
) -> None:
    """Offene Zuarbeiten je Anfrage und Frage, mit Fachbereich, Termin und Frist."""
    from datetime import date

    from assistant.usecases import inputs

    services = services_for(ctx)
    today = services.today or date.today()
    if csv_out is not None:
        csv_out.write_text(inputs.outstanding_csv(services, today), encoding="utf-8")
        typer.echo(f"Geschrieben: {csv_out}")
        return
    for item in inputs.outstanding(services, today):
        if overdue and not item.overdue(today):
            continue
        late = " · überfällig" if item.overdue(today) else ""
        typer.echo(
            f"Anfrage {item.inquiry_id} Frage {item.question_id} · {item.department} ({item.assignee}) · "
            f"bis {item.due or '–'}{late} · {item.question[:60]}"
        )
