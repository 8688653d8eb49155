"""The ``assistant`` command (shared/spec/interfaces.md).

Human-readable output by default, ``--json`` for machines. Errors are one line on stderr, exit
code 1 (2 for usage errors), no traceback unless ``--debug``. One module per group of commands;
the global options travel on typer's context (``context.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import evaluation, inquiries, serve, worker
from assistant.cli.context import Options, err
from assistant.cli.kb import kb_app
from assistant.cli.memory import inputs_app, memory_app
from assistant.cli.models import models_app
from assistant.cli.review import audit_app, db_app, users_app
from assistant.errors import AssistantError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lokaler Antwortassistent für Anfragen zum KI-Einsatz.",
)
app.command()(inquiries.parse)
app.command()(inquiries.draft)
app.command("eval")(evaluation.eval_)
app.command()(serve.serve)
app.command()(worker.worker)
app.add_typer(kb_app, name="kb")
app.add_typer(models_app, name="models")
app.add_typer(users_app, name="users")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(memory_app, name="memory")
app.add_typer(inquiries.import_app, name="import")
app.add_typer(inputs_app, name="inputs")


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", help="Einstellungsdatei (TOML)")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Bei Fehlern den Traceback zeigen")] = False,
) -> None:
    ctx.obj = Options(config, debug)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning our errors into one line and an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv)
    try:
        code = app(args=argv, standalone_mode=False)  # returns the code of typer.Exit
    except AssistantError as exc:
        if debug:
            raise
        err(f"Fehler: {exc.render()}")
        sys.exit(exc.exit_code)
    except typer.Abort:
        err("Abgebrochen.")
        sys.exit(1)
    except Exception as exc:  # usage errors of the CLI framework and anything unexpected
        exit_code = getattr(exc, "exit_code", None)
        if hasattr(exc, "show") and exit_code is not None:  # a (typer-vendored) click exception
            exc.show()
            sys.exit(exit_code)
        if debug:
            raise
        err(f"Unerwarteter Fehler: {type(exc).__name__}: {exc} (mit --debug erneut ausführen für Details)")
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
