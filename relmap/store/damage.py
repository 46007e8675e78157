"""A map file that cannot be read: told apart from one that is only locked or not writable,
kept (moved aside, never overwritten), and answered with what can be opened instead: the
newest valid backup, and a new map holding every row that can still be read (a salvage)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.words import counted
from relmap.store.backup import backup_folder, backups, integrity_problems, newest_valid_backup

log = logging.getLogger("relmap.store")

_STAMP = "%Y%m%d-%H%M%S"
_HEADER = b"SQLite format 3\x00"
_LOCKED = ("database is locked", "database table is locked")
_UNWRITABLE = ("readonly database", "unable to open database file", "read-only file system",
               "permission denied")


@dataclass(frozen=True)
class Salvage:
    """A new map made of what could still be read from a damaged one."""

    path: Path
    people: int
    ties: int
    lost: int  # rows that could not be read
    tables_cut: tuple[str, ...] = ()  # tables whose reading stopped part way


class DamagedMapError(KnownError):
    """``db`` could not be read; it was moved to ``aside``. ``backup`` is the newest valid
    backup and ``salvage`` what could still be read, each None when there is none."""

    def __init__(self, db: Path, aside: Path, problem: str, backup: Path | None,
                 salvage: Salvage | None) -> None:
        self.db, self.aside, self.problem = db, aside, problem
        self.backup, self.salvage = backup, salvage
        super().__init__(
            tr("{db} is damaged ({problem}); it was kept as {aside}. {offer}").format(
                db=db, problem=problem, aside=aside, offer=self.offer()
            )
        )

    def offer(self) -> str:
        """What can be opened instead, in words, with the commands that do it."""
        words = []
        if self.backup is not None:
            words.append(
                tr(
                    "The newest valid backup, from {backup_day}, is {backup}: 'relmap "
                    "restore --db {db}' puts it back."
                ).format(backup_day=backup_day(self.backup), backup=self.backup, db=self.db)
            )
        else:
            words.append(tr("No valid backup was found."))
        if self.salvage is not None:
            words.append(
                tr(
                    "What could still be read ({salvage_words}) was saved as {path}: "
                    "'relmap restore --db {db} --from {path}' opens it instead."
                ).format(
                    salvage_words=salvage_words(self.salvage), path=self.salvage.path, db=self.db
                )
            )
        return " ".join(words)


def salvage_words(salvage: Salvage) -> str:
    lost = (
        tr(", {counted} lost").format(counted=counted(salvage.lost, "row")) if salvage.lost else ""
    )
    return f"{counted(salvage.people, 'person')}, {counted(salvage.ties, 'tie')}{lost}"


def backup_day(path: Path) -> str:
    """When a backup (``<map>-YYYYmmdd-HHMMSS.db``) was taken, in words."""
    return datetime.strptime(path.stem[-15:], _STAMP).strftime("%-d %b %Y, %H:%M")


def file_problem(db: Path) -> str | None:
    """Damage visible without opening ``db``: an empty file where a map was (it has backups,
    or an unclean shutdown left its log), or a file that is not a SQLite database."""
    if not db.is_file():
        return None
    size = db.stat().st_size
    wal = db.with_name(db.name + "-wal")
    if size == 0:
        had_map = backups(backup_folder(db), db.stem) or (wal.exists() and wal.stat().st_size)
        return tr("the file is empty") if had_map else None
    with db.open("rb") as f:
        header = f.read(len(_HEADER))
    if header != _HEADER:
        return tr("it is not a relmap map: not a SQLite database")
    if wal.exists() and wal.stat().st_size:  # the last session did not close it
        problems = integrity_problems(db)
        return problems[0] if problems else None
    return None


def health(db: Path) -> tuple[str, str]:
    """('ok' | 'damaged' | 'locked' | 'unwritable', the problem in words) for the map file
    ``db``, read only: nothing is moved."""
    problem = file_problem(db)
    if problem:
        return "damaged", problem
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if rows == ["ok"]:
                _read_every_row(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return kind_of_failure(exc), _reason(exc)
    if rows != ["ok"]:
        return "damaged", rows[0]
    if not (os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)):
        return "unwritable", tr("the file or the folder {parent} is read-only").format(
            parent=db.parent
        )
    return "ok", ""


def _read_every_row(con: sqlite3.Connection) -> None:
    """Read every value as the map is read: text that is not UTF-8 raises."""
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for _ in con.execute(f'SELECT * FROM "{table}"'):
            pass


def kind_of_failure(error: BaseException) -> str:
    """'locked', 'unwritable' or 'damaged', from a database error's message."""
    text = _reason(error).casefold()
    if any(words in text for words in _LOCKED):
        return "locked"
    if any(words in text for words in _UNWRITABLE):
        return "unwritable"
    return "damaged"


