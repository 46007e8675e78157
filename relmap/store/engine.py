"""Engine factory: where the database lives and the settings every connection gets
(docs/architecture.md §3)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from relmap.core.errors import KnownError
from relmap.core.i18n import tr

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs"}


def default_db_path() -> Path:
    """The database named by ``RELMAP_DB``, else ``relmap.db`` in the user data directory."""
    env = os.environ.get("RELMAP_DB")
    if env:
        return Path(env)
    return data_folder() / "relmap.db"


def data_folder() -> Path:
    """relmap's own folder in the user data directory: the only folder made on demand."""
    return Path(platformdirs.user_data_dir("relmap", appauthor=False))


def database_url(target: str | os.PathLike[str]) -> str:
    """Turn a file path or a SQLAlchemy URL into a URL."""
    text = os.fspath(target)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError as exc:
            raise KnownError(tr("'{text}' is not a database URL").format(text=text)) from exc
        return text
    return f"sqlite+pysqlite:///{Path(text).expanduser().absolute()}"


def shown(target: str | os.PathLike[str]) -> str:
    """``target`` as it may be printed: a URL's password hidden."""
    text = os.fspath(target)
    return make_url(text).render_as_string(hide_password=True) if "://" in text else text


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, None for a server database."""
    parsed = make_url(url)
    return (
        Path(parsed.database)
        if parsed.drivername.startswith("sqlite") and parsed.database
        else None
    )


def create_private_file(path: Path) -> None:
    """Create ``path`` (mode 0600) unless it exists. Only relmap's own data folder is made on
    demand (0700); any other missing folder is a mistyped path, and refused."""
    if path.exists():
        if path.is_dir():
            raise KnownError(tr("{path} is a folder, not a database file").format(path=path))
        return
    if not path.parent.is_dir() and path.parent != data_folder():
        raise KnownError(
            tr(
                "the folder {parent} does not exist; create it first, or give a "
                "database in a folder that does"
            ).format(parent=path.parent)
        )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise KnownError(
            tr("cannot create the database {path}: {strerror}").format(
                path=path, strerror=exc.strerror
            )
        ) from exc


def on_network_fs(path: Path) -> bool:
    """True when ``path`` is on a network file system, where WAL mode is unsafe."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, fstype = "", ""
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    return fstype in _NETWORK_FS


def make_engine(url: str) -> Engine:
    """An engine with two connections at most: the window's, which writes, and one to read
    beside it in the background (a large map's relationship log: with one, a drop waited
    fifteen seconds for that reading to end). The window goes on with the connection it
    used last: taken in turn, each began with a page cache the other's writes had made stale.
    Every SQLite connection gets the pragmas of docs/architecture.md §3."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_size=2, max_overflow=0, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is None:
        raise KnownError(tr("{url} names no database file").format(url=url))
    create_private_file(path)
    journal = "DELETE" if on_network_fs(path) else "WAL"
    engine = create_engine(url, pool_size=2, max_overflow=0, pool_use_lifo=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE instead of pysqlite's BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            f"journal_mode={journal}",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=5000",
            "trusted_schema=OFF",
            "secure_delete=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write takes the write lock at once (no deadlock on upgrading a read lock); a read
        # (:func:`reading`) does not, so it never waits for another process's write.
        reads = conn.get_execution_options().get(_READ, False)
        conn.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")

    return engine


def mark(connection: Connection) -> str:
    """The driver's placeholder for a parameter, for SQL run on it directly."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


_READ = "relmap_read"


def reading(engine: Engine) -> Connection:
    """A connection whose transactions only read: one snapshot for the whole transaction
    (what a map is loaded with matches the versions read beside it), without the write
    lock."""
    options: dict[str, Any] = {_READ: True}
    if engine.dialect.name == "postgresql":  # each statement would see its own snapshot
        options["isolation_level"] = "REPEATABLE READ"
    return engine.connect().execution_options(**options)
