"""One open database: where it is, who writes to it, and opening it safely (a damaged file
moved aside, the schema brought up to date), without the models the repository reads with.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Self

from sqlalchemy import Connection, DateTime, Engine, Integer, column, insert, make_url, table, text
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from relmap.core.errors import KnownError
from relmap.core.i18n import tr, tr_later
from relmap.store.backup import make_backup
from relmap.store.damage import file_problem, refuse, set_aside
from relmap.store.engine import database_url, make_engine, reading, sqlite_path
from relmap.store.migrate import upgrade
from relmap.store.team import can_write, set_up_team

CHANNEL = "relmap_change"  # what a write on a server map notifies
READ_ONLY = tr_later(
    "you may open and export this map but not change it: ask whoever set it up to "
    "make you an editor"
)
_CHANGE = table("change", column("id", Integer), column("at", DateTime), column("member"),
                column("summary"), column("keys"))


class Database:
    """An open map file or team database, at the current schema."""

    def __init__(self, target: str | os.PathLike[str], *, member: str | None = None) -> None:
        self.url = database_url(target)
        self.path = sqlite_path(self.url)
        if self.path is not None and (problem := file_problem(self.path)):
            raise set_aside(self.path, problem)
        self._engine = make_engine(self.url)
        self._member = member
        self._read_only: bool | None = None
        try:
            upgrade(self._engine, before=self.backup)
        except DatabaseError as exc:
            raise self._refusal(exc) from exc

    @property
    def engine(self) -> Engine:
        return self._engine

    def _refusal(self, error: DatabaseError) -> KnownError:
        """Why the database could not be read: a damaged map file is moved aside."""
        self._engine.dispose()
        if self.path is None:
            return KnownError(tr("cannot read the database: {orig}").format(orig=error.orig))
        return refuse(self.path, error)

    @property
    def read_only(self) -> bool:
        """True when this member may open and export the map but not change it."""
        if self._read_only is None:
            if self.path is not None:
                self._read_only = not os.access(self.path, os.W_OK)
            else:
                with reading(self._engine) as conn:
                    self._read_only = not can_write(conn)
        return self._read_only

    def need_writing(self) -> None:
        """KnownError for a member who may not change the map."""
        if self.read_only:
            raise KnownError(tr(READ_ONLY))

    def set_up_team(self, editors: list[str], viewers: list[str]) -> list[str]:
        """Roles on a team map (see :func:`relmap.store.team.set_up_team`)."""
        return set_up_team(self._engine, editors, viewers)

    @property
    def name(self) -> str:
        """What the user calls this map: its file name, or the database and its server (never
        a password)."""
        if self.path is not None:
            return self.path.name
        url = make_url(self.url)
        host = url.host or url.query.get("host") or tr("this computer")
        return tr("{database} on {host}").format(database=url.database, host=host)

    def backup(self) -> Path | None:
        """A verified backup of a SQLite map (None for a shared server database)."""
        return make_backup(self.path) if self.path is not None else None

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def team(self) -> bool:
        """True for a team map (on a server), where each member rates for themselves."""
        return self.path is None

    @property
    def member(self) -> str:
        """Who writes: ``RELMAP_MEMBER``, else the database role of a team map, else the
        account name."""
        if self._member is None:
            self._member = os.environ.get("RELMAP_MEMBER") or _account(self._engine)
        return self._member

    @property
    def who(self) -> str | None:
        """Whose ratings and notes this copy reads and writes: on a team map each member's
        own; on a map file, the one set (None)."""
        return self.member if self.team else None

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, committed as the block ends (:func:`refusals`)."""
        self.need_writing()
        with refusals(), self._engine.begin() as conn:
            yield conn

    def log_change(self, conn: Connection, grouped: Mapping[str, Collection[int]],
                   summary: str) -> int:
        """Record, in the write transaction of ``conn``, a change to the entities of ``grouped``
        (ids by kind); its id is the version of everything it writes."""
        if self.team:  # one writer at a time, as on SQLite: change ids then commit in order
            conn.execute(text("SELECT pg_advisory_xact_lock(7301)"))
        named = {kind: sorted(ids) for kind, ids in sorted(grouped.items())}
        change: int = conn.scalar(insert(_CHANGE).returning(_CHANGE.c.id).values(
            at=datetime.now().replace(microsecond=0), member=self.member, summary=summary,
            keys=json.dumps(named, separators=(",", ":"))))
        if self.team:
            conn.execute(text(f"NOTIFY {CHANNEL}"))  # told to every listener at commit
        return change


@contextmanager
def refusals() -> Iterator[None]:
    """A write the database refuses raises KnownError, saying why."""
    try:
        yield
    except IntegrityError as exc:
        raise KnownError(
            tr("the change breaks a rule of the database: {orig}").format(orig=exc.orig)
        ) from exc
    except OperationalError as exc:
        raise KnownError(
            tr("the database refused the change: {orig}").format(orig=exc.orig)
        ) from exc


def _account(engine: Engine) -> str:
    if engine.dialect.name == "postgresql":
        with reading(engine) as conn:
            return str(conn.scalar(text("SELECT current_user")))
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this account
        return "me"
