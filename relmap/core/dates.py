"""Dates in words, in English whatever the user's locale (docs/architecture.md §5)."""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = tuple(m[:3] for m in MONTHS)


def short_date(day: date) -> str:
    """``12 Mar 2026``."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """``12 March 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
