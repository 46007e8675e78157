"""Team mode: the same repository and Document on a real PostgreSQL server."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from relmap.core.demo import demo_network
from relmap.core.edits import RemovePeople, SetAssessment, UpdatePerson
from relmap.core.model import AssessmentField
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.store.repository import Repository


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
