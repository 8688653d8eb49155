"""What every command of the ``assistant`` CLI shares: the global options, settings, output helpers.

Below ``cli`` and ``cli_review`` (both import it; it imports neither), so the two command
modules do not import each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from assistant.settings import Settings, load_settings


@dataclass
class Options:
    """``--config`` and ``--debug``, set by the CLI's callback before any command runs."""

    config: Path | None = None
    debug: bool = False


options = Options()


def settings() -> Settings:
    return load_settings(options.config)


def err(message: str) -> None:
    typer.echo(message, err=True)


def emit_json(data: Any, target: Path | None = None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target is None:
        typer.echo(text)
    else:
        target.write_text(text + "\n", encoding="utf-8")
