"""Hardening pieces on their own (issue 13): sessions, throttling, private files, the inventory editor."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

from assistant.files import EXPORT_AGE_S, atomic_write, export_folder, private_database, private_file
from assistant.kb import edit, yamltext
from assistant.review.auth import Actor
from assistant.testing.fakes import MemoryFailures, MemoryLogins
from assistant.web import gate
from tests.conftest import ROOT

DEMO_KB = ROOT / "knowledge_base" / "musterstadt"


class FakeClock:
    """A clock the test moves by hand (named as a fake)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_with_the_account_its_roles_or_its_idle_time() -> None:
    accounts = {"anna": Actor("anna", frozenset({"sachbearbeitung"}))}
    clock = FakeClock()
    sessions = gate.Sessions(accounts.get, MemoryLogins(), gate.Limits(idle_s=60, absolute_s=600), clock)
    token = sessions.open(accounts["anna"])
    assert sessions.user(token) == "anna"
    accounts["anna"] = Actor("anna", frozenset({"sachbearbeitung", "freigabe"}))
    assert sessions.user(token) is None, "changed roles end the session"
    token = sessions.open(accounts["anna"])
    clock.now += 61
    assert sessions.user(token) is None, "idle too long"
    token = sessions.open(accounts["anna"])
    del accounts["anna"]
    assert sessions.user(token) is None, "deactivated"
    assert sessions.user(None) is None and sessions.user("made-up") is None


def test_failed_logins_lock_a_name_for_the_rest_of_the_window() -> None:
    clock = FakeClock()
    limits = gate.Limits(failures_per_name=5, failures_per_client=20, window_s=60)
    throttle = gate.Throttle(MemoryFailures(), limits, clock)
    for address in range(5):
        assert throttle.wait("Anna", f"10.0.0.{address}") == 0
        throttle.failed("Anna", f"10.0.0.{address}")
    assert throttle.wait("anna", "10.0.0.99") > 0, "the name is locked from any address"
    assert throttle.wait("bernd", "10.0.0.99") == 0
    clock.now += 61
    assert throttle.wait("anna", "10.0.0.99") == 0


def test_the_login_form_reads_only_its_fields() -> None:
    assert gate.form_fields(b"username=anna&password=geheim%26") == {"username": "anna", "password": "geheim&"}
    assert "Benutzername" in gate.login_page() and "<script>" not in gate.login_page("", "<script>")


def test_exports_are_private_and_removed_after_an_hour(tmp_path: Path) -> None:
    path = private_file(tmp_path, "bewertungen.csv", "a;b\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    old = time.time() - EXPORT_AGE_S - 10
    os.utime(path.parent, (old, old))
    export_folder(tmp_path, "protokoll")
    assert not path.parent.exists()


def test_the_review_database_is_created_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "review.db"
    private_database(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_inventory_editor_keeps_unchanged_lines_and_the_file_mode(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(DEMO_KB, kb)
    inventory = kb / "inventory.csv"
    inventory.chmod(0o640)
    before = inventory.read_text(encoding="utf-8").splitlines()
    header, rows = edit.read_inventory(kb)
    changed = [list(row) for row in rows]
    changed[1][header.index("users")] = "12"
    assert edit.save_inventory(kb, header, changed) == []
    after = inventory.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    assert [a for a, b in zip(after, before, strict=True) if a != b] == [after[2]]
    assert stat.S_IMODE(inventory.stat().st_mode) == 0o640


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("alt")
    target.chmod(0o604)
    atomic_write(target, b"neu")
    assert target.read_text() == "neu" and stat.S_IMODE(target.stat().st_mode) == 0o604


def test_knowledge_base_yaml_has_no_aliases_and_keeps_dates_as_text() -> None:
    assert yamltext.parse("stand: 2025-02-30") == {"stand": "2025-02-30"}
    for bomb in ("a: &a [1, 2]\nb: [*a, *a]", "a: " + "[" * 80 + "]" * 80):
        try:
            yamltext.parse(bomb)
        except Exception as exc:
            assert type(exc).__name__ == "ComposerError" and getattr(exc, "problem_mark", None) is not None
        else:
            raise AssertionError("accepted: " + bomb[:30])


def test_sessions_whose_token_never_comes_back_are_dropped_at_a_later_login() -> None:
    accounts = {"anna": Actor("anna", frozenset({"sachbearbeitung"}))}
    clock = FakeClock()
    store = MemoryLogins()
    sessions = gate.Sessions(accounts.get, store, gate.Limits(idle_s=60, absolute_s=600), clock)
    for _ in range(3):
        sessions.open(accounts["anna"])
    clock.now += 61
    sessions.open(accounts["anna"])
    assert len(store._by_token) == 1


def test_a_session_s_last_use_is_written_once_a_minute_not_per_request() -> None:
    accounts = {"anna": Actor("anna", frozenset({"sachbearbeitung"}))}
    clock = FakeClock()
    store = MemoryLogins()
    sessions = gate.Sessions(accounts.get, store, gate.Limits(idle_s=600, touch_s=60), clock)
    token = sessions.open(accounts["anna"])
    clock.now += 30
    assert sessions.user(token) == "anna" and store.get(token).seen == 1000.0  # type: ignore[union-attr]
    clock.now += 31
    assert sessions.user(token) == "anna" and store.get(token).seen == 1061.0  # type: ignore[union-attr]
    assert sessions.user("x" * 5000) is None  # an oversized cookie is not even looked up
