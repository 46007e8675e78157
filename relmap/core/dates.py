"""Dates in words: relmap's own English form ("12 Mar 2026") whatever the system's locale, or
the installed language's (docs/architecture.md §5)."""

from __future__ import annotations

from datetime import date, datetime

from relmap.core.i18n import date_text, tr

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = tuple(m[:3] for m in MONTHS)


def short_date(day: date) -> str:
    """``12 Mar 2026``, or the installed locale's medium form (``12.03.2026``)."""
    return date_text(day) or f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """``12 March 2026``, or the installed locale's long form (``12. März 2026``)."""
    return date_text(day, long=True) or f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def ago(at: datetime, now: datetime | None = None) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, or the day for anything older than a day."""
    minutes = int(((now or datetime.now()) - at).total_seconds() // 60)
    if minutes < 1:
        return tr("just now")
    if minutes < 60:
        return tr("{minutes} min ago").format(minutes=minutes)
    if minutes < 24 * 60:
        return tr("{hours} h ago").format(hours=minutes // 60)
    return short_date(at)
