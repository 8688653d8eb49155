"""CLI commands of the review side: ``assistant users``, ``assistant db``, ``assistant audit``.

People administration is deliberately a command on the server (the admin's shell),
not a web page: the first account must exist before anyone can log in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from assistant.services import Services

users_app = typer.Typer(no_args_is_help=True, help="Benutzerkonten und Rollen verwalten.")
db_app = typer.Typer(no_args_is_help=True, help="Datenbank der Prüfung (Schema-Migrationen).")
audit_app = typer.Typer(no_args_is_help=True, help="Prüfprotokoll exportieren.")


def _services() -> Services:
    from assistant.cli_common import settings
    from assistant.services import Services

    return Services(settings())


def _password() -> str:
    """From standard input when it is not a terminal (scripts), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Passwort", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Anmeldename")],
    roles: Annotated[
        str, typer.Option("--roles", help="sachbearbeitung, freigabe, kb_redaktion, evaluation, admin (kommagetrennt)")
    ],
    display_name: Annotated[str, typer.Option("--display-name", help="Name für Anzeige und Protokoll")] = "",
    no_password: Annotated[
        bool, typer.Option("--no-password", help="nur Anmeldung über den Reverse-Proxy (SSO-Kopfzeile)")
    ] = False,
) -> None:
    """Konto anlegen (Passwort wird abgefragt oder aus stdin gelesen)."""
    actor = _services().users.add(name, None if no_password else _password(), roles, display_name)
    typer.echo(f"Angelegt: {actor.name} ({', '.join(sorted(actor.roles))})")


@users_app.command("passwd")
def users_passwd(name: Annotated[str, typer.Argument(help="Anmeldename")]) -> None:
    """Passwort setzen."""
    _services().users.set_password(name, _password())
    typer.echo(f"Passwort von {name} geändert.")


@users_app.command("roles")
def users_roles(
    name: Annotated[str, typer.Argument(help="Anmeldename")],
    roles: Annotated[str, typer.Argument(help="neue Rollen, kommagetrennt")],
) -> None:
    """Rollen ersetzen."""
    _services().users.set_roles(name, roles)
    typer.echo(f"Rollen von {name}: {roles}")


@users_app.command("deactivate")
def users_deactivate(name: Annotated[str, typer.Argument(help="Anmeldename")]) -> None:
    """Konto sperren (Protokoll und Versionen bleiben erhalten)."""
    _services().users.deactivate(name)
    typer.echo(f"{name} ist gesperrt.")


@users_app.command("list")
def users_list() -> None:
    """Alle Konten mit Rollen."""
    for name, display, roles, active in _services().users.all():
        typer.echo(f"{name:20} {display:30} {roles:40} {'aktiv' if active else 'gesperrt'}")


@users_app.command("demo")
def users_demo(
    out: Annotated[Path, typer.Option("--out", help="Datei für die Zugangsdaten")] = Path(
        ".assistant/demo-zugaenge.txt"
    ),
) -> None:
    """Demo-Konten (eine Person je Rolle) mit Zufallspasswörtern anlegen, falls sie fehlen."""
    created = _services().users.ensure_demo()
    if not created:
        typer.echo(f"Demo-Konten bestehen bereits (Zugangsdaten: {out}).")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        for name, password in created.items():
            handle.write(f"{name}\t{password}\n")
    out.chmod(0o600)
    typer.echo(f"Demo-Konten angelegt; Zugangsdaten in {out}:")
    for name, password in created.items():
        typer.echo(f"  {name:16} {password}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Schema auf den neuesten Stand bringen (geschieht auch bei jedem Start der Weboberfläche)."""
    from assistant.review.db import make_engine, table_names, upgrade

    services = _services()
    engine = make_engine(services.settings.database_url())
    upgrade(engine)
    typer.echo(
        f"Datenbank aktuell: {engine.url.render_as_string(hide_password=True)} ({', '.join(table_names(engine))})"
    )


@audit_app.command("export")
def audit_export(
    out: Annotated[Path, typer.Argument(help="Zieldatei (.csv oder .json)")],
    inquiry: Annotated[int | None, typer.Option("--inquiry", help="nur diese Anfrage (Nummer)")] = None,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="je Satz der Antworten: Quellen, Modell, Bearbeitung, Freigabe")
    ] = False,
) -> None:
    """Prüfprotokoll als CSV oder JSON schreiben."""
    from assistant.errors import UsageError
    from assistant.review.auth import Actor
    from assistant.usecases import audit

    suffix = out.suffix.lower()
    if suffix not in {".csv", ".json"}:
        raise UsageError(f"unbekanntes Format '{out.suffix}'", hint="Dateiendung .csv oder .json")
    administrator = Actor("cli", frozenset({"admin"}), "Administration (Kommandozeile)")
    path = audit.export(_services(), administrator, "sentences" if sentences else suffix[1:], inquiry, target=out)
    typer.echo(f"Protokoll geschrieben: {path}")


def register_review_commands(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(db_app, name="db")
    app.add_typer(audit_app, name="audit")
