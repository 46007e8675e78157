"""Bring a database to the current schema with Alembic; refuse one written by a newer relmap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from relmap.core.errors import KnownError
from relmap.store.engine import reading

_SCRIPTS = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine, *, before: Callable[[], object] | None = None) -> None:
    """Migrate to the newest schema; raise KnownError, touching nothing, for a newer database.

    ``before`` runs first when an existing database is about to be migrated (a backup).
    """
    scripts = ScriptDirectory.from_config(_config())
    with reading(engine) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise KnownError(
            f"this database was written by a newer version of relmap (schema {current}); "
            f"this version knows schema {scripts.get_current_head()}. "
            "Update relmap to open it; the file was not changed."
        )
    if current == scripts.get_current_head():
        return
    if current is not None and before is not None:
        before()
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