def refuse(db: Path, error: BaseException) -> KnownError:
    """The error to raise for ``error`` met while opening or reading ``db``: a damaged file is
    moved aside (:func:`set_aside`), a locked or unwritable one left as it is."""
    kind = kind_of_failure(error)
    if kind == "locked":
        return KnownError(
            tr(
                "{db} is locked by another process (another relmap, or a backup tool "
                "holding it); close that, then try again"
            ).format(db=db)
        )
    if kind == "unwritable":
        return KnownError(
            tr(
                "{db} cannot be written: check that the file and the folder {parent} "
                "are yours and writable"
            ).format(db=db, parent=db.parent)
        )
    return set_aside(db, _reason(error))


def _reason(error: BaseException) -> str:
    """SQLite's reason (under SQLAlchemy's wrapping), without undecodable text it quotes."""
    problem = str(getattr(error, "orig", None) or error)
    match = re.match(r"Could not decode to UTF-8 column '([^']*)'", problem)
    if match:
        return tr("text in its column '{match}' is not valid UTF-8").format(match=match[1])
    return problem


def set_aside(db: Path, problem: str) -> DamagedMapError:
    """Move the damaged ``db`` (and its log files) aside, salvage what it still holds, and
    say what can be opened instead."""
    aside = _move_aside(db, "damaged")
    log.info("damaged database moved to %s: %s", aside, problem)
    try:
        rescued: Salvage | None = salvage(aside, _free_name(db, "salvaged"))
    except (sqlite3.Error, KnownError, OSError) as exc:
        log.info("nothing could be salvaged from %s: %s", aside, exc)
        rescued = None
    return DamagedMapError(db, aside, problem, newest_valid_backup(db), rescued)


def _move_aside(db: Path, what: str) -> Path:
    """Rename ``db`` and its log files to ``<map>.<what>-<time>.db``; returns the new name."""
    aside = _free_name(db, what)
    for old, new in zip(_with_logs(db), _with_logs(aside), strict=True):
        if old.exists():
            os.replace(old, new)
    return aside


def _with_logs(db: Path) -> tuple[Path, Path, Path]:
    """A SQLite file and its write-ahead log and shared-memory files."""
    return db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")


def _free_name(db: Path, what: str) -> Path:
    stamp = datetime.now().strftime(_STAMP)
    path = db.with_name(f"{db.stem}.{what}-{stamp}{db.suffix}")
    n = 1
    while path.exists():
        n += 1
        path = db.with_name(f"{db.stem}.{what}-{stamp}-{n}{db.suffix}")
    return path


