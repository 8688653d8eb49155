"""Shared fixtures. Unit tests use the fakes from ``assistant.testing``;
tests marked ``integration`` use the real packaged models."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.services import Services
from assistant.testing.fakes import FakeChatModel
from assistant.testing.services import fake_services as shipped_fake_services

ROOT = Path(__file__).resolve().parent.parent
DEMO_KB = ROOT / "knowledge_base" / "musterstadt"
SHARED = ROOT.parent / "shared"
INQUIRIES = SHARED / "inquiries"
FIXED_TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's assistant.toml or ASSISTANT_* variables."""
    for key in list(__import__("os").environ):
        if key.startswith("ASSISTANT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def demo_kb() -> KnowledgeBase:
    return load(DEMO_KB)


@pytest.fixture
def shared_inquiries() -> Path:
    if not INQUIRIES.is_dir():
        pytest.skip("../shared/inquiries fehlt (CI stellt es bereit)")
    return INQUIRIES


def fake_services(llm: FakeChatModel, tmp_path: Path, **overrides: object) -> Services:
    return shipped_fake_services(tmp_path / "data", llm, **overrides)


# A PostgreSQL server for the database tests: `make test` starts one from Debian's packages
# when it can and passes its URL here; without it those tests are skipped (and say why).
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty review database: an SQLite file, and the same tests again on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'review.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("kein PostgreSQL-Server (TEST_POSTGRES_URL nicht gesetzt; `make test` startet einen)")
    from sqlalchemy import create_engine, text

    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()
