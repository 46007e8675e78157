"""Date fields: one look (a calendar popup, "12 Mar 2026") and Python dates in and out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def date_edit(day: date | None = None, *, latest: date | None = None) -> QDateEdit:
    """A date field showing ``day`` (default today), no later than ``latest`` if given."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    if latest is not None:
        edit.setMaximumDate(_qdate(latest))
    set_day(edit, day or date.today())
    return edit


def set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(_qdate(day))


def day_of(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
