"""User accounts: create, change, log in. Administration happens in the CLI (``assistant users``)."""

from __future__ import annotations

import functools
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import UsageError
from assistant.review.auth import ROLES, Actor, hash_password, parse_roles, verify_password
from assistant.review.logins import end_sessions
from assistant.review.tables import AuditEvent, User

DEMO_USERS = {  # name: (display name, roles, department) for the demo municipality (make run)
    "sachbearbeitung": ("Sabine Sachbearbeiterin", "sachbearbeitung", ""),
    "freigabe": ("Frank Freigabe", "freigabe", ""),
    "redaktion": ("Renate Redaktion", "kb_redaktion", ""),
    "evaluation": ("Eva Evaluation", "evaluation", ""),
    "admin": ("Adam Admin", "admin", ""),
    "fachbereich": ("Felix Finanzen", "fachbereich", "FB20"),
}


MIN_PASSWORD = 8
MAX_PASSWORD = 200


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches, for refusing unknown names in the time a known one takes."""
    return hash_password(secrets.token_urlsafe(12))


def _checked(password: str) -> str:
    if len(password) > MAX_PASSWORD:  # the login form sends at most this many characters
        raise UsageError(f"Das Passwort ist zu lang (höchstens {MAX_PASSWORD} Zeichen)")
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            f"Das Passwort ist zu kurz (mindestens {MIN_PASSWORD} Zeichen)",
            hint="ohne Passwort nur mit --no-password (Anmeldung über den Reverse-Proxy)",
        )
    return password


def _actor(user: User) -> Actor:
    return Actor(user.name, parse_roles(user.roles), user.display_name, user.department or "")


class Users:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(
        self,
        name: str,
        password: str | None,
        roles: str,
        display_name: str = "",
        by: str = "cli",
        department: str = "",
    ) -> Actor:
        try:
            role_set = parse_roles(roles)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        if not role_set:
            raise UsageError("Jede Person braucht mindestens eine Rolle", hint=f"möglich: {', '.join(ROLES)}")
        with self._sessions() as session, session.begin():
            if session.scalar(select(User).where(User.name == name)) is not None:
                raise UsageError(f"Benutzer '{name}' gibt es schon")
            user = User(
                name=name,
                display_name=display_name or name,
                password_hash=hash_password(_checked(password)) if password is not None else "",
                roles=",".join(sorted(role_set)),
                department=department.strip()[:40],
            )
            session.add(user)
            session.add(AuditEvent(actor=by, action="users.add", allowed=True, detail=f"{name}: {user.roles}"))
            return _actor(user)

    def set_password(self, name: str, password: str, by: str = "cli") -> None:
        with self._sessions() as session, session.begin():
            user = self._get(session, name)
            user.password_hash = hash_password(_checked(password))
            session.add(AuditEvent(actor=by, action="users.password", allowed=True, detail=name))
            end_sessions(session, name)  # a password changed because it leaked: its sessions end with it

    def set_roles(self, name: str, roles: str, by: str = "cli") -> None:
        try:
            role_set = parse_roles(roles)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        with self._sessions() as session, session.begin():
            user = self._get(session, name)
            user.roles = ",".join(sorted(role_set))
            session.add(AuditEvent(actor=by, action="users.roles", allowed=True, detail=f"{name}: {user.roles}"))
            end_sessions(session, name)

    def deactivate(self, name: str, by: str = "cli") -> None:
        with self._sessions() as session, session.begin():
            self._get(session, name).active = False
            session.add(AuditEvent(actor=by, action="users.deactivate", allowed=True, detail=name))
            end_sessions(session, name)

    def log_out(self, name: str, by: str = "cli") -> int:
        """End every web session of an account (on every web process); the number ended."""
        with self._sessions() as session, session.begin():
            self._get(session, name)
            ended = end_sessions(session, name)
            session.add(AuditEvent(actor=by, action="users.logout", allowed=True, detail=f"{name}: {ended}"))
            return ended

    @staticmethod
    def _get(session: Session, name: str) -> User:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise UsageError(f"Benutzer '{name}' gibt es nicht", hint="'assistant users list' zeigt alle")
        return user

    def login(self, name: str, password: str) -> Actor | None:
        """The actor for valid credentials of an active user; every attempt is logged."""
        with self._sessions() as session, session.begin():
            user = session.scalar(select(User).where(User.name == name))
            known = bool(user and user.active and user.password_hash)
            # The hash is computed for unknown names too: the time of a refusal tells nothing.
            matches = verify_password(password[:MAX_PASSWORD], user.password_hash if user and known else _dummy_hash())
            ok = known and matches
            session.add(AuditEvent(actor=name[:80], action="login", allowed=ok))
            return _actor(user) if ok and user else None

    def actor(self, name: str) -> Actor | None:
        """An active user by name (reverse-proxy header login: the proxy has checked the password)."""
        with self._sessions() as session:
            user = session.scalar(select(User).where(User.name == name))
            return _actor(user) if user and user.active else None

    def all(self) -> list[tuple[str, str, str, bool]]:
        with self._sessions() as session:
            users = session.scalars(select(User).order_by(User.name)).all()
            return [(u.name, u.display_name, u.roles, u.active) for u in users]

    def ensure_demo(self) -> dict[str, str]:
        """Create the demo accounts that are missing, with random passwords; returns name → password."""
        created = {}
        existing = {name for name, *_ in self.all()}
        for name, (display, roles, department) in DEMO_USERS.items():
            if name not in existing:
                password = secrets.token_urlsafe(9)
                self.add(name, password, roles, display, by="demo", department=department)
                created[name] = password
        return created
