"""Team mode: the same repository and Document on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from relmap.core.demo import demo_network
from relmap.core.edits import AddPeople, RemovePeople, SetAssessment, UpdatePerson
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.model import Assessment, AssessmentField, Person
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.store.repository import Repository, ensure_me
from relmap.ui.main_window import MainWindow


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def test_round_trip_and_edits_on_postgres(postgres_url: str) -> None:
    _reset(postgres_url)
    net = demo_network(people=120, seed=9)
    with Repository(postgres_url) as repo:
        repo.write(net, ChangeSet.everything(net))
        pid = next(p for p in net.people if not net.people[p].is_me)
        repo.apply(UpdatePerson(pid, {"notes": "shared with the team"}), net)
        repo.apply(SetAssessment(pid, AssessmentField.RELEVANCE, 5), net)
        repo.apply(RemovePeople((next(p for p in net.people if p not in (pid, net.me.id)),)), net)  # type: ignore[union-attr]
    with Repository(postgres_url) as repo:
        assert repo.load() == net
        assert repo.history(pid)[-1].new == 5


def test_two_team_members_see_each_others_edits(qtbot: QtBot, postgres_url: str) -> None:
    _reset(postgres_url)
    alice = Document.open(postgres_url)
    pid = alice.network.me.id  # type: ignore[union-attr]
    alice.push(UpdatePerson(pid, {"title": "Managing partner"}), "Edit title")
    bob = Document.open(postgres_url)
    assert bob.network.people[pid].title == "Managing partner"
    alice.undo_stack.undo()
    assert Document.open(postgres_url).network.people[pid].title == ""
    alice.close()
    bob.close()


def test_a_server_tells_the_open_window_of_a_change_made_by_another_process(
    qtbot: QtBot, postgres_url: str
) -> None:
    _reset(postgres_url)
    bob = Document.open(postgres_url)
    bob.watch()
    bob._ticks = -10**9  # no polling: only the server's notification can bring the news
    with qtbot.waitSignal(bob.sig_news, timeout=30_000) as news:
        done = subprocess.run([sys.executable, "-m", "relmap", "goals", "--db", postgres_url,
                               "--add", "Win the harbour contract"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert [s.summary for s in news.args[0].stamps] == ["Add the goal Win the harbour contract"]
    assert [g.title for g in bob.network.goals.values()] == ["Win the harbour contract"]
    bob.close()


def test_tls_settings_in_the_url_are_honoured(postgres_url: str) -> None:
    # Over TCP to a test server without TLS: asking for it must fail, never fall back to
    # plain text; without it the same address opens.
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        port = conn.scalar(text("SHOW port"))
    engine.dispose()
    tcp = f"postgresql+psycopg://relmap@127.0.0.1:{port}/relmap_test"
    with pytest.raises(KnownError, match="SSL"):
        Repository(tcp + "?sslmode=require")
    Repository(tcp + "?sslmode=disable").close()


def test_a_team_map_is_named_without_its_password(postgres_url: str) -> None:
    _reset(postgres_url)
    with_password = postgres_url.replace("relmap@", "relmap:secret@")
    with Repository(with_password) as repo:
        assert repo.name.startswith("relmap_test on /") and "secret" not in repo.name
    done = subprocess.run([sys.executable, "-m", "relmap", "demo", "--db", with_password,
                           "--people", "20"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "relmap:***@" in done.stdout and "secret" not in done.stdout


def _ada_on_a_new_map(url: str) -> PersonId:
    """A new team map with me and Ada; Ada's id."""
    _reset(url)
    with Repository(url) as owner:
        net = owner.load()
        ensure_me(owner, net)
        ada = net.next_person_id()
        owner.apply(AddPeople((Person(ada, "Ada Lovelace"),)), net)
    return ada


