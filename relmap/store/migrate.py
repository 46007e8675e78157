"""Bring a database to the current schema with Alembic; refuse one written by a newer relmap.

A database already at ``HEAD`` (every start but the first after an update) is told by one
query, without importing Alembic, which costs a command a fifth of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.store.engine import reading

if TYPE_CHECKING:
    from alembic.config import Config

_SCRIPTS = Path(__file__).with_name("migrations")
HEAD = "0008"  # the newest migration; a test keeps it equal to Alembic's head


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration, as Alembic reads it from the scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema the database is at; None for a new (empty) one."""
    with reading(engine) as conn:
        try:
            version = conn.scalar(text("SELECT version_num FROM alembic_version"))
        except (OperationalError, ProgrammingError):  # no such table: nothing written yet
            version = None
        conn.rollback()
    return None if version is None else str(version)


def upgrade(engine: Engine, *, before: Callable[[], object] | None = None) -> None:
    """Migrate to the newest schema; raise KnownError, touching nothing, for a newer database.

    ``before`` runs first when an existing database is about to be migrated (a backup).
    """
    current = current_revision(engine)
    if current == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise KnownError(
            tr(
                "this database was written by a newer version of relmap (schema {current}); this "
                "version knows schema {head}. Update relmap to open it; the file was not "
                "changed."
            ).format(current=current, head=HEAD)
        )
    if current is not None and before is not None:
        before()
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
