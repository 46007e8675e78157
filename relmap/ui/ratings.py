"""The words of the assessment: each rating's name, its question, what each level means."""

from __future__ import annotations

from relmap.core.dates import short_date
from relmap.core.model import AssessmentChange, AssessmentField, Rating
from relmap.style import Measure, NodeBy

RATING_NAMES = {
    AssessmentField.TRUST_GIVEN: "Trust given",
    AssessmentField.TRUST_RECEIVED: "Trust received",
    AssessmentField.QUALITY: "Quality",
    AssessmentField.RELEVANCE: "Relevance",
}

QUESTIONS = {
    AssessmentField.TRUST_GIVEN: "I would go out of my way for them",
    AssessmentField.TRUST_RECEIVED: "They would go out of their way for me",
    AssessmentField.QUALITY: "Significant: influence, reach",
    AssessmentField.RELEVANCE: "Aligned with what I need now",
}

LEVELS: dict[AssessmentField, tuple[str, str, str, str, str]] = {
    AssessmentField.TRUST_GIVEN: (
        "I would not go out of my way",
        "Only if it costs me nothing",
        "I would help when asked",
        "I would make a real effort",
        "I would drop everything for them",
    ),
    AssessmentField.TRUST_RECEIVED: (
        "They would not lift a finger",
        "Only if it costs them nothing",
        "They would help when asked",
        "They would make a real effort",
        "They would drop everything for me",
    ),
    AssessmentField.QUALITY: (
        "Little influence or reach",
        "Known in a small circle",
        "Respected in their field",
        "Senior, with wide reach",
        "A leading figure: opens any door",
    ),
    AssessmentField.RELEVANCE: (
        "Unrelated to my goals",
        "Distantly related",
        "Somewhat useful now",
        "Clearly useful now",
        "Central to what I need now",
    ),
}

UNRATED = "Unrated"


def meaning(which: AssessmentField, value: Rating) -> str:
    """What a level means, e.g. "4 · I would make a real effort"."""
    return UNRATED if value is None else f"{value} · {LEVELS[which][value - 1]}"



def was_text(history: list[AssessmentChange], which: AssessmentField) -> str:
    """ "was 2, 14 Mar 2026" for the latest change of ``which``, or "" if it never changed."""
    last = next((h for h in reversed(history) if h.field == which), None)
    if last is None:
        return ""
    old = "unrated" if last.old is None else str(last.old)
    return f"was {old}, {short_date(last.at)}"

MEASURE_NAMES = {
    Measure.INFLUENCE: "Influence (fifths of the map)",
    Measure.BROKERAGE: "Brokerage (fifths of the map)",
    Measure.REACH: "Two-step reach (fifths of the map)",
    Measure.TIES: "Ties (fifths of the map)",
}


def decoration_name(by: NodeBy) -> str:
    """"quality", "influence (fifths of the map)": what sizes, colours or outlines people."""
    return (RATING_NAMES[by] if isinstance(by, AssessmentField) else MEASURE_NAMES[by]).lower()
