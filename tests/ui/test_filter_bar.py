"""The filter bar: stacked conditions with counts, removed one by one or all, fading or hiding
the rest of the map, driven by the People search too, and kept up to date by edits."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from relmap.analysis.filters import Condition, Field, matching
from relmap.core.edits import SetAssessment
from relmap.core.model import AssessmentField
from relmap.ui.main_window import MainWindow


def test_conditions_stack_show_counts_and_clear(window: MainWindow) -> None:
    bar, canvas, network = window.filter_bar, window.canvas, window.document.network
    fintech = next(s for s in network.spheres.values() if s.name == "Fintech")
    sphere = Condition(Field.SPHERE, (str(fintech.id),))
    members = matching(network, sphere, today=date.today())
    bar.add(sphere)
    assert canvas.filtered == members
    faded = {canvas.ids[r] for r in range(len(canvas.ids)) if canvas.faded[r]}
    me = network.me
    assert me is not None
    assert faded == network.people.keys() - members - {me.id}
    total = len(network.people) - 1
    assert bar.count.text() == f"{len(members)} of {total} people"
    chip = bar.chip_buttons[0]
    assert chip.text() == f"Sphere: Fintech · {len(members)} ×"
    quality = Condition(Field.QUALITY, low=3)
    bar.add(quality)
    both = members & matching(network, quality, today=date.today())
    assert canvas.filtered == both and bar.count.text().startswith(f"{len(both)} of")
    bar.hide_rest.setChecked(True)
    hidden = {canvas.ids[r] for r in range(len(canvas.ids)) if not canvas.shown[r]}
    assert hidden == network.people.keys() - both - {me.id}
    bar.chip_buttons[0].click()  # remove the sphere condition
    QApplication.processEvents()
    assert bar.conditions == [quality]
    assert canvas.filtered == matching(network, quality, today=date.today())
    bar.clear_button.click()
    assert canvas.filtered is None and bar.count.text() == ""
    assert canvas.shown.all()


def test_an_edit_moves_people_in_or_out_and_the_search_drives_the_map(
    window: MainWindow,
) -> None:
    bar, canvas, network = window.filter_bar, window.canvas, window.document.network
    bar.add(Condition(Field.QUALITY, low=5))
    person = next(p for p in network.people.values()
                  if not p.is_me and p.assessment.quality != 5)
    assert person.id not in (canvas.filtered or ())
    window.document.push(SetAssessment(person.id, AssessmentField.QUALITY, 5), "Rate")
    QApplication.processEvents()
    assert canvas.filtered is not None and person.id in canvas.filtered
    bar.clear()
    name = person.display_name
    window.people_list.search.setText(name)
    window.people_list.filter_map.click()
    assert bar.conditions == [Condition(Field.TEXT, (name,))]
    assert canvas.filtered is not None and person.id in canvas.filtered
    assert bar.chip_buttons[0].text().startswith(f"Text: “{name}”")


def test_the_map_is_sized_by_a_measure_from_the_menu(window: MainWindow) -> None:
    from relmap import style
    from relmap.analysis.influence import influence

    group = window.commands.decoration["size_by"]
    action = next(a for a in group.actions() if a.text().startswith("Influence"))
    action.trigger()
    assert window.decoration.size_by is style.Measure.INFLUENCE
    top = influence(window.document.network)[0].person
    assert window.canvas.radius[window.canvas.row[top]] == style.rating_radius(5)
    assert "influence (fifths of the map)" in window.legend.key.text()
    assert window.commands.rate.title().endswith("Quality")  # the keys still rate quality


def test_a_condition_is_chosen_in_its_dialog(window: MainWindow) -> None:
    from PySide6.QtCore import Qt, QTimer

    from relmap.ui.filter_bar import ConditionDialog

    def tick_internal() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConditionDialog)
        item = next(dialog.values.item(i) for i in range(dialog.values.count())
                    if dialog.values.item(i).text() == "internal")
        item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    def rated_four_or_more() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConditionDialog)
        dialog.low.setValue(4)
        dialog.accept()

    bar = window.filter_bar
    QTimer.singleShot(0, tick_internal)
    bar.ask(Field.NETWORK)
    QTimer.singleShot(0, rated_four_or_more)
    bar.ask(Field.RELEVANCE)
    assert bar.conditions == [Condition(Field.NETWORK, ("internal",)),
                              Condition(Field.RELEVANCE, low=4)]
    assert [c.text().split(" · ")[0] for c in bar.chip_buttons] == [
        "Network: internal", "Relevance 4 or more"]


def test_applying_what_is_shown_already_does_not_redraw_the_map(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar applies its (no) conditions on start: on a big map a second full draw cost
    almost a second of the first frame."""
    canvas, drawn = window.canvas, []
    monkeypatch.setattr(canvas, "draw", lambda **_: drawn.append(1))
    window.filter_bar.apply()
    window.filter_bar.hide_rest.setChecked(False)
    assert drawn == []
    window.filter_bar.hide_rest.setChecked(True)  # hides the rest: a change, drawn
    assert drawn
