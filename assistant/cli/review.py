"""The review side's commands: ``assistant users``, ``assistant db``, ``assistant audit``.

People administration is deliberately a command on the server (the admin's shell),
not a web page: the first account must exist before anyone can log in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import services_for, settings_for

users_app = typer.Typer(no_args_is_help=True, help="Benutzerkonten und Rollen verwalten.")
db_app = typer.Typer(no_args_is_help=True, help="Datenbank der Prüfung (Schema-Migrationen).")
audit_app = typer.Typer(no_args_is_help=True, help="Prüfprotokoll exportieren.")


def _password() -> str:
    """From standard input when it is not a terminal (scripts), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Passwort", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Anmeldename")],
    roles: Annotated[
        str,
        typer.Option(
            "--roles", help="sachbearbeitung, freigabe, kb_redaktion, evaluation, admin, fachbereich (kommagetrennt)"
        ),
    ],
    display_name: Annotated[str, typer.Option("--display-name", help="Name für Anzeige und Protokoll")] = "",
    no_password: Annotated[
        bool, typer.Option("--no-password", help="nur Anmeldung über den Reverse-Proxy (SSO-Kopfzeile)")
    ] = False,
    department: Annotated[
        str, typer.Option("--department", help="Fachbereich (z. B. FB20) – für die Rolle fachbereich")
    ] = "",
) -> None:
    """Konto anlegen (Passwort wird abgefragt oder aus stdin gelesen)."""
    password = None if no_password else _password()
    actor = services_for(ctx).users.add(name, password, roles, display_name, department=department)
    typer.echo(f"Angelegt: {actor.name} ({', '.join(sorted(actor.roles))})")


@users_app.command("passwd")
def users_passwd(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Anmeldename")]) -> None:
    """Passwort setzen."""
    services_for(ctx).users.set_password(name, _password())
    typer.echo(f"Passwort von {name} geändert.")


@users_app.command("roles")
def users_roles(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Anmeldename")],
    roles: Annotated[str, typer.Argument(help="neue Rollen, kommagetrennt")],
) -> None:
    """Rollen ersetzen."""
    services_for(ctx).users.set_roles(name, roles)
    typer.echo(f"Rollen von {name}: {roles}")


@users_app.command("deactivate")
def users_deactivate(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Anmeldename")]) -> None:
    """Konto sperren (Protokoll und Versionen bleiben erhalten)."""
    services_for(ctx).users.deactivate(name)
    typer.echo(f"{name} ist gesperrt.")


@users_app.command("logout")
def users_logout(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Anmeldename")]) -> None:
    """Alle Sitzungen eines Kontos beenden (auf allen Webprozessen; das Konto bleibt aktiv)."""
    ended = services_for(ctx).users.log_out(name)
    typer.echo(f"{ended} Sitzung(en) von {name} beendet.")


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Alle Konten mit Rollen."""
    for name, display, roles, active in services_for(ctx).users.all():
        typer.echo(f"{name:20} {display:30} {roles:40} {'aktiv' if active else 'gesperrt'}")


@users_app.command("demo")
def users_demo(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Datei für die Zugangsdaten")] = Path(
        ".assistant/demo-zugaenge.txt"
    ),
) -> None:
    """Demo-Konten (eine Person je Rolle) mit Zufallspasswörtern anlegen, falls sie fehlen."""
    created = services_for(ctx).users.ensure_demo()
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
def db_upgrade(ctx: typer.Context) -> None:
    """Schema auf den neuesten Stand bringen (geschieht auch bei jedem Start der Weboberfläche)."""
    from assistant.review.db import make_engine, table_names, upgrade

    engine = make_engine(settings_for(ctx).database_url())
    upgrade(engine)
    typer.echo(
        f"Datenbank aktuell: {engine.url.render_as_string(hide_password=True)} ({', '.join(table_names(engine))})"
    )


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
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
    path = audit.export(services_for(ctx), administrator, "sentences" if sentences else suffix[1:], inquiry, target=out)
    typer.echo(f"Protokoll geschrieben: {path}")
