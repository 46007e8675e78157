"""Damaged map files, each way a file gets damaged × check, export and app start: no
traceback, the damaged file kept byte for byte, the newest valid backup offered, what can
still be read salvaged; locked and read-only told apart from damage."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from relmap.core.errors import KnownError
from relmap.document.document import open_document
from relmap.store.backup import make_backup
from relmap.store.damage import DamagedMapError, health, kind_of_failure
from relmap.store.repository import Repository
from relmap.ui.dialogs.damaged_dialog import damaged_box
from tests.cli_support import run_cli


def _truncated(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _torn_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096: 4096 * 3] = b"\xff" * (4096 * 2)
    db.write_bytes(bytes(data))


def _header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:100] = b"\0" * 100
    db.write_bytes(bytes(data))


def _text_file(db: Path) -> None:
    db.write_text("name,email\nAnn,ann@example.com\n")


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _bad_text(db: Path) -> None:
    """One name's bytes are no longer UTF-8: the file is sound, a row cannot be decoded."""
    with sqlite3.connect(db) as con:
        (name,) = con.execute("SELECT display_name FROM person WHERE NOT is_me LIMIT 1").fetchone()
    data = db.read_bytes()
    at = data.index(name.encode())
    db.write_bytes(data[:at] + b"\xff\xfe" + data[at + 2:])


def _after_crash(db: Path) -> None:
    _torn_pages(db)
    db.with_name(db.name + "-wal").write_bytes(b"\0" * 64)  # left by an unclean shutdown


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncated, "torn pages": _torn_pages, "overwritten header": _header,
    "a text file": _text_file, "0 bytes": _empty, "undecodable text": _bad_text,
    "torn after a crash": _after_crash,
}


@pytest.fixture(params=list(DAMAGE))
def damaged(request: pytest.FixtureRequest, demo_db: Path) -> tuple[Path, Path, bytes]:
    """(the damaged map, its newest valid backup, the damaged bytes)."""
    with sqlite3.connect(demo_db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = make_backup(demo_db)
    DAMAGE[request.param](demo_db)
    return demo_db, backup, demo_db.read_bytes()


def _kept(db: Path, data: bytes) -> Path:
    """The one damaged file moved aside, holding exactly the damaged bytes."""
    (aside,) = db.parent.glob(f"{db.stem}.damaged-*{db.suffix}")
    assert aside.read_bytes() == data
    return aside


def test_check_names_the_damage_and_the_backup_and_moves_nothing(
    damaged: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    db, backup, data = damaged
    status, out, _ = run_cli(capsys, "check", "--db", str(db))
    assert status == 1 and f"{db} is damaged" in out
    assert str(backup) in out and "relmap restore" in out
    assert db.read_bytes() == data  # check only looks


def test_export_keeps_the_damaged_file_and_offers_the_backup(
    damaged: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, backup, data = damaged
    status, out, err = run_cli(capsys, "export", "json", str(tmp_path / "out.json"),
                               "--db", str(db))
    assert status == 1 and not (tmp_path / "out.json").exists()
    aside = _kept(db, data)
    assert f"it was kept as {aside}" in err and str(backup) in err and "Traceback" not in err
    assert not db.exists()
    status, out, _ = run_cli(capsys, "restore", "--db", str(db))
    assert status == 0 and f"from {backup}" in out
    with Repository(db) as restored, Repository(backup) as copy:
        assert restored.load() == copy.load()
    assert aside.read_bytes() == data


def test_the_app_offers_the_backup_and_opens_it(
    qtbot: QtBot, damaged: tuple[Path, Path, bytes]
) -> None:
    db, backup, data = damaged
    offered: list[DamagedMapError] = []

    def ask(damage: DamagedMapError) -> Path | None:
        offered.append(damage)
        box = damaged_box(damage)
        qtbot.addWidget(box)
        buttons = {b.text(): b for b in box.buttons()}
        assert buttons["Open the Backup"].property("path") == str(backup)
        QTimer.singleShot(0, buttons["Open the Backup"].click)
        box.exec()
        return box.clickedButton().property("path") or None

    document = open_document(db, ask=ask)
    assert document is not None and offered and offered[0].backup == backup
    document.load_log()  # a window reads it once the map is on screen
    with Repository(backup) as copy:
        assert document.network == copy.load()
    document.close()
    _kept(db, data)


def test_what_can_still_be_read_is_salvaged_into_a_new_map(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository(demo_db) as repo:
        before = repo.load()
    _bad_text(demo_db)
    with pytest.raises(DamagedMapError) as caught:
        Repository(demo_db).load()
    salvage = caught.value.salvage
    assert salvage is not None and salvage.path.is_file() and salvage.lost >= 1
    with Repository(salvage.path) as repo:
        saved = repo.load()
    lost = before.people.keys() - saved.people.keys()
    assert len(lost) == 1 and salvage.people == len(before.people) - 2  # not me, not the lost
    assert {t for t in before.ties.values() if not {t.a, t.b} & lost} == set(saved.ties.values())
    assert saved.spheres == before.spheres
    assert "could still be read" in str(caught.value) and str(salvage.path) in str(caught.value)
    status, out, _ = run_cli(capsys, "restore", "--db", str(demo_db), "--from",
                             str(salvage.path))
    assert status == 0 and f"from {salvage.path}" in out
    with Repository(demo_db) as repo:
        assert repo.load().people.keys() == saved.people.keys()


def test_an_empty_file_with_no_map_before_it_is_a_new_map(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    db.write_bytes(b"")
    with Repository(db) as repo:
        assert repo.load().people == {}


def test_a_locked_map_is_told_apart_from_a_damaged_one(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = sqlite3.connect(demo_db, isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # another process holds the whole file
    try:
        assert health(demo_db)[0] == "locked"
        status, out, _ = run_cli(capsys, "check", "--db", str(demo_db))
        assert status == 1 and "locked by another process" in out and "is damaged" not in out
        with pytest.raises(KnownError, match="locked by another process"):
            Repository(demo_db).load()
        assert demo_db.is_file()  # a locked map is not moved
    finally:
        other.rollback()
        other.close()


def test_a_read_only_map_is_told_apart_from_a_damaged_one(demo_db: Path) -> None:
    con = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            con.execute("UPDATE person SET notes = ''")
    finally:
        con.close()
    assert kind_of_failure(caught.value) == "unwritable"


def test_backups_started_together_all_succeed(demo_db: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    now = datetime(2026, 12, 5, 9, 30)
    with ThreadPoolExecutor(6) as pool:
        made = list(pool.map(lambda _: make_backup(demo_db, now=now), range(12)))
    assert {p.name for p in made} == {"demo-20261205-093000.db"}
    assert not list(made[0].parent.glob(".*partial"))
    with Repository(made[0]) as copy:
        assert copy.load().people


def test_the_dialog_says_where_the_damaged_file_is(qtbot: QtBot, demo_db: Path) -> None:
    make_backup(demo_db)
    _torn_pages(demo_db)
    with pytest.raises(DamagedMapError) as caught:
        Repository(demo_db)
    box = damaged_box(caught.value)
    qtbot.addWidget(box)
    assert caught.value.aside.name in box.informativeText()
    assert "Quit" in [b.text() for b in box.buttons()]
    assert box.icon() == QMessageBox.Icon.Warning
    QApplication.processEvents()
