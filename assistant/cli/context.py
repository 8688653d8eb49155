"""What every command shares: the global options on typer's context, settings, services, output.

``--config`` and ``--debug`` are read by the root callback into an ``Options`` object on the
context (``ctx.obj``); a command asks the context for its settings and services, built once per
invocation. No module-global state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.services import Services


@dataclass
class Options:
    config: Path | None = None
    debug: bool = False
    built: dict[str, Any] = field(default_factory=dict)  # settings and services, once per invocation


def _options(ctx: typer.Context) -> Options:
    return ctx.find_root().ensure_object(Options)


def settings_for(ctx: typer.Context) -> Settings:
    built = _options(ctx).built
    if "settings" not in built:
        built["settings"] = load_settings(_options(ctx).config)
    return built["settings"]  # type: ignore[no-any-return]


def services_for(ctx: typer.Context) -> Services:
    from assistant.services import Services

    built = _options(ctx).built
    if "services" not in built:
        built["services"] = Services(settings_for(ctx))
    return built["services"]  # type: ignore[no-any-return]


def err(message: str) -> None:
    typer.echo(message, err=True)


def emit_json(data: Any, target: Path | None = None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target is None:
        typer.echo(text)
    else:
        target.write_text(text + "\n", encoding="utf-8")
