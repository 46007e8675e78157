"""The command line: one-line errors with a non-zero status, and the foundation subcommands."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from relmap.app import main
from relmap.cli import parse
from relmap.store.engine import default_db_path
from relmap.store.repository import Repository
from tests.cli_support import run_cli
from tests.io.io_support import DATA


def _relmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relmap", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--people", "many"], "invalid int value: 'many'"),
        (["demo", "--people", "5"], "the demo needs at least 20 people"),
        (["layout", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(args: list[str], message: str) -> None:
    done = _relmap(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_map_file_alone_opens_as_with_db(tmp_path: Path) -> None:
    # The desktop entry opens a map from a file manager as "relmap %f".
    db = tmp_path / "team map.db"
    db.touch()
    assert vars(parse([str(db)])) == vars(parse(["--db", str(db)]))
    assert parse([str(db)]).command is None
    # A command, or a word that is no file, is read as before.
    assert parse(["stats"]).command == "stats"
    assert _relmap(str(tmp_path / "no such map.db")).returncode == 2


def test_the_map_named_before_a_command_is_the_one_it_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "map.db"
    status, _, err = run_cli(capsys, "--db", str(db), "import", "linkedin",
                             str(DATA / "linkedin" / "Connections.csv"))
    assert (status, err) == (0, "")
    with Repository(db) as repository:
        assert len(repository.load().people) == 1 + 7
    assert not default_db_path().exists()  # not the map in the user data folder
    assert parse(["--db", "a.db", "stats", "--db", "b.db"]).db == "b.db"  # the nearer wins


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


def _linkedin_file(path: Path, rows: int) -> Path:
    """Connections whose dates all fail to read: one warning per row in the JSON report."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"))
        for i in range(rows):
            writer.writerow((f"Person {i}", "Doe", f"https://www.linkedin.com/in/p{i}", "",
                             "Acme", "Engineer", "31 Foo 2024"))
    return path


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `relmap import ... --json | head -c 300`: the report is far larger than a pipe's buffer,
    # so the command is still writing when the reader closes its end.
    source = _linkedin_file(tmp_path / "Connections.csv", rows=2000)
    with subprocess.Popen(
        [sys.executable, "-m", "relmap", "import", "linkedin", str(source),
         "--db", str(tmp_path / "m.db"), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        head = process.stdout.read(300)
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=60)
    assert head.startswith("{")
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert (status, err) == (1, "")


def test_stats_of_a_map_tied_only_to_me(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    import json

    db = str(tmp_path / "m.db")
    assert main(["import", "linkedin", str(_linkedin_file(tmp_path / "c.csv", 5)), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    first, second = lines[:2]
    assert first == "5 people, none of them tied to another yet, 5 ties to you"
    assert second.endswith("; 0 communities")  # one alone is no community
    # Everyone unrated and tied to me alone: no list of five by name, each scoring the same.
    assert lines[lines.index("Most influential:") + 1].startswith("  nobody stands out yet")
    assert main(["stats", "--db", db, "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out, parse_constant=pytest.fail)["summary"]["average_distance"] is None


def test_a_sparse_map_reads_its_density_to_two_digits() -> None:
    from relmap.commands.stats import _density

    assert [_density(d) for d in (0.0, 0.038, 0.0012, 8.6e-05)] == [
        "0.000", "0.038", "0.0012", "0.000086"]


def test_stats_and_paths_for_scripts(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["stats", "--db", str(demo_db), "--json", "--top", "3"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["summary"]["people"] == 60 and len(stats["influence"]) == 3
    best = stats["influence"][0]
    assert sum(best["factors"].values()) == pytest.approx(best["score"], abs=0.3)
    assert "of the map in two steps" in best["explanation"]
    assert stats["brokers"] and sum(stats["communities"]) == 60
    target = stats["brokers"][0]["name"]
    assert main(["paths", "--db", str(demo_db), "--to", target, "--json"]) == 0
    paths = json.loads(capsys.readouterr().out)["paths"]
    assert paths and all(p["people"][-1] == target for p in paths)
    chances = [p["chance"] for p in paths]
    assert chances == sorted(chances, reverse=True)
    assert main(["paths", "--db", str(demo_db), "--org", "Nowhere Inc"]) == 1
    assert "nobody on the map works at 'Nowhere Inc'" in capsys.readouterr().err
    assert main(["stats", "--db", str(demo_db)]) == 0
    assert "Most influential:" in capsys.readouterr().out


def test_log_then_drifting(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["drifting", "--db", str(demo_db), "--json"]) == 0
    due = json.loads(capsys.readouterr().out)["drifting"]
    assert due and all(d["late_days"] > 0 and d["status"] in ("due", "overdue") for d in due)
    urgency = [d["value"] * d["late_days"] / d["ideal_days"] for d in due]
    assert urgency == sorted(urgency, reverse=True)  # value times lateness
    first = due[0]["name"]
    assert main(["log", "--db", str(demo_db), "--with", first, "--kind", "call",
                 "--summary", "catch-up", "--quality", "4"]) == 0
    assert capsys.readouterr().out.startswith(f"logged a call with {first} on ")
    with Repository(demo_db) as repo:
        logged = list(repo.load().interactions.values())
    assert ("catch-up", 4, 1) in [(i.summary, i.quality, len(i.participants)) for i in logged]
    assert main(["drifting", "--db", str(demo_db), "--json"]) == 0
    assert first not in [d["name"] for d in json.loads(capsys.readouterr().out)["drifting"]]
    assert main(["log", "--db", str(demo_db), "--with", first, "--date", "31 Feb 2026"]) == 1
    assert "cannot read the date '31 Feb 2026'" in capsys.readouterr().err


def test_goals_are_added_and_their_gaps_printed(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["goals", "--db", str(demo_db), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert [g["title"] for g in before] == ["Raise a seed round", "Speak at two industry events"]
    assert main(["goals", "--db", str(demo_db), "--add", "Hire a CTO", "--kind",
                 "better-equipped", "--sphere", "founders circle"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added the goal 'Hire a CTO'\n") and "Founders Circle: " in out
    with Repository(demo_db) as repo:
        goals = repo.load().goals
    cto = next(g for g in goals.values() if g.title == "Hire a CTO")
    assert cto.kind.value == "better equipped" and len(cto.spheres) == 1
    assert main(["goals", "--db", str(demo_db), "--sphere", "Fintech"]) == 1
    assert "give its --add TITLE" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["layout"], ["backup"], ["goals"], ["drifting"],
                                     ["screenshot", "{tmp}/shot.png"]])
def test_a_database_in_a_missing_folder_is_refused_and_nothing_is_made(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    argv = [a.format(tmp=tmp_path) for a in command] + ["--db", str(missing / "map.db")]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"the folder {missing} does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", [["layout"], ["stats"], ["goals"], ["drifting"],
                                     ["paths", "--to", "Ana"], ["screenshot", "{tmp}/shot.png"]])
def test_a_missing_database_file_is_refused_and_not_made(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "mistyped.db"
    argv = [a.format(tmp=tmp_path) for a in command] + ["--db", str(missing)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"no database at {missing}" in err and err.count("\n") == 1
    assert not missing.exists() and not (tmp_path / "shot.png").exists()


def test_a_first_command_before_any_map_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("RELMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert "no map yet at" in err and "relmap import" in err and err.count("\n") == 1
    assert not (tmp_path / "data").exists()


def test_every_command_runs_on_the_demo_map_with_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["--demo", "goals", "--json"]) == 0  # the demo map is written on first use
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert (tmp_path / "data" / "relmap" / "demo.db").exists()
    assert main(["--demo", "drifting"]) == 0
    assert "overdue" in capsys.readouterr().out
    assert main(["--demo", "stats", "--db", str(tmp_path / "x.db")]) == 1
    assert "give either --demo or --db" in capsys.readouterr().err
    assert main(["--demo", "demo"]) == 1
    assert "'relmap demo --db DB' writes a new one" in capsys.readouterr().err

