"""Dates in words, in English whatever the user's locale (docs/architecture.md §5)."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = tuple(m[:3] for m in MONTHS)


def short_date(day: date) -> str:
    """``12 Mar 2026``."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """``12 March 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def ago(at: datetime, now: datetime | None = None) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, or the day for anything older than a day."""
    minutes = int(((now or datetime.now()) - at).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 24 * 60:
        return f"{minutes // 60} h ago"
    return short_date(at)