def salvage(damaged: Path, target: Path) -> Salvage | None:
    """Copy every row of ``damaged`` that can be read and decoded into a new map at
    ``target``; rows that break a rule of the map (a tie to a lost person) are left out.

    Returns None when not one person could be read.
    """
    from relmap.store.models import Base
    from relmap.store.repository import Repository

    source = _open_damaged(damaged)
    try:
        with Repository(target):
            pass  # the schema of this version
        out = sqlite3.connect(target, isolation_level=None)
        try:
            out.execute("PRAGMA foreign_keys = OFF")
            out.execute("BEGIN")
            lost, cut = 0, []
            for table in Base.metadata.sorted_tables:
                columns = _shared_columns(source, out, table.name)
                if not columns:
                    continue
                rows_lost, stopped = _copy_table(source, out, table.name, columns)
                lost += rows_lost
                if stopped:
                    cut.append(table.name)
            lost += _drop_orphans(out)
            people = out.execute("SELECT count(*) FROM person WHERE NOT is_me").fetchone()[0]
            ties = out.execute("SELECT count(*) FROM tie").fetchone()[0]
            out.execute("COMMIT")
        finally:
            out.close()
    finally:
        source.close()
    if not people:
        for path in _with_logs(target):
            path.unlink(missing_ok=True)
        return None
    with Repository(target) as check:
        check.load()  # what was salvaged opens as a map
    return Salvage(target, people, ties, lost, tuple(cut))


def _open_damaged(path: Path) -> sqlite3.Connection:
    """``path`` for reading, with its write-ahead log if that can still be read."""
    for options in ("mode=ro", "mode=ro&immutable=1"):
        con = sqlite3.connect(f"file:{path}?{options}", uri=True)
        con.text_factory = bytes
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return con
        except sqlite3.DatabaseError:
            con.close()
    raise KnownError(tr("{path} cannot be read at all").format(path=path))


def _shared_columns(source: sqlite3.Connection, out: sqlite3.Connection,
                    table: str) -> list[str]:
    try:
        have = [str(r[1], "utf-8") if isinstance(r[1], bytes) else r[1]
                for r in source.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []
    want = [r[1] for r in out.execute(f'PRAGMA table_info("{table}")')]
    return [c for c in want if c in have]


def _copy_table(source: sqlite3.Connection, out: sqlite3.Connection, table: str,
                columns: list[str]) -> tuple[int, bool]:
    """Copy the rows of ``table`` that decode; (rows lost, whether reading stopped early)."""
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    lost = 0
    try:
        for row in source.execute(f'SELECT {names} FROM "{table}"'):
            try:
                values = [v.decode("utf-8") if isinstance(v, bytes) else v for v in row]
            except UnicodeDecodeError:
                lost += 1
                continue
            if out.execute(insert, values).rowcount == 0:
                lost += 1
    except sqlite3.DatabaseError as exc:
        log.warning("salvage: reading %s stopped: %s", table, exc)
        return lost, True
    return lost, False


def _drop_orphans(out: sqlite3.Connection) -> int:
    """Delete rows that point at a row that was lost, until none is left."""
    dropped = 0
    while orphans := out.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid, parent, _key in orphans:
            if rowid is None:
                continue
            if table == parent == "person":  # introduced by someone lost: forget who
                out.execute("UPDATE person SET introduced_by = NULL WHERE rowid = ?", (rowid,))
            else:
                out.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                dropped += 1
        if all(rowid is None for _, rowid, _, _ in orphans):
            break
    return dropped


def restore(db: Path, source: Path | None = None) -> tuple[Path, Path | None]:
    """Put ``source`` (the newest valid backup by default) in place of ``db``; a file already
    at ``db`` is moved aside first, never overwritten. Returns the file restored and where
    the one it replaced was kept."""
    chosen = source or newest_valid_backup(db)
    if chosen is None:
        raise KnownError(tr("there is no valid backup of {db} to restore").format(db=db))
    problems = integrity_problems(chosen)
    if problems:
        raise KnownError(
            tr("{chosen} is damaged too ({problems}); choose another file").format(
                chosen=chosen, problems=problems[0]
            )
        )
    aside = _move_aside(db, "replaced") if db.exists() else None
    temp = db.with_name(f".{db.name}.restoring")
    shutil.copyfile(chosen, temp)
    os.chmod(temp, 0o600)
    os.replace(temp, db)
    return chosen, aside
