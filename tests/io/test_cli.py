"""``relmap import``: counts in text and JSON, dry runs, one-line errors with status 1."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from relmap.store.repository import Repository
from tests.cli_support import run_cli
from tests.io.io_support import DATA


def _people(db: Path) -> int:
    with Repository(db) as repository:
        return len(repository.load().people)


def test_import_prints_counts_and_writes_one_transaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "map.db"
    status, out, err = run_cli(capsys, "import", "linkedin",
                               str(DATA / "linkedin" / "Connections.csv"), "--db", str(db))
    assert (status, err) == (0, "")
    assert "LinkedIn: 8 people in the file: 7 new, 0 updated, 0 merged, 0 unchanged, 1 skipped." \
        in out
    assert "7 ties: 7 new, 0 merged, 0 already on the map, 0 skipped." in out
    assert "line 12: skipped: the record has no name" in out
    assert out.index("line 11: 'Foo' is not an English month") < out.index("line 12: skipped")
    assert _people(db) == 1 + 7
    (backup,) = (tmp_path / "backups").glob("map-*.db")  # taken before the import
    with closing(sqlite3.connect(backup)) as before:
        assert before.execute("SELECT count(*) FROM person").fetchone() == (1,)


def test_dry_run_changes_nothing_and_json_has_every_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "map.db"
    status, out, _ = run_cli(capsys, "import", "google", str(DATA / "google" / "contacts.csv"),
                             "--db", str(db), "--dry-run", "--json")
    assert status == 0
    report = json.loads(out)
    assert report["dry_run"] is True and report["applied"] is False
    assert report["records"] == 4
    assert report["people"] == {"new": 3, "updated": 0, "merged": 0, "unchanged": 0,
                                "skipped": 1}
    assert report["ties"]["new"] == 1 and report["ties"]["merged"] == 1
    assert report["skipped"] == [{"where": "line 8", "reason": "skipped: the record has no "
                                  "name, organisation or email"}]
    assert _people(db) == 1


def test_duplicates_can_be_skipped_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "map.db"
    run_cli(capsys, "import", "linkedin", str(DATA / "linkedin" / "Connections.csv"),
            "--db", str(db))
    status, out, _ = run_cli(capsys, "import", "google", str(DATA / "google" / "contacts.csv"),
                             "--db", str(db), "--duplicates", "skip", "--json")
    report = json.loads(out)
    assert status == 0 and report["people"]["skipped"] == 2
    assert report["duplicates"][0]["reason"] == "same profile URL"


def test_the_format_is_told_from_the_file_when_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "map.db"
    status, out, err = run_cli(capsys, "import", str(DATA / "google" / "contacts.csv"),
                               "--db", str(db), "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert report["format"] == "google" and report["people"]["new"] == 3
    assert _people(db) == 1 + 3


def test_csv_mapping_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Where\nAda Lovelace,London\n", encoding="utf-8")
    db = tmp_path / "map.db"
    status, out, err = run_cli(capsys, "import", "csv", str(path), "--db", str(db),
                               "--map", "Who=name", "--map", "Where=location")
    assert (status, err) == (0, "")
    assert "1 new" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["import", "csv", "{data}/bad/image.csv"], "image.csv is a PNG image, not a CSV file"),
    (["import", "myspace", "{data}/bad/image.csv"], "'myspace' is not an import format"),
    (["import", "csv", "{data}/nothing.csv"], "cannot read nothing.csv"),
    (["import", "csv", "{data}/bad/ragged.csv", "--map", "name"], "--map takes COLUMN=FIELD"),
    (["import", "{data}/make_fixtures.py"], "cannot tell the format of"),
])
def test_errors_are_one_line_on_stderr_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "map.db"
    args = [a.format(data=DATA) for a in argv] + ["--db", str(db)]
    status, out, err = run_cli(capsys, *args)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("relmap import: ") and message in err
    assert not db.exists() or _people(db) <= 1
