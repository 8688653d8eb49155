"""Schema migrations: the Alembic history builds exactly the ORM schema, and can be undone."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from assistant.errors import BackendError
from assistant.review.auth import PERMISSIONS, ROLES, Actor
from assistant.review.db import alembic_config, make_engine, open_database, table_names, upgrade
from assistant.review.tables import Base
from assistant.review.workflow import Review


def test_migrations_build_the_orm_schema_and_downgrade_cleanly(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # idempotent: every start of the UI runs it
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    command.downgrade(alembic_config(engine), "base")
    assert table_names(engine) == ["alembic_version"]
    upgrade(engine)
    assert "audit_events" in table_names(engine)
    engine.dispose()


def test_processes_started_at_once_migrate_a_fresh_database_one_after_another(database_url: str) -> None:
    """Web processes and workers of a deployment start together on an empty database; without the
    lock the later ones fail on tables that already exist."""
    import subprocess
    import sys

    code = "import sys; from assistant.review.db import open_database; open_database(sys.argv[1])"
    starts = [subprocess.Popen([sys.executable, "-c", code, database_url], stderr=subprocess.PIPE) for _ in range(4)]
    failed = [p.stderr.read().decode()[-300:] for p in starts if p.wait(120) != 0 and p.stderr]
    assert failed == []
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_an_unusable_database_url_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BackendError, match="Datenbank-URL nicht verwendbar"):
        open_database("nosuchdb://x")
    with pytest.raises(BackendError, match="Datenbank nicht erreichbar"):
        open_database("postgresql+psycopg://nobody:pw@127.0.0.1:9/none?connect_timeout=2")


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
def test_every_action_is_refused_for_every_role_that_lacks_it(tmp_path, action: str) -> None:  # type: ignore[no-untyped-def]
    review = Review(open_database(f"sqlite:///{tmp_path / 'r.db'}"))
    others = frozenset(ROLES) - PERMISSIONS[action]
    from assistant.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        review.authorize(Actor("x", others), action)
    assert review.events()[-1].allowed is False
    review.authorize(Actor("y", frozenset(PERMISSIONS[action])), action)
