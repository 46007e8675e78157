"""Backups of a SQLite map: VACUUM INTO a temp file, verify, rename, keep a thinning set."""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from relmap.core.errors import KnownError
from relmap.core.i18n import tr

log = logging.getLogger("relmap.store")

_STAMP = "%Y%m%d-%H%M%S"
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 5, 7, 5, 12


def backup_folder(db: Path) -> Path:
    return db.parent / "backups"


def integrity_problems(db: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; empty when the file is sound."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def make_backup(db: Path, *, now: datetime | None = None) -> Path:
    """Write a verified copy of ``db`` into its backups folder and thin the old ones.

    The live file is never copied byte by byte: ``VACUUM INTO`` produces a consistent
    snapshot even while the map is open.
    """
    if not db.is_file():
        raise KnownError(tr("there is no database at {db}").format(db=db))
    now = now or datetime.now()
    folder = backup_folder(db)
    folder.mkdir(mode=0o700, exist_ok=True)
    final = folder / f"{db.stem}-{now.strftime(_STAMP)}.db"
    # Each backup writes its own temporary file: two in the same second do not collide.
    temp = folder / f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.partial"
    try:
        con = sqlite3.connect(db)
        try:
            con.execute("VACUUM INTO ?", (str(temp),))
        finally:
            con.close()
        os.chmod(temp, 0o600)
        problems = integrity_problems(temp)
        if problems:
            raise KnownError(
                tr("the backup did not verify: {problems}").format(problems=problems[0])
            )
        os.replace(temp, final)
    except sqlite3.Error as exc:
        raise KnownError(tr("cannot back up {db}: {exc}").format(db=db, exc=exc)) from exc
    finally:
        temp.unlink(missing_ok=True)
    thin(folder, db.stem, now=now)
    return final


def backups(folder: Path, stem: str) -> list[tuple[datetime, Path]]:
    """The backups of one map, newest first."""
    found = []
    for path in folder.glob(f"{stem}-*.db"):
        try:
            found.append((datetime.strptime(path.stem[len(stem) + 1 :], _STAMP), path))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def to_keep(stamps: Iterable[datetime], *, now: datetime) -> set[datetime]:
    """The recent few, then the newest of each day, week and month within their windows."""
    ordered = sorted(stamps, reverse=True)
    keep = set(ordered[:KEEP_RECENT])
    buckets = (
        (lambda t: t.date(), timedelta(days=KEEP_DAYS)),
        (lambda t: t.isocalendar()[:2], timedelta(weeks=KEEP_WEEKS)),
        (lambda t: (t.year, t.month), timedelta(days=31 * KEEP_MONTHS)),
    )
    for bucket, window in buckets:
        seen = set()
        for t in ordered:
            if now - t <= window and bucket(t) not in seen:
                seen.add(bucket(t))
                keep.add(t)
    return keep


def thin(folder: Path, stem: str, *, now: datetime) -> None:
    found = backups(folder, stem)
    keep = to_keep((t for t, _ in found), now=now)
    for stamp, path in found:
        if stamp not in keep:
            path.unlink(missing_ok=True)


def newest_valid_backup(db: Path) -> Path | None:
    for _, path in backups(backup_folder(db), db.stem):
        if not integrity_problems(path):
            return path
    return None
