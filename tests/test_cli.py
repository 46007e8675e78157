"""The command line: one-line errors with a non-zero status, and the foundation subcommands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from relmap.app import main
from relmap.store.repository import Repository


def _relmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relmap", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--people", "many"], "invalid int value: 'many'"),
        (["layout", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(args: list[str], message: str) -> None:
    done = _relmap(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_demo_then_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "m.db"
    assert main(["demo", "--db", str(db), "--people", "40", "--seed", "2"]) == 0
    with Repository(db) as repo:
        before = repo.load()
    assert len(before.people) == 41 and all(p.placed for p in before.people.values())
    assert main(["layout", "--db", str(db), "--seed", "5"]) == 0
    assert "laid out" in capsys.readouterr().out
    with Repository(db) as repo:
        after = repo.load()
    assert after.me.x == 0.0 and after.me.y == 0.0  # type: ignore[union-attr]
    moved = sum(
        (p.x, p.y) != (before.people[p.id].x, before.people[p.id].y) for p in after.people.values()
    )
    assert moved > 30


def test_demo_refuses_a_database_with_a_map(demo_db: Path) -> None:
    done = _relmap("demo", "--db", str(demo_db))
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"relmap demo: {demo_db} already holds a map; choose a new database file"
    )


def test_newer_database_is_refused_in_one_line(future_db: Path) -> None:
    done = _relmap("layout", "--db", str(future_db))
    assert done.returncode == 1
    assert "newer version of relmap" in done.stderr
    assert "Traceback" not in done.stderr
