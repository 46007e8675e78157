"""Find an Introduction: chains to a person, an organisation or a sphere, lit on the map."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from relmap.analysis.warm_paths import targets, warm_paths
from relmap.ui.dialogs.intro_dialog import PATH_ROLE, IntroDialog
from relmap.ui.main_window import MainWindow


def _dialog(window: MainWindow) -> IntroDialog:
    dialog = window.findChild(IntroDialog)
    assert isinstance(dialog, IntroDialog) and dialog.isVisible()
    return dialog


def test_the_chosen_chain_is_lit_on_the_map(window: MainWindow, qtbot: QtBot) -> None:
    network = window.document.network
    me = network.me
    assert me is not None
    far = next(p for p in network.people.values()
               if not p.is_me and all(t.a != me.id and t.b != me.id for t in network.ties_of(p.id)))
    window.find_introduction(far.id)
    dialog = _dialog(window)
    expected = warm_paths(network, targets(network, person=far.display_name), k=5)
    assert dialog.paths.count() == len(expected) > 0
    assert [dialog.paths.item(i).data(PATH_ROLE) for i in range(dialog.paths.count())] == [
        p.people for p in expected]
    assert dialog.paths.item(0).text().startswith("Ask ")
    canvas = window.canvas
    assert canvas.spotlight == set(expected[0].people)
    assert int(canvas.faded.sum()) == len(canvas.ids) - len(expected[0].people)
    dialog.paths.setCurrentRow(dialog.paths.count() - 1)
    assert canvas.spotlight == set(expected[-1].people)
    dialog.reject()
    assert canvas.spotlight == frozenset() and not np.any(canvas.faded)


def test_an_unknown_target_says_so(window: MainWindow, qtbot: QtBot) -> None:
    window.commands.introduce.trigger()
    dialog = _dialog(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("org"))
    dialog.what.setText("Nowhere Inc")
    dialog.find_button.click()
    assert dialog.status.text() == "Nobody on the map works at 'Nowhere Inc'."
    assert dialog.paths.count() == 0
    dialog.kind.setCurrentIndex(dialog.kind.findData("sphere"))
    sphere = next(iter(window.document.network.spheres.values())).name
    dialog.what.setText(sphere.lower())
    dialog.find_button.click()
    assert dialog.paths.count() > 0 and "best" in dialog.status.text()
    dialog.reject()
