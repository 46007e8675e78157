"""The words of the assessment: each rating's name, its question, what each level means."""

from __future__ import annotations

from relmap.core.dates import short_date
from relmap.core.i18n import in_sentence, tr
from relmap.core.model import AssessmentChange, AssessmentField, Rating
from relmap.style import ColourBy, Group, Measure

RATING_NAMES = {
    AssessmentField.TRUST_GIVEN: tr("Trust given"),
    AssessmentField.TRUST_RECEIVED: tr("Trust received"),
    AssessmentField.QUALITY: tr("Quality"),
    AssessmentField.RELEVANCE: tr("Relevance"),
}

QUESTIONS = {
    AssessmentField.TRUST_GIVEN: tr("I would go out of my way for them"),
    AssessmentField.TRUST_RECEIVED: tr("They would go out of their way for me"),
    AssessmentField.QUALITY: tr("Significant: influence, reach"),
    AssessmentField.RELEVANCE: tr("Aligned with what I need now"),
}

LEVELS: dict[AssessmentField, tuple[str, str, str, str, str]] = {
    AssessmentField.TRUST_GIVEN: (
        tr("I would not go out of my way"),
        tr("Only if it costs me nothing"),
        tr("I would help when asked"),
        tr("I would make a real effort"),
        tr("I would drop everything for them"),
    ),
    AssessmentField.TRUST_RECEIVED: (
        tr("They would not lift a finger"),
        tr("Only if it costs them nothing"),
        tr("They would help when asked"),
        tr("They would make a real effort"),
        tr("They would drop everything for me"),
    ),
    AssessmentField.QUALITY: (
        tr("Little influence or reach"),
        tr("Known in a small circle"),
        tr("Respected in their field"),
        tr("Senior, with wide reach"),
        tr("A leading figure: opens any door"),
    ),
    AssessmentField.RELEVANCE: (
        tr("Unrelated to my goals"),
        tr("Distantly related"),
        tr("Somewhat useful now"),
        tr("Clearly useful now"),
        tr("Central to what I need now"),
    ),
}

UNRATED = tr("Unrated")


def meaning(which: AssessmentField, value: Rating) -> str:
    """What a level means, e.g. "4 · I would make a real effort"."""
    return UNRATED if value is None else f"{value} · {LEVELS[which][value - 1]}"



def was_text(history: list[AssessmentChange], which: AssessmentField) -> str:
    """ "was 2, 14 Mar 2026" for the latest change of ``which``, or "" if it never changed."""
    last = next((h for h in reversed(history) if h.field == which), None)
    if last is None:
        return ""
    old = "unrated" if last.old is None else str(last.old)
    return tr("was {old}, {short_date}").format(old=old, short_date=short_date(last.at))

MEASURE_NAMES = {
    Measure.INFLUENCE: tr("Influence (fifths of the map)"),
    Measure.BROKERAGE: tr("Brokerage (fifths of the map)"),
    Measure.REACH: tr("Two-step reach (fifths of the map)"),
    Measure.TIES: tr("Ties (fifths of the map)"),
}

GROUP_NAMES = {
    Group.ORGANISATION: tr("Organisation"),
    Group.LOCATION: tr("Location"),
    Group.INDUSTRY: tr("Industry"),
}


def decoration_name(by: ColourBy) -> str:
    """"quality", "influence (fifths of the map)", "organisation": what sizes, colours or
    outlines people."""
    if isinstance(by, AssessmentField):
        return in_sentence(RATING_NAMES[by])
    return in_sentence(MEASURE_NAMES[by] if isinstance(by, Measure) else GROUP_NAMES[by])
