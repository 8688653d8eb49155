"""Database engine and schema migrations (Alembic), SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

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


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    config = alembic_config(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise BackendError(
            f"Datenbank nicht erreichbar oder nicht migrierbar ({type(exc).__name__}: {exc})",
            hint="[review] database_url prüfen; bei PostgreSQL: läuft der Server, existiert die Datenbank?",
        ) from exc


def open_database(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
