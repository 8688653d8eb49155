"""Database engine and schema migrations (Alembic), SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import BackendError
from assistant.files import private_database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=FULL")  # a committed draft survives a power cut
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        private_database(Path(url.removeprefix("sqlite:///")))
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # unknown dialect, missing driver
        raise BackendError(
            f"Datenbank-URL nicht verwendbar ({exc})",
            hint="z. B. postgresql+psycopg://benutzer:passwort@host/datenbank ([review] database_url)",
        ) from exc


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


# Held while migrating, so processes started at once (web and workers of a deployment) migrate one
# after another on PostgreSQL; the later ones find the schema at head. Any fixed number would do.
MIGRATION_LOCK = 7_411_860_218


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; safe to run from several processes at once)."""
    from alembic import command
    from sqlalchemy import text

    config = alembic_config(engine)
    try:
        with _file_lock(engine), engine.begin() as connection:
            if engine.dialect.name == "postgresql":  # SQLite serializes writers by itself
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise BackendError(
            f"Datenbank nicht erreichbar oder nicht migrierbar ({type(exc).__name__}: {exc})",
            hint="[review] database_url prüfen; bei PostgreSQL: läuft der Server, existiert die Datenbank?",
        ) from exc


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """For an SQLite file, an exclusive lock on a file beside it while migrating: pysqlite does not wrap
    DDL in a transaction, so two processes would both create the tables."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    import fcntl

    handle = os.open(f"{database}.migration-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def open_database(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
