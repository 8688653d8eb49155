"""The contract every ``LoginStore`` passes: the review database's (SQLite, PostgreSQL) and the fake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.review.auth import Actor
from assistant.review.db import open_database
from assistant.review.logins import DatabaseFailures, DatabaseLogins, FailureStore, Login, LoginStore
from assistant.review.tables import WebSession
from assistant.review.users import Users
from assistant.testing.fakes import MemoryFailures, MemoryLogins
from assistant.web import gate

ANNA = Login("anna", frozenset({"sachbearbeitung", "freigabe"}), 1_000_000.0, 1_000_000.0)


@pytest.fixture(params=["database", "fake"])
def store(request: pytest.FixtureRequest, database_url: str) -> Iterator[LoginStore]:
    if request.param == "fake":  # (runs once per database parameter, which costs nothing)
        yield MemoryLogins()
        return
    yield DatabaseLogins(open_database(database_url))


def test_a_login_is_kept_found_touched_and_dropped(store: LoginStore) -> None:
    store.put("token-1", ANNA)
    assert store.get("token-1") == ANNA
    assert store.get("token-2") is None
    store.touch("token-1", ANNA.seen + 30)
    found = store.get("token-1")
    assert found is not None and found.seen == ANNA.seen + 30 and found.created == ANNA.created
    store.drop("token-1")
    assert store.get("token-1") is None
    store.drop("token-1")  # twice is no error


def test_all_logins_of_a_user_end_together_and_stale_ones_are_purged(store: LoginStore) -> None:
    store.put("a1", ANNA)
    store.put("a2", ANNA)
    store.put("b1", Login("bernd", frozenset({"evaluation"}), ANNA.created, ANNA.seen + 500))
    assert store.drop_user("anna") == 2
    assert store.get("a1") is None and store.get("b1") is not None
    store.put("a3", Login("anna", ANNA.roles, ANNA.created + 100, ANNA.seen + 100))
    assert store.drop_older(seen_before=ANNA.seen + 200, created_before=0) == 1  # a3 idle, b1 not
    assert store.drop_older(seen_before=0, created_before=ANNA.created + 1) == 1  # b1 opened too early
    assert store.get("b1") is None


def test_the_database_keeps_only_the_token_s_hash(database_url: str) -> None:
    sessions = open_database(database_url)
    DatabaseLogins(sessions).put("geheimes-token", ANNA)
    with sessions() as session:
        stored = session.scalars(select(WebSession.token_hash)).all()
    assert len(stored) == 1 and "geheim" not in stored[0] and len(stored[0]) == 64


def test_two_web_processes_share_a_session_and_an_account_change_ends_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    users = Users(open_database(url))
    users.add("anna", "anna-passwort", "sachbearbeitung")
    first, second = (
        gate.Sessions(users.actor, DatabaseLogins(open_database(url)), gate.Limits(), lambda: 5000.0) for _ in "12"
    )
    actor = users.actor("anna")
    assert isinstance(actor, Actor)
    token = first.open(actor)
    assert second.user(token) == "anna", "the other process knows the login"
    second.close(token)
    assert first.user(token) is None, "a logout on one process ends it on all"
    token = first.open(actor)
    assert users.log_out("anna") == 1 and second.user(token) is None
    token = first.open(actor)
    users.set_password("anna", "neues-passwort")
    assert second.user(token) is None, "a new password ends the sessions"


@pytest.fixture(params=["database", "fake"])
def failures(request: pytest.FixtureRequest, database_url: str) -> Iterator[FailureStore]:
    if request.param == "fake":
        yield MemoryFailures()
        return
    yield DatabaseFailures(open_database(database_url))


def test_failed_logins_are_counted_per_key_within_the_window(failures: FailureStore) -> None:
    failures.add(["name:anna", "client:10.0.0.1"], 1000.0)
    failures.add(["name:anna", "client:10.0.0.2"], 1030.0)
    assert failures.times("name:anna", 990.0) == [1000.0, 1030.0]
    assert failures.times("name:anna", 1010.0) == [1030.0]
    assert failures.times("client:10.0.0.2", 0.0) == [1030.0] and failures.times("name:bernd", 0.0) == []
    failures.drop_before(1010.0)
    assert failures.times("name:anna", 0.0) == [1030.0]


def test_two_web_processes_throttle_the_same_failures(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    limits = gate.Limits(failures_per_name=5, failures_per_client=20, window_s=60)
    first, second = (gate.Throttle(DatabaseFailures(open_database(url)), limits, lambda: 5000.0) for _ in "12")
    for attempt in range(5):
        (first if attempt % 2 else second).failed("anna", f"10.0.0.{attempt}")
    assert first.wait("anna", "10.0.0.9") > 0 and second.wait("anna", "10.0.0.9") > 0
    assert first.wait("bernd", "10.0.0.9") == 0
