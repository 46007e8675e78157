"""File → Import…: background reading with progress and Cancel, mapping, review, one undo."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from relmap.document.document import Document
from relmap.document.jobs import imports
from relmap.document.jobs.imports import PlaceJob, ReadJob
from relmap.io.pipeline.plan import Decision
from relmap.ui.dialogs import import_dialog
from relmap.ui.dialogs.import_dialog import MAPPING, READING, REVIEW, SOURCE, ImportDialog
from tests.io.io_support import DATA, by_name
from tests.job_support import held_at_first_progress

pytestmark = pytest.mark.jobs


@pytest.fixture
def document(tmp_path: Path) -> Iterator[Document]:
    doc = Document.open(tmp_path / "map.db")
    yield doc
    doc.close()


def _dialog(qtbot: QtBot, document: Document, fmt: str, path: Path) -> ImportDialog:
    dialog = ImportDialog(document)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    dialog.path_edit.setText(str(path))
    return dialog


def _review(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() in (REVIEW, SOURCE), timeout=20_000)
    assert dialog.pages.currentIndex() == REVIEW, dialog.error_label.text()


def _import(qtbot: QtBot, dialog: ImportDialog) -> None:
    """Click Import and wait until the new people are placed and the import is stored."""
    dialog.import_button.click()
    accepted = ImportDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: dialog.job is None and (
        dialog.result() == accepted or dialog.pages.currentIndex() == REVIEW), timeout=30_000)
    assert dialog.result() == accepted, dialog.review_page.note.text()


def test_linkedin_import_is_previewed_then_pushed_as_one_undo_step(
    qtbot: QtBot, document: Document
) -> None:
    dialog = _dialog(qtbot, document, "linkedin", DATA / "linkedin" / "Connections.csv")
    assert dialog.company_spheres.isVisibleTo(dialog)
    dialog.company_spheres.setChecked(True)
    _review(qtbot, dialog)
    summary = dialog.review_page.summary.text()
    assert "8 people in the file: 7 new, 0 updated, 0 merged, 0 unchanged, 1 skipped" in summary
    assert "6 new spheres" in summary
    warnings = [dialog.review_page.warnings.item(i).text()
                for i in range(dialog.review_page.warnings.count())]
    assert warnings == [  # in the order of the file
        "line 11: 'Foo' is not an English month; the connection is imported without a date",
        "line 12: skipped: the record has no name, organisation or email",
    ]
    assert not dialog.review_page.duplicates.isVisibleTo(dialog)  # nobody to decide about
    assert dialog.review_page.duplicates_label.text().startswith("Nobody in the file")
    assert len(document.network.people) == 1  # nothing happens before Import
    _import(qtbot, dialog)
    assert dialog.outcome == ("LinkedIn imported: 8 people in the file: 7 new, 0 updated, "
                              "0 merged, 0 unchanged, 1 skipped. Ctrl+Z undoes it.")
    assert len(document.network.people) == 8
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Import LinkedIn"
    assert list((Path(document.repository.url.split("///")[1]).parent / "backups").glob("*.db"))
    document.undo_stack.undo()
    assert len(document.network.people) == 1 and not document.network.spheres
    assert len(document.repository.load().people) == 1


def test_enter_goes_on_to_the_review_then_imports(qtbot: QtBot, document: Document) -> None:
    dialog = _dialog(qtbot, document, "linkedin", DATA / "linkedin" / "Connections.csv")
    dialog.show()
    qtbot.waitExposed(dialog)

    def enter() -> None:  # where the focus is, as a person presses it
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    assert dialog.focusWidget() is dialog.path_edit
    enter()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == REVIEW, timeout=20_000)
    assert len(document.network.people) == 1
    enter()  # the review read: Enter imports, as Import is the way on (it cancelled)
    qtbot.waitUntil(lambda: dialog.job is None and not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert len(document.network.people) == 8


def test_duplicates_are_reviewed_and_decisions_change_the_counts(
    qtbot: QtBot, document: Document
) -> None:
    first = _dialog(qtbot, document, "linkedin", DATA / "linkedin" / "Connections.csv")
    _review(qtbot, first)
    _import(qtbot, first)
    dialog = _dialog(qtbot, document, "google", DATA / "google" / "contacts.csv")
    _review(qtbot, dialog)
    table = dialog.review_page.duplicates
    assert table.isVisibleTo(dialog) and table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2)] == [  # type: ignore[union-attr]
        "Jane Doe", "same profile URL"]
    assert "1 merged" in dialog.review_page.summary.text()
    combo = table.cellWidget(0, 3)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Decision.SKIP.value))
    assert "0 merged" in dialog.review_page.summary.text()
    assert "2 skipped" in dialog.review_page.summary.text()
    dialog.review_page.decide_all(Decision.KEEP_BOTH)
    assert dialog.review_page.chosen() == {"line 2": Decision.KEEP_BOTH}
    _import(qtbot, dialog)
    assert len([p for p in document.network.people.values()
                if p.display_name == "Jane Doe"]) == 2
    assert document.undo_stack.count() == 2


def test_generic_csv_goes_through_the_column_mapping(
    qtbot: QtBot, document: Document, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Wer;Wo;Mail\nAda Lovelace;London;ada@x.org\n", encoding="utf-8")
    dialog = _dialog(qtbot, document, "csv", path)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == MAPPING
    page = dialog.mapping_page
    assert "semicolon" in page.info.text()
    assert page.mapping() == {"Wer": "", "Wo": "", "Mail": "emails"}
    page.combos[0].setCurrentIndex(page.combos[0].findData("name"))
    page.combos[1].setCurrentIndex(page.combos[1].findData("location"))
    _review(qtbot, dialog)
    _import(qtbot, dialog)
    ada = by_name(document.network, "Ada Lovelace")
    assert ada.location == "London" and ada.emails[0].value == "ada@x.org"


def test_imported_people_are_placed_around_the_map_in_the_same_undo_step(
    qtbot: QtBot, demo_db: Path
) -> None:
    document = Document.open(demo_db)
    before = {p.id: (p.x, p.y) for p in document.network.people.values()}
    dialog = _dialog(qtbot, document, "linkedin", DATA / "linkedin" / "Connections.csv")
    _review(qtbot, dialog)
    _import(qtbot, dialog)
    people = document.network.people
    new = [p for p in people.values() if p.id not in before]
    assert len(new) == 7 and all(p.placed and not p.pinned for p in new)
    assert all((people[pid].x, people[pid].y) == xy for pid, xy in before.items())
    xs = np.array([(p.x, p.y) for p in people.values() if p.id in before], dtype=float)
    lo, hi = xs.min(axis=0), xs.max(axis=0)
    for p in new:  # near the map, not piled on one spot
        assert np.all(np.array([p.x, p.y]) > lo - (hi - lo)) and np.all(
            np.array([p.x, p.y]) < hi + (hi - lo))
    assert len({(p.x, p.y) for p in new}) == len(new)
    stored = document.repository.load().people
    assert all((stored[p.id].x, stored[p.id].y) == (p.x, p.y) for p in new)
    document.undo_stack.undo()
    assert set(document.network.people) == set(before)
    document.undo_stack.redo()
    assert all((people[p.id].x, people[p.id].y) == (p.x, p.y) for p in new)
    document.close()


def test_placing_can_be_cancelled_and_changes_nothing(
    qtbot: QtBot, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Connections.csv"
    rows = "".join(f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Co,Role,1 Jan 2020\n"
                   for i in range(2_000))
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + rows, encoding="utf-8")
    job_class, held = held_at_first_progress(PlaceJob)
    monkeypatch.setattr(import_dialog, "PlaceJob", job_class)
    dialog = _dialog(qtbot, document, "linkedin", path)
    _review(qtbot, dialog)
    dialog.import_button.click()
    assert dialog.pages.currentIndex() == READING
    assert "Placing 2,000 new people" in dialog.reading_label.text()
    qtbot.waitUntil(held.is_set, timeout=30_000)  # placing is under way
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert dialog.pages.currentIndex() == REVIEW
    note = dialog.review_page.note
    assert "cancelled" in note.text() and note.isVisibleTo(dialog) and not dialog.outcome
    assert "2,000 people in the file: 2,000 new" in dialog.review_page.summary.text()
    assert len(document.network.people) == 1 and document.undo_stack.count() == 0
    assert len(document.repository.load().people) == 1


def test_a_failure_while_placing_is_reported_and_changes_nothing(
    qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the layout engine broke")

    monkeypatch.setattr(imports, "with_placements", broken)
    dialog = _dialog(qtbot, document, "linkedin", DATA / "linkedin" / "Connections.csv")
    _review(qtbot, dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert dialog.pages.currentIndex() == REVIEW
    assert dialog.review_page.note.text() == "The import was not stored: the layout engine broke"
    assert len(document.network.people) == 1 and document.undo_stack.count() == 0


def test_the_format_is_set_to_match_the_file_chosen(qtbot: QtBot, document: Document) -> None:
    dialog = _dialog(qtbot, document, "linkedin", DATA / "google" / "contacts.csv")
    dialog.path_edit.editingFinished.emit()  # as when the field loses the focus
    assert dialog.fmt == "google"
    assert dialog.note_label.text() == "Format set to Google Contacts CSV to match the file."
    _review(qtbot, dialog)
    assert "4 people in the file: 3 new" in dialog.review_page.summary.text()
    dialog.back_button.click()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.next_button.click()  # the same file: the format chosen after stays
    assert dialog.fmt == "csv" and dialog.pages.currentIndex() == MAPPING


def test_a_csv_file_stays_with_the_column_mapping_if_chosen(
    qtbot: QtBot, document: Document
) -> None:
    dialog = _dialog(qtbot, document, "csv", DATA / "linkedin" / "Connections.csv")
    dialog.next_button.click()
    assert dialog.fmt == "csv" and dialog.pages.currentIndex() == MAPPING
    assert not dialog.note_label.text()


def test_a_refused_file_says_why_and_changes_nothing(qtbot: QtBot, document: Document) -> None:
    dialog = _dialog(qtbot, document, "vcard", DATA / "bad" / "image.csv")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == SOURCE and bool(
        dialog.error_label.text()), timeout=20_000)
    assert "is a PNG image" in dialog.error_label.text()
    assert document.undo_stack.count() == 0


def _large_linkedin_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + "".join(f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Co{i % 50},"
                              "Role,1 Jan 2020\n" for i in range(rows)), encoding="utf-8")
    return path


def test_a_large_file_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_class, held = held_at_first_progress(ReadJob)
    monkeypatch.setattr(import_dialog, "ReadJob", job_class)
    dialog = _dialog(qtbot, document, "linkedin", _large_linkedin_file(tmp_path, 6_000))
    seen: list[tuple[int, int]] = []
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == READING
    assert dialog.job is not None
    dialog.job.sig_progress.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(held.is_set, timeout=20_000)  # reading is under way
    dialog.cancel_button.click()  # cancels the reading, not the dialog
    assert dialog.reading_label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == SOURCE, timeout=20_000)
    assert "cancelled" in dialog.error_label.text()
    assert seen and seen[-1][1] == 6_000
    assert len(document.network.people) == 1 and document.undo_stack.count() == 0


def test_closing_while_reading_stops_the_thread(
    qtbot: QtBot, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_class, held = held_at_first_progress(ReadJob)
    monkeypatch.setattr(import_dialog, "ReadJob", job_class)
    dialog = _dialog(qtbot, document, "linkedin", _large_linkedin_file(tmp_path, 4_000))
    dialog.next_button.click()
    job = dialog.job
    assert job is not None
    qtbot.waitUntil(held.is_set, timeout=20_000)  # reading is under way
    dialog.reject()
    assert dialog.job is None and job.cancelled
    assert not [t for t in threading.enumerate() if t.name == "relmap-HeldReadJob"]
    assert len(document.network.people) == 1


def test_a_csv_of_meetings_imports_as_interactions(
    qtbot: QtBot, document: Document, tmp_path: Path
) -> None:
    from relmap.core.edits import AddPeople
    from relmap.core.ids import PersonId
    from relmap.core.model import Person

    people = [Person(PersonId(2), "Ada Lovelace"), Person(PersonId(3), "Alan Turing")]
    document.push(AddPeople(tuple(people)), "Add two people")
    path = tmp_path / "meetings.csv"
    path.write_text("Date,Attendees,Type,Subject\n"
                    f"2026-11-02,{people[0].display_name},Zoom,Quarterly review\n"
                    f"2026-11-09,\"{people[0].display_name}; {people[1].display_name}\",Lunch,\n",
                    encoding="utf-8")
    before = set(document.network.interactions)
    dialog = _dialog(qtbot, document, "csv", path)
    dialog.next_button.click()
    page = dialog.mapping_page
    assert page.kind.currentData() == "interactions"
    assert page.mapping() == {"Date": "date", "Attendees": "with", "Type": "kind",
                              "Subject": "summary"}
    _review(qtbot, dialog)
    assert "Goals, interactions and exchanges: 2 new, 0 skipped." in (
        dialog.review_page.summary.text())
    _import(qtbot, dialog)
    new = [i for k, i in document.repository.load().interactions.items() if k not in before]
    assert sorted((i.on.isoformat(), i.kind.value, len(i.participants)) for i in new) == [
        ("2026-11-02", "video", 1), ("2026-11-09", "meal", 2)]
    document.undo_stack.undo()
    assert set(document.repository.load().interactions) == before
