"""``assistant kb``: check, index and inspect a knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import emit_json, err, services_for

kb_app = typer.Typer(no_args_is_help=True, help="Wissensbasis prüfen und indexieren.")


@kb_app.command("validate")
def kb_validate(
    kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")],
) -> None:
    """Wissensbasis prüfen; jedes Problem als datei:zeile: meldung."""
    from assistant.usecases.knowledge import check

    result = check(kb_dir)
    for problem in result.problems:
        typer.echo(f"{kb_dir}/{problem}")
    if result.errors or result.kb is None:
        err(f"{len(result.errors)} Problem(e) gefunden.")
        raise typer.Exit(1)
    for source_id, sentence in result.instructions:
        typer.echo(
            f"Hinweis: {source_id}: enthält eine Anweisung an ein KI-System, die beim Entwerfen "
            f"ausgeblendet wird – bitte prüfen: „{sentence[:100]}“"
        )
    kb = result.kb
    typer.echo(
        f"Wissensbasis in Ordnung: {len(kb.inventory)} KI-Anwendungen, {len(kb.budget)} Haushaltszeilen, "
        f"{len(kb.documents)} Dokumente, {len(kb.answers)} frühere Antworten."
    )


@kb_app.command("ingest")
def kb_ingest(ctx: typer.Context, kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")]) -> None:
    """Wissensbasis (neu) indexieren; unveränderte Inhalte werden nicht erneut berechnet."""
    from assistant.kb.load import load

    services = services_for(ctx)
    kb = load(kb_dir)
    report = services.ingest(kb, progress=lambda done, total: err(f"  Embeddings {done}/{total}"))
    typer.echo(f"Index aktuell: {report.counts()} ({report.seconds:.1f} s). Fingerabdruck {report.info.fingerprint}.")


@kb_app.command("status")
def kb_status(
    ctx: typer.Context,
    kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Was ist indexiert, wann, und was hat sich seitdem geändert?"""
    from assistant.kb import index
    from assistant.kb.load import load

    services = services_for(ctx)
    kb = load(kb_dir)
    state = index.status(kb, services.store(kb.root))
    if as_json:
        emit_json({**state.__dict__, "up_to_date": state.up_to_date})
        return
    typer.echo(f"Indexiert am: {state.indexed_at or 'noch nie'}  ({state.chunks_in_index} Abschnitte)")
    for label, ids in (
        ("neu", state.new),
        ("geändert", state.changed),
        ("entfernt", state.removed),
    ):
        for chunk_id in ids:
            typer.echo(f"  {label}: {chunk_id}")
    typer.echo("Index ist aktuell." if state.up_to_date else "Index ist veraltet: 'assistant kb ingest' ausführen.")
