"""Which database is the register, and opening it with its schema up to date.

The URL is, first found: `--db`, the environment variable LKJIP_REGISTER_URL (a shared
PostgreSQL server's password stays out of lkjip.toml), `[register] url` in lkjip.toml (a
file path there is relative to lkjip.toml), else the file `lkjip-register.sqlite` next
to lkjip.toml (or in the working folder when there is none). Any SQLAlchemy URL works:
`sqlite:///path`, `postgresql+psycopg://user@host/db`.

On opening, the Alembic migrations bring the schema to the newest revision (a new file
is created; a register written by an older lkjip is upgraded); nobody runs a migration
by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from validator.config import Config
from validator.errors import InputError
from validator.model import Location

DEFAULT_FILE = "lkjip-register.sqlite"
ENV_URL = "LKJIP_REGISTER_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def register_url(config: Config, given: str | None = None) -> str:
    """The register's URL for a run with `config` (see the module's docstring)."""
    chosen = given or os.environ.get(ENV_URL) or config.register.get("url")
    base = config.path.parent if config.path is not None else Path.cwd()
    if not chosen:
        return f"sqlite:///{base / DEFAULT_FILE}"
    if "://" not in chosen:  # a file path
        path = Path(chosen).expanduser()
        return f"sqlite:///{path if path.is_absolute() else base / path}"
    return chosen


def shown(url: str) -> str:
    """The URL as messages print it: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "?"


def unusable(url: str, reason: str) -> InputError:
    return InputError.at(Location(shown(url)), "register_unusable", reason=reason)


def open_engine(url: str) -> Engine:
    """An engine on the register at `url`, migrated to the newest schema. A bad URL, a
    server that cannot be reached or a file that is not a register: exit 2 with why."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise unusable(url, str(exc)) from exc
    _make_folder(parsed, url)
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:  # unknown dialect, missing driver
        raise unusable(url, _reason(exc)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise unusable(url, _reason(exc)) from exc
    return engine


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision, when it is not there already."""
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    setup = AlembicConfig()
    setup.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(setup).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        setup.attributes["connection"] = connection
        command.upgrade(setup, "head")


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    """A session on the register, committed when the block ends without an error."""
    engine = open_engine(url)
    try:
        with sessionmaker(engine, expire_on_commit=False)() as session:
            try:
                yield session
                session.commit()
            except SQLAlchemyError as exc:
                session.rollback()
                raise unusable(url, _reason(exc)) from exc
    finally:
        engine.dispose()


def _make_folder(url: URL, raw: str) -> None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unusable(raw, exc.strerror or str(exc)) from exc


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")  # two auditors recording at once wait, not fail
    cursor.close()


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
