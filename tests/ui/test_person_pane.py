"""The person pane: model → widgets, widgets → database, one undo step per field, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from relmap.core.edits import UpdatePerson
from relmap.core.model import ContactPoint, Role
from relmap.document.document import Document
from relmap.ui.panes.person_pane import PersonPane
from relmap.ui.selection import Selection

from .conftest import contact, stored


@pytest.fixture
def pane(qtbot: QtBot, document: Document, selection: Selection) -> PersonPane:
    widget = PersonPane(document, selection)
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show()
    selection.set_people(frozenset({contact(document)}))
    return widget


def line(pane: PersonPane, field: str) -> QLineEdit:
    widget = pane.form.bindings[field].widget
    assert isinstance(widget, QLineEdit)
    return widget


def type_into(widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)


def test_pane_shows_the_selected_person_and_follows_the_model(
    pane: PersonPane, document: Document
) -> None:
    pid = pane.person
    assert pid is not None
    person = document.network.people[pid]
    assert pane.title.text() == person.display_name
    assert line(pane, "organisation").text() == person.organisation
    document.push(UpdatePerson(pid, {"organisation": "Acme Rockets"}), "edit")
    assert line(pane, "organisation").text() == "Acme Rockets"
    assert person.organisation in pane.subtitle.text() or "Acme Rockets" in pane.subtitle.text()
    document.undo_stack.undo()
    assert line(pane, "organisation").text() == person.organisation


def test_typing_commits_after_a_pause_as_one_undo_step(
    pane: PersonPane, document: Document, demo_db: Path, qtbot: QtBot
) -> None:
    pid = pane.person
    assert pid is not None
    before = document.network.people[pid].title
    field = line(pane, "title")
    type_into(field, "Head of")
    qtbot.waitUntil(lambda: stored(demo_db).people[pid].title == "Head of")
    QTest.keyClicks(field, " Sales")
    qtbot.waitUntil(lambda: stored(demo_db).people[pid].title == "Head of Sales")
    assert document.undo_stack.count() == 1  # both pauses merged into one step
    document.undo_stack.undo()
    assert stored(demo_db).people[pid].title == before
    assert field.text() == before


def test_focus_out_commits_at_once(pane: PersonPane, demo_db: Path) -> None:
    pid = pane.person
    assert pid is not None
    field = line(pane, "location")
    type_into(field, "Lisbon")
    line(pane, "industry").setFocus()  # leaving the field commits it, no waiting
    field.editingFinished.emit()  # offscreen windows may not deliver focus-out themselves
    assert stored(demo_db).people[pid].location == "Lisbon"


def test_an_empty_name_is_refused_at_the_field(
    pane: PersonPane, document: Document, demo_db: Path
) -> None:
    pid = pane.person
    assert pid is not None
    name = document.network.people[pid].display_name
    binding = pane.form.bindings["display_name"]
    type_into(line(pane, "display_name"), "   ")
    binding.flush()
    assert binding.error.isVisibleTo(pane) and "name" in binding.error.text()
    assert "border" in binding.widget.styleSheet()
    assert stored(demo_db).people[pid].display_name == name
    assert document.undo_stack.count() == 0


def test_emails_with_labels_are_stored_and_a_malformed_one_is_refused(
    pane: PersonPane, document: Document, demo_db: Path
) -> None:
    pid = pane.person
    assert pid is not None
    emails = pane.form.emails
    emails.add_button.click()
    emails.add_button.click()
    first, second = emails.rows
    type_into(first.value, "ana@example.com")
    second.label.setCurrentText("home")
    type_into(second.value, "ana.home@example.org")
    emails.flush()
    assert stored(demo_db).people[pid].emails == (
        ContactPoint("ana@example.com", "work"),
        ContactPoint("ana.home@example.org", "home"),
    )
    type_into(second.value, "not an email")
    emails.flush()
    assert emails.error.isVisibleTo(pane) and "not an email" in emails.error.text()
    assert len(stored(demo_db).people[pid].emails) == 2
    assert stored(demo_db).people[pid].emails[1].value == "ana.home@example.org"


def test_a_phone_without_digits_is_refused(pane: PersonPane, demo_db: Path) -> None:
    pid = pane.person
    assert pid is not None
    phones = pane.form.phones
    phones.add_button.click()
    type_into(phones.rows[0].value, "call me maybe")
    phones.flush()
    assert "phone" in phones.error.text()
    assert stored(demo_db).people[pid].phones == ()
    type_into(phones.rows[0].value, "+44 20 7946 0000")
    phones.flush()
    assert stored(demo_db).people[pid].phones == (ContactPoint("+44 20 7946 0000", "mobile"),)
    assert not phones.error.isVisibleTo(pane)


def test_roles_network_and_cadence_are_stored(
    pane: PersonPane, document: Document, demo_db: Path
) -> None:
    pid = pane.person
    assert pid is not None
    form = pane.form
    had_mentor = Role.MENTOR in document.network.people[pid].roles
    form.roles[Role.MENTOR].click()
    form.network.setCurrentIndex(1)
    form.cadence.setValue(30)
    form.flush()
    person = stored(demo_db).people[pid]
    assert (Role.MENTOR in person.roles) != had_mentor
    assert person.internal
    assert person.cadence_days == 30
    form.cadence.setValue(0)
    form.flush()
    assert stored(demo_db).people[pid].cadence_days is None


def test_introduced_by_is_picked_by_name_and_an_unknown_name_refused(
    pane: PersonPane, document: Document, demo_db: Path
) -> None:
    pid = pane.person
    assert pid is not None
    other = next(p for p in document.network.people.values() if p.id != pid)
    picker = pane.form.introduced_by
    assert picker.pick(other.display_name)
    assert stored(demo_db).people[pid].introduced_by == other.id
    assert not picker.pick("Nobody Of That Name")
    assert pane.form.introduced_error.isVisibleTo(pane)
    assert stored(demo_db).people[pid].introduced_by == other.id
    assert picker.pick("")
    assert stored(demo_db).people[pid].introduced_by is None


def test_the_profile_link_opens_only_web_addresses(
    pane: PersonPane, monkeypatch: pytest.MonkeyPatch, demo_db: Path
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    form = pane.form
    type_into(line(pane, "url"), "javascript:alert(1)")
    assert not form.open_url.isEnabled()
    form.open_url.click()
    type_into(line(pane, "url"), "https://www.linkedin.com/in/ana")
    form.bindings["url"].flush()
    assert form.open_url.isEnabled()
    form.open_url.click()
    assert [u.toString() for u in opened] == ["https://www.linkedin.com/in/ana"]
    assert pane.person is not None
    assert stored(demo_db).people[pane.person].url == "https://www.linkedin.com/in/ana"


def test_switching_person_commits_pending_typing_to_the_first(
    pane: PersonPane, document: Document, selection: Selection, demo_db: Path
) -> None:
    first = pane.person
    assert first is not None
    type_into(line(pane, "industry"), "Aerospace")
    second = next(p for p in document.network.people if p not in (first,))
    selection.set_people(frozenset({second}))
    assert stored(demo_db).people[first].industry == "Aerospace"
    assert stored(demo_db).people[second].industry != "Aerospace"


def test_several_people_show_the_bulk_editors_only(
    pane: PersonPane, document: Document, selection: Selection
) -> None:
    some = frozenset(list(document.network.people)[1:4])
    selection.set_people(some)
    assert pane.title.text() == "3 people selected"
    assert not pane.form.isVisibleTo(pane)
    assert pane.assessment.isVisibleTo(pane) and pane.spheres.isVisibleTo(pane)
    selection.clear()
    assert pane.placeholder.isVisibleTo(pane) and not pane.assessment.isVisibleTo(pane)


def test_unsaved_typing_survives_a_change_made_elsewhere(
    pane: PersonPane, document: Document, demo_db: Path
) -> None:
    pid = pane.person
    assert pid is not None
    emails = pane.form.emails
    emails.add_button.click()
    QTest.keyClicks(emails.rows[0].value, "half@typ")
    title = line(pane, "title")
    title.end(False)
    QTest.keyClicks(title, " (acting)")
    document.push(UpdatePerson(pid, {"location": "Oslo"}), "elsewhere")  # e.g. an undo or import
    assert emails.rows[0].value.text() == "half@typ"
    assert title.text().endswith(" (acting)")
    assert line(pane, "location").text() == "Oslo"


def test_the_header_names_an_import_and_its_day_once(pane: PersonPane, document: Document) -> None:
    from datetime import datetime

    from relmap.core.edits import UpdatePerson

    pid = pane.person
    assert pid is not None
    document.push(UpdatePerson(pid, {"source": "LinkedIn, 4 Dec 2026",
                                     "created": datetime(2026, 12, 4, 9, 0)}), "Set source")
    assert pane.meta.text().startswith("Added from LinkedIn, 4 Dec 2026 · changed ")
    document.push(UpdatePerson(pid, {"source": ""}), "Clear source")
    assert pane.meta.text().startswith("Added 4 Dec 2026 · changed ")


def test_a_rating_moves_the_changed_date_and_undo_moves_it_back(
    pane: PersonPane, document: Document
) -> None:
    from datetime import datetime

    from relmap.core.dates import short_date
    from relmap.core.edits import SetAssessment
    from relmap.core.model import AssessmentField

    pid = pane.person
    assert pid is not None
    before = document.network.people[pid].updated
    later = datetime(2031, 5, 6, 10, 0)
    document.push(SetAssessment(pid, AssessmentField.QUALITY, 5, at=later), "Rate")
    assert document.network.people[pid].updated == later
    assert pane.meta.text().endswith(f"changed {short_date(later)}")
    document.undo_stack.undo()
    assert document.network.people[pid].updated == before
    assert pane.meta.text().endswith(f"changed {short_date(before)}")
