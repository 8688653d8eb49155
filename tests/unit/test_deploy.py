"""The deployment files in ``deploy/`` are the product's: every command and option a systemd unit
runs exists, and the example settings load (unknown keys would fail)."""

from __future__ import annotations

import configparser
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from assistant.cli import app
from assistant.settings import load_settings
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _exec_start(unit: Path) -> list[str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(unit, encoding="utf-8")
    assert parser.has_option("Service", "ExecStart"), unit.name
    return shlex.split(parser.get("Service", "ExecStart").replace("%i", "7861"))


def _options(command: list[str]) -> list[str]:
    return [word for word in command if word.startswith("--")]


def test_there_are_units_for_web_worker_and_model_server() -> None:
    assert {u.name for u in UNITS} == {"assistant-web@.service", "assistant-worker@.service", "llama-server.service"}


@pytest.mark.parametrize("unit", [u for u in UNITS if "assistant-" in u.name], ids=lambda u: u.name)
def test_an_assistant_unit_runs_an_existing_command_with_existing_options(unit: Path) -> None:
    command = _exec_start(unit)
    assert command[0].endswith("/.venv/bin/assistant")
    click_group = typer.main.get_command(app)
    sub = click_group.commands[command[1]]  # type: ignore[attr-defined]
    known = {opt for param in sub.params for opt in getattr(param, "opts", [])}
    assert set(_options(command)) <= known


def test_the_model_server_unit_uses_options_llama_cpp_s_server_has() -> None:
    command = _exec_start(DEPLOY / "systemd" / "llama-server.service")
    assert command[1:3] == ["-m", "llama_cpp.server"]
    shown = subprocess.run(
        [sys.executable, "-m", "llama_cpp.server", "--help"], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert all(option in shown for option in _options(command))


def test_the_example_settings_load_and_name_a_shared_database_queue_and_model_server() -> None:
    settings = load_settings(DEPLOY / "assistant.toml", environ={})
    assert settings.database_url().startswith("postgresql+psycopg://")
    assert settings.jobs.queue == "procrastinate" and settings.llm.backend == "openai" and settings.llm.base_url
    assert settings.vector_store.url
