"""Where web sessions live: a table of the review database, shared by every web process.

A session is a random token in the browser's cookie; the database keeps only its SHA-256, so a
copy of the database opens no session. ``LoginStore`` is the small interface ``web.gate.Sessions``
needs; ``DatabaseLogins`` is the product's (SQLite by default, PostgreSQL by URL, the same code),
``assistant.testing.fakes.MemoryLogins`` the fake; both pass ``tests/contract/test_login_store.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, Delete, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.review.tables import LoginFailure, WebSession, moment, unix


@dataclass(frozen=True)
class Login:
    """One open session: whose, with which roles at login, since when, last seen when (Unix seconds)."""

    user: str
    roles: frozenset[str]
    created: float
    seen: float


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class FailureStore(Protocol):
    """Failed logins by key ("name:anna", "client:10.0.0.7"), for throttling across web processes."""

    def add(self, keys: Sequence[str], at: float) -> None: ...

    def times(self, key: str, since: float) -> list[float]:
        """When the key failed since ``since``, oldest first."""
        ...

    def drop_before(self, at: float) -> None: ...


class LoginStore(Protocol):
    def put(self, token: str, login: Login) -> None: ...

    def get(self, token: str) -> Login | None: ...

    def touch(self, token: str, seen: float) -> None: ...

    def drop(self, token: str) -> None: ...

    def drop_user(self, user: str) -> int:
        """End every session of one account; the number ended."""
        ...

    def drop_older(self, seen_before: float, created_before: float) -> int:
        """End the sessions idle since ``seen_before`` or opened before ``created_before``."""
        ...


class DatabaseLogins:
    """Sessions in the review database (table ``web_sessions``)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def put(self, token: str, login: Login) -> None:
        with self._sessions() as session, session.begin():
            session.add(
                WebSession(
                    token_hash=token_hash(token),
                    user_name=login.user,
                    roles=",".join(sorted(login.roles)),
                    created_at=moment(login.created),
                    seen_at=moment(login.seen),
                )
            )

    def get(self, token: str) -> Login | None:
        with self._sessions() as session:
            row = session.get(WebSession, token_hash(token))
            if row is None:
                return None
            roles = frozenset(r for r in row.roles.split(",") if r)
            return Login(row.user_name, roles, unix(row.created_at), unix(row.seen_at))

    def touch(self, token: str, seen: float) -> None:
        with self._sessions() as session, session.begin():
            session.execute(
                update(WebSession).where(WebSession.token_hash == token_hash(token)).values(seen_at=moment(seen))
            )

    def drop(self, token: str) -> None:
        with self._sessions() as session, session.begin():
            session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))

    def drop_user(self, user: str) -> int:
        with self._sessions() as session, session.begin():
            return end_sessions(session, user)

    def drop_older(self, seen_before: float, created_before: float) -> int:
        stale = (WebSession.seen_at < moment(seen_before)) | (WebSession.created_at < moment(created_before))
        with self._sessions() as session, session.begin():
            return _deleted(session, delete(WebSession).where(stale))


class DatabaseFailures:
    """Failed logins in the review database (table ``login_failures``)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, keys: Sequence[str], at: float) -> None:
        with self._sessions() as session, session.begin():
            session.add_all(LoginFailure(key=key[:120], at=moment(at)) for key in keys)

    def times(self, key: str, since: float) -> list[float]:
        query = select(LoginFailure.at).where(LoginFailure.key == key[:120], LoginFailure.at >= moment(since))
        with self._sessions() as session:
            return sorted(unix(at) for at in session.scalars(query))

    def drop_before(self, at: float) -> None:
        with self._sessions() as session, session.begin():
            session.execute(delete(LoginFailure).where(LoginFailure.at < moment(at)))


def end_sessions(session: Session, user: str) -> int:
    """End every session of an account inside the caller's transaction (a changed password, roles)."""
    return _deleted(session, delete(WebSession).where(WebSession.user_name == user))


def _deleted(session: Session, statement: Delete) -> int:
    result = cast("CursorResult[Any]", session.execute(statement))
    return int(result.rowcount or 0)
