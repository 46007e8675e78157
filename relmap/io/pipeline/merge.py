"""How an incoming record changes a person it matches: fill gaps, take newer job data, or all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from enum import Enum

from relmap.core.model import Assessment, AssessmentField, ContactPoint, Person
from relmap.io.pipeline.matching import source_label

# Where the person works can change between two exports of the same source; who they are
# and what I wrote about them is mine, so a re-import never overwrites those.
_JOB_FIELDS = ("organisation", "title", "location", "industry", "url")
_TEXT_FIELDS = (
    "display_name", "given_name", "family_name", "organisation", "title", "location",
    "industry", "url", "notes", "how_we_met",
)
_NOT_COPIED = {"id", "is_me", "spheres", "introduced_by"}
_UNRATED = Assessment()


class Mode(Enum):
    FILL = "fill"  # a merge: only what the person lacks
    NEWER = "newer"  # a re-import of the same source: job data is newer, the rest fills
    ALL = "all"  # a full relmap export: the file is the truth


def absorb(base: Person, incoming: Person, mode: Mode) -> Person:
    """Return ``base`` changed by ``incoming`` under ``mode``; id, owner flag and spheres stay.

    Parameters
    ----------
    base
        The person as known so far (on the map, or an earlier record of the file).
    incoming
        The person as this record describes them.
    mode
        FILL only fills empty fields and adds contact points and roles; NEWER also takes
        the organisation, title, location, industry and URL of the record, and changes
        nothing (not even the provenance) when the record brings nothing new; ALL takes
        every field of the record, timestamps, position and ratings included.
    """
    if mode is Mode.ALL:
        values = {f.name: getattr(incoming, f.name) for f in fields(Person)
                  if f.name not in _NOT_COPIED}
        return replace(base, **values)
    changes = _text_changes(base, incoming, mode)
    changes.update(_list_changes(base, incoming))
    if base.cadence_days is None and incoming.cadence_days is not None:
        changes["cadence_days"] = incoming.cadence_days
    if not base.placed and incoming.placed:
        changes.update(x=incoming.x, y=incoming.y, pinned=incoming.pinned)
    if incoming.assessment != _UNRATED:
        assessment = _fill_assessment(base.assessment, incoming.assessment)
        if assessment != base.assessment:
            changes["assessment"] = assessment
    if not changes and mode is Mode.NEWER:
        return base  # a re-import that only brings a newer date changes nothing
    source = merge_source(base.source, incoming.source)
    if source != base.source:
        changes["source"] = source
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]


def _text_changes(base: Person, incoming: Person, mode: Mode) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        new = getattr(incoming, name)
        if not new:
            continue
        old = getattr(base, name)
        if new != old and (not old or (mode is Mode.NEWER and name in _JOB_FIELDS)):
            changes[name] = new
    return changes


def _list_changes(base: Person, incoming: Person) -> dict[str, object]:
    changes: dict[str, object] = {}
    if incoming.emails:
        emails = _union(base.emails, incoming.emails, _email_key)
        if emails != base.emails:
            changes["emails"] = emails
    if incoming.phones:
        phones = _union(base.phones, incoming.phones, _phone_key)
        if phones != base.phones:
            changes["phones"] = phones
    if not incoming.roles <= base.roles:
        changes["roles"] = base.roles | incoming.roles
    if incoming.internal and not base.internal:
        changes["internal"] = True
    return changes


def merge_source(old: str, new: str) -> str:
    """Provenance of a person known from several imports: "Google, 1 Jan 2024; LinkedIn, ..."."""
    if not new or new == old:
        return old
    if not old:
        return new
    parts = [p for p in old.split("; ") if p]
    label = source_label(new)
    kept = [p for p in parts if source_label(p) != label]
    return "; ".join([*kept, new])


def _union(
    old: tuple[ContactPoint, ...], new: tuple[ContactPoint, ...], key: Callable[[str], str]
) -> tuple[ContactPoint, ...]:
    seen = {key(c.value) for c in old}
    added = []
    for c in new:
        k = key(c.value)
        if k not in seen:
            seen.add(k)
            added.append(c)
    return old + tuple(added)


def _email_key(value: str) -> str:
    return value.strip().casefold()


def _phone_key(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit() or c == "+")
    return digits or value.strip()


def _fill_assessment(old: Assessment, new: Assessment) -> Assessment:
    changes: dict[str, object] = {}
    for which in AssessmentField:
        if old.rating(which) is None and new.rating(which) is not None:
            changes[which.value] = new.rating(which)
        if not old.note(which) and new.note(which):
            changes[f"{which.value}_note"] = new.note(which)
    return replace(old, **changes) if changes else old  # type: ignore[arg-type]
