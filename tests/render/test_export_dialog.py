"""File → Export Map…: preview, options, remembered choices, and the export itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from relmap.core.ids import PersonId
from relmap.document.document import Document
from relmap.render.scope import ScopeKind
from relmap.ui.dialogs.export_dialog import ExportDialog


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _dialog(qtbot: QtBot, document: Document, settings: QSettings,
            selection: frozenset[PersonId] = frozenset()) -> ExportDialog:
    dialog = ExportDialog(document, settings, selection=selection)
    qtbot.addWidget(dialog)
    return dialog


def _preview_size(dialog: ExportDialog) -> tuple[int, int]:
    pixmap = dialog.preview.pixmap()
    return pixmap.width(), pixmap.height()


def test_the_preview_follows_the_options(
    qtbot: QtBot, document: Document, settings: QSettings
) -> None:
    dialog = _dialog(qtbot, document, settings)
    qtbot.waitUntil(lambda: not dialog.preview.pixmap().isNull())
    width, height = _preview_size(dialog)
    assert width > height  # A4 landscape by default
    dialog.form.landscape.setChecked(False)  # debounced: the preview changes a moment later
    qtbot.waitUntil(lambda: _preview_size(dialog)[0] < _preview_size(dialog)[1])
    dialog.form.theme.setCurrentIndex(dialog.form.theme.findData("dark"))
    qtbot.waitUntil(lambda: dialog.preview.pixmap().toImage().pixelColor(1, 1).lightness() < 50)
    assert "61 people" in dialog.summary.text()


def test_the_ties_to_me_are_drawn_as_the_map_shows_them(
    qtbot: QtBot, document: Document, settings: QSettings
) -> None:
    for shown in (False, True):
        dialog = ExportDialog(document, settings, selection=frozenset(), ties_to_me=shown)
        qtbot.addWidget(dialog)
        assert dialog.form.options().ties_to_me is shown
        dialog.form.save(settings)  # not remembered: the next export follows the map again


def test_without_an_ego_layout_on_the_map_there_are_no_rings_to_draw(
    qtbot: QtBot, document: Document, settings: QSettings
) -> None:
    dialog = _dialog(qtbot, document, settings)
    form = dialog.form
    assert form.ring_box.isChecked() and not form.ring_box.isEnabled()
    assert "Ego Layout" in form.ring_box.toolTip()
    assert form.options().rings is None


def test_export_writes_the_file_and_remembers_the_choices(
    qtbot: QtBot, document: Document, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document, settings)
    dialog.form.paper.setCurrentIndex(dialog.form.paper.findData("pixels"))
    dialog.form.width_px.setValue(640)
    dialog.form.height_px.setValue(480)
    dialog.form.dpi.setValue(96)
    dialog.form.redaction.setCurrentIndex(dialog.form.redaction.findData("initials"))
    target = tmp_path / "mentor.png"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.sig_exported) as exported:
        assert dialog.export()
    assert exported.args == [str(target)]
    image = QImage(str(target))
    assert (image.width(), image.height()) == (640, 480)
    again = _dialog(qtbot, document, settings)
    assert again.form.paper.currentData() == "pixels"
    form = again.form
    assert (form.width_px.value(), form.height_px.value(), form.dpi.value()) == (640, 480, 96)
    assert again.form.redaction.currentData() == "initials"
    assert Path(again.path.text()).parent == tmp_path


def test_a_bad_target_shows_an_error_and_keeps_the_dialog_open(
    qtbot: QtBot, document: Document, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document, settings)
    dialog.path.setText(str(tmp_path / "missing" / "map.pdf"))
    assert not dialog.export()
    assert "does not exist" in dialog.error.text()
    assert settings.value("export/folder") is None


def test_scopes_from_the_selection_and_a_focus_person(
    qtbot: QtBot, document: Document, settings: QSettings
) -> None:
    chosen = frozenset(list(document.network.people)[:5])
    dialog = _dialog(qtbot, document, settings, selection=chosen)
    assert dialog.form.options().scope.kind is ScopeKind.PEOPLE  # a selection is offered first
    assert dialog.form.options().scope.people == chosen
    dialog.form.scope.setCurrentIndex(dialog.form.scope.findData("focus"))
    dialog.form.steps.setValue(2)
    scope = dialog.form.options().scope
    assert (scope.kind, scope.focus, scope.depth) == (ScopeKind.FOCUS, min(chosen), 2)
    other = max(document.network.people)  # found by typing a few letters of the name
    picker = dialog.form.focus
    picker.setFocus()
    picker.clear()
    QTest.keyClicks(picker, document.network.people[other].display_name)
    QTest.keyClick(picker, Qt.Key.Key_Return)
    assert picker.person == other and dialog.form.options().scope.focus == other
    empty = _dialog(qtbot, document, QSettings(str(Path(settings.fileName()).with_name("b.ini")),
                                               QSettings.Format.IniFormat))
    assert empty.form.options().scope.kind is ScopeKind.ALL
    assert not empty.form.scope.model().item(empty.form.scope.findData("selection")).isEnabled()  # type: ignore[attr-defined]


def test_changing_the_format_changes_the_suffix(
    qtbot: QtBot, document: Document, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document, settings)
    dialog.path.setText(str(tmp_path / "map.png"))
    dialog.form.format.setCurrentIndex(dialog.form.format.findData("pdf"))
    assert dialog.path.text().endswith("map.pdf")
    assert not dialog.form.transparent.isEnabled()


def test_a_large_export_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, document: Document, settings: QSettings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import relmap.ui.dialogs.export_dialog as module

    stages: list[str] = []
    monkeypatch.setattr(module, "PROGRESS_FROM", 1)
    monkeypatch.setattr(QProgressDialog, "setLabelText",
                        lambda _self, text: stages.append(text))
    monkeypatch.setattr(QProgressDialog, "wasCanceled",
                        lambda _self: len(stages) >= 3)
    dialog = _dialog(qtbot, document, settings)
    target = tmp_path / "big.png"
    dialog.path.setText(str(target))
    assert not dialog.export()
    assert stages[:2] == ["Collecting people…", "Placing labels…"]
    assert "cancelled" in dialog.error.text()
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
