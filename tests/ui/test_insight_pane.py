"""The insight dock: measured in the background, measured again after an edit, rows find people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from relmap.analysis import influence, measures
from relmap.core.edits import AddPeople, RemoveTies, SetAssessment
from relmap.core.ids import PersonId, TieId
from relmap.core.model import AssessmentField, Person, Tie
from relmap.document.document import Document
from relmap.style import Measure
from relmap.ui.main_window import MainWindow
from relmap.ui.panes.insight_pane import PERSON_ROLE, InsightPane

pytestmark = pytest.mark.jobs


def _measured(qtbot: QtBot, pane: InsightPane) -> None:
    qtbot.waitUntil(lambda: pane.insight is not None and pane.job is None, timeout=30_000)


def _rated_then_counted(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
                        ) -> list[object]:
    """Once the pane measured the map, a rating changes it; then each time the map is
    measured from scratch, from now on."""
    _measured(qtbot, window.insight)
    someone = next(p for p in window.document.network.people.values() if not p.is_me)
    window.document.push(SetAssessment(someone.id, AssessmentField.QUALITY, 5), "Rate")
    compute, runs = measures._compute, list[object]()

    def counted(*args: Any) -> measures.Measures:
        runs.append(args)
        return compute(*args)

    monkeypatch.setattr(measures, "_compute", counted)
    return runs


def test_the_most_influential_are_listed_with_why(qtbot: QtBot, document: Document) -> None:
    pane = InsightPane(document)
    qtbot.addWidget(pane)
    _measured(qtbot, pane)
    assert pane.insight is not None
    top = pane.insight.influencers[0]
    first = pane.influencers.item(0)
    assert first.data(PERSON_ROLE) == top.person
    assert document.network.people[top.person].display_name in first.text()
    assert "of the map in two steps" in first.text()
    assert pane.brokers.count() > 0 and "people" in pane.communities.text()
    assert "steps apart on average" in pane.status.text()


def test_where_nobody_stands_out_it_says_so_and_names_apart_two_of_one_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A fresh LinkedIn import: everyone unrated and tied to me alone scored the same, and
    the list showed the first fifteen by name, four of them "Amara Chen"."""
    document = Document.open(tmp_path / "map.db")
    me = document.network.me
    assert me is not None
    people = tuple(Person(PersonId(i + 2), "Ann Lee" if i < 2 else f"Contact {i}",
                          organisation=f"Org {i}") for i in range(12))
    document.push(AddPeople(people, tuple(Tie(TieId(i + 1), me.id, p.id)
                                          for i, p in enumerate(people))), "Import")
    pane = InsightPane(document)
    qtbot.addWidget(pane)
    _measured(qtbot, pane)
    assert pane.influencers.count() == 1
    said = pane.influencers.item(0)
    assert said.text().startswith("Nobody stands out yet") and said.data(PERSON_ROLE) is None
    old = pane.insight
    document.push(SetAssessment(PersonId(2), AssessmentField.QUALITY, 5), "Rate")
    qtbot.waitUntil(lambda: pane.insight is not old and pane.job is None, timeout=30_000)
    texts = [pane.influencers.item(i).text() for i in range(pane.influencers.count())]
    assert texts[0].startswith("Ann Lee (Org 0) · ")
    assert any(t.startswith("Ann Lee (Org 1) · ") for t in texts)
    assert any(t.startswith("Contact 2 · ") for t in texts)  # a name of its own, as it is
    document.close()


def test_an_edit_is_measured_again(qtbot: QtBot, document: Document) -> None:
    pane = InsightPane(document)
    qtbot.addWidget(pane)
    _measured(qtbot, pane)
    assert pane.insight is not None
    last = pane.insight.influencers[-1].person
    for field in (AssessmentField.TRUST_GIVEN, AssessmentField.TRUST_RECEIVED,
                  AssessmentField.QUALITY):
        document.push(SetAssessment(last, field, 5), "Rate")
    old = pane.insight
    qtbot.waitUntil(lambda: pane.insight is not old and pane.job is None, timeout=30_000)
    assert pane.insight is not None
    assert last in [i.person for i in pane.insight.influencers[:5]]


def test_sizing_by_influence_after_the_pane_measured_measures_nothing_again(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    _measured(qtbot, window.insight)
    again: list[object] = []
    monkeypatch.setattr(measures, "_compute", lambda *args: again.append(args))
    monkeypatch.setattr(influence, "_influence", lambda *args: again.append(args))
    window.set_decoration("size_by", Measure.INFLUENCE)
    sizes = {float(r) for r in window.canvas.radius}
    assert again == [] and len(sizes) > 3  # me and the five steps of influence


def test_a_view_that_needs_measures_waits_for_those_under_way(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _rated_then_counted(window, qtbot, monkeypatch)
    window.insight.refresh()  # measuring the map as it now is, in the background
    window.set_decoration("size_by", Measure.INFLUENCE)
    assert len(runs) == 1  # the background's: the view took what it measured
    assert len({float(r) for r in window.canvas.radius}) > 3


def test_what_a_view_measured_is_not_measured_again_in_the_background(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _rated_then_counted(window, qtbot, monkeypatch)
    window.set_decoration("size_by", Measure.INFLUENCE)  # before the pane measures again
    old = window.insight.insight
    window.insight.refresh()
    qtbot.waitUntil(lambda: window.insight.insight is not old and window.insight.job is None,
                    timeout=30_000)
    assert len(runs) == 1  # the view's: the background took what it measured


def test_a_row_selects_and_centres_the_person(window: MainWindow, qtbot: QtBot) -> None:
    _measured(qtbot, window.insight)
    item = window.insight.brokers.item(0)
    pid = item.data(PERSON_ROLE)
    window.insight.brokers.itemClicked.emit(item)
    assert window.selection.people == {pid}
    centre = window.canvas.view.viewRect().center()
    x, y = window.canvas.pos[window.canvas.row[pid]]
    assert abs(centre.x() - x) < 1 and abs(centre.y() - y) < 1


def test_a_map_tied_only_to_me_has_no_steps_to_average(qtbot: QtBot, document: Document) -> None:
    me = document.network.me
    assert me is not None
    between = tuple(t.id for t in document.network.ties.values() if me.id not in (t.a, t.b))
    document.push(RemoveTies(between), "Like a fresh LinkedIn import")
    pane = InsightPane(document)
    qtbot.addWidget(pane)
    _measured(qtbot, pane)
    # Not "…, 0 ties between them; 60 groups": each a group of one.
    assert pane.status.text() == "60 people, none of them tied to another yet"
    assert pane.communities.text().startswith("No communities")  # not one per person
    assert pane.brokers.count() == 1 and pane.brokers.item(0).text().startswith("Nobody yet")
