"""Backups: verified copies, a thinning set, and a damaged file moved aside on open."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relmap.app import main
from relmap.core.errors import KnownError
from relmap.store.backup import backup_folder, backups, make_backup, to_keep
from relmap.store.repository import Repository


def test_backup_is_a_verified_private_copy(demo_db: Path) -> None:
    path = make_backup(demo_db)
    assert path.parent == backup_folder(demo_db)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Repository(demo_db) as live, Repository(path) as copy:
        assert copy.load() == live.load()


def test_thinning_keeps_recent_daily_weekly_monthly() -> None:
    now = datetime(2026, 11, 27, 12, 0)
    stamps = [now - timedelta(hours=6 * i) for i in range(4 * 400)]  # every 6 h for 400 days
    keep = to_keep(stamps, now=now)
    assert set(sorted(stamps, reverse=True)[:5]) <= keep
    days = {t.date() for t in keep if now - t <= timedelta(days=7)}
    assert len(days) >= 7
    assert any(now - t > timedelta(days=300) for t in keep)  # a monthly one survives
    assert len(keep) < 40


def test_repeated_backups_are_thinned(demo_db: Path) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    for i in range(30):
        make_backup(demo_db, now=start + timedelta(hours=i))
    kept = backups(backup_folder(demo_db), demo_db.stem)
    assert 5 <= len(kept) <= 8
    assert kept[0][0] == start + timedelta(hours=29)


def test_opening_a_current_map_makes_no_backup(demo_db: Path) -> None:
    # A backup is taken before a migration only; a map at the newest schema is just opened.
    with Repository(demo_db):
        pass
    assert backups(backup_folder(demo_db), demo_db.stem) == []


def test_damaged_file_after_a_crash_is_moved_aside(demo_db: Path) -> None:
    good = make_backup(demo_db)
    data = bytearray(demo_db.read_bytes())
    data[4096 : 4096 + 2048] = b"\xff" * 2048  # a torn page
    demo_db.write_bytes(bytes(data))
    demo_db.with_name(demo_db.name + "-wal").write_bytes(b"\0" * 64)  # left by the crash
    with pytest.raises(KnownError, match="damaged") as caught:
        Repository(demo_db)
    assert str(good) in str(caught.value)
    assert not demo_db.exists()
    assert list(demo_db.parent.glob("demo.damaged-*.db"))


def test_backup_and_check_commands(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(demo_db)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["check", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    assert main(["check", "--db", str(demo_db.with_name("missing.db"))]) == 1
    assert "no database file" in capsys.readouterr().err