def test_a_viewer_may_open_and_export_but_never_write(
    qtbot: QtBot, postgres_url: str, tmp_path: Path
) -> None:
    _ada_on_a_new_map(postgres_url)
    done = subprocess.run([sys.executable, "-m", "relmap", "team", "init", "--db", postgres_url,
                           "--editor", "eve", "--viewer", "ann"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "ann is a viewer" in done.stdout and "eve is an editor" in done.stdout
    ann_url, eve_url = (postgres_url.replace("relmap@", f"{m}@") for m in ("ann", "eve"))
    ann = Document.open(ann_url)
    ada = next(p.id for p in ann.network.people.values() if not p.is_me)
    assert ann.read_only
    with pytest.raises(KnownError, match="not change it"):
        ann.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title")
    engine = create_engine(ann_url)  # not even by hand: the server refuses
    with pytest.raises(DBAPIError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("UPDATE person SET title = 'Analyst'"))
    engine.dispose()
    out = tmp_path / "map.json"
    exported = subprocess.run([sys.executable, "-m", "relmap", "export", "json", str(out),
                               "--db", ann_url], capture_output=True, text=True, check=False)
    assert exported.returncode == 0, exported.stderr
    assert "Ada Lovelace" in out.read_text()
    for command in (["layout"], ["log", "--with", "Ada Lovelace"]):
        refused = subprocess.run([sys.executable, "-m", "relmap", *command, "--db", ann_url],
                                 capture_output=True, text=True, check=False)
        assert refused.returncode == 1
        assert refused.stderr == (f"relmap {command[0]}: you may open and export this map but "
                                  "not change it: ask whoever set it up to make you an editor\n")
    window = MainWindow(ann, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(read-only)")
    assert not window.commands.add_person.isEnabled()
    assert not window.person_pane.assessment.isEnabled()
    eve = Document.open(eve_url)  # an editor writes, and is named in the change log
    assert not eve.read_only
    eve.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title of Ada Lovelace")
    assert [s.member for s in eve.repository.recent_changes()][:1] == ["eve"]
    assert Document.open(ann_url).network.people[ada].title == "Analyst"
    ann.close()
    eve.close()


def test_each_member_rates_for_themselves_and_the_team_sees_the_numbers(
    qtbot: QtBot, postgres_url: str, tmp_path: Path
) -> None:
    ada = _ada_on_a_new_map(postgres_url)
    with Repository(postgres_url) as owner:
        owner.set_up_team(["eve", "max"], [])
    eve_url, max_url = (postgres_url.replace("relmap@", f"{m}@") for m in ("eve", "max"))
    eve, max_ = Repository(eve_url), Repository(max_url)
    eve_net, max_net = eve.load(), max_.load()
    eve.apply(SetAssessment(ada, AssessmentField.TRUST_GIVEN, 5), eve_net)
    eve.apply(UpdatePerson(ada, {"notes": "eve's own note"}), eve_net)
    # Max's copy is stale, but Eve's ratings are hers: his own go in beside them.
    max_.apply(SetAssessment(ada, AssessmentField.TRUST_GIVEN, 2), max_net)
    max_.apply(SetAssessment(ada, AssessmentField.QUALITY, 4), max_net)
    for url, trust, notes in ((eve_url, 5, "eve's own note"), (max_url, 2, "")):
        with Repository(url) as repo:
            person = repo.load().people[ada]
            assert (person.assessment.trust_given, person.notes) == (trust, notes)
    left: list[int] = []
    with Repository(postgres_url) as repo:  # who set it up sees every row, counts only theirs
        repo.load(progress=lambda done, total: left.append(total - done))
    assert left[-2:] == [0, 0]
    team = eve.team_ratings(ada)[ada]
    assert {m: a.trust_given for m, a in team.items()} == {"eve": 5, "max": 2}
    assert Assessment.highest(team.values()) == Assessment(trust_given=5, quality=4)
    assert [h.new for h in max_.history(ada)] == [2, 4]  # his history, not hers
    engine = create_engine(max_url)  # her notes stay hers, even by hand
    with engine.connect() as conn:
        assert conn.execute(text("SELECT notes FROM assessment WHERE member = 'eve'")).all() == []
    engine.dispose()
    # Max's window draws his own ratings, or on request the team's.
    document = Document.open(max_url)
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.canvas.as_of is None and window.commands.team_view.isEnabled()
    window.commands.team_view.trigger()
    shown = window.canvas.as_of
    assert shown is not None and shown.people[ada].assessment.trust_given == 5
    assert document.network.people[ada].assessment.trust_given == 2  # his own, to edit
    window.commands.team_view.trigger()
    assert window.canvas.as_of is None
    document.close()
    eve.close()
    max_.close()
