"""What an importer produces: drafts of people, ties and spheres, with per-record issues."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from relmap.core.i18n import number, tr
from relmap.core.model import AssessmentChange, Person, Record, TieKind

ME = "@me"  # tie endpoint: the owner of the map
NAME_REF = "name:"  # tie endpoint prefix: someone found by name, in the file or on the map


def name_ref(name: str) -> str:
    """A tie endpoint that names a person instead of pointing at a record of the file."""
    return NAME_REF + name


@dataclass(frozen=True, slots=True)
class Issue:
    """Something about one record (or the whole file) the user should know."""

    where: str  # "line 12", "card at line 40", "node n7", "file"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def in_file_order(issues: Iterable[Issue]) -> list[Issue]:
    """``issues`` by where they are in the file ("line 12", "card at line 40"); whole-file
    ones first, the rest as they came."""
    def place(issue: Issue) -> int:
        number = re.search(r"\d+", issue.where)
        return int(number.group()) if number else -1

    return sorted(issues, key=place)


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """A person as the file describes them, before matching against the map.

    ``person`` carries every field; its id, spheres and ``introduced_by`` are placeholders:
    spheres are named in ``spheres`` and the introducer is the draft key ``introduced_by``.
    ``identity`` is a stable key of the source (a normalised profile URL) that lets next
    month's file update the same people. ``authoritative`` drafts (a full relmap export)
    overwrite every field of the person they update; others only add what is missing.
    """

    key: str
    where: str
    person: Person
    spheres: tuple[str, ...] = ()
    identity: str = ""
    introduced_by: str | None = None
    authoritative: bool = False
    preferred_id: int | None = None


@dataclass(frozen=True, slots=True)
class TieDraft:
    """A tie between two endpoints: draft keys, ``ME`` or ``name_ref(...)``.

    A tie of the same kind between the same two people counts as the same tie, unless the
    draft is ``exact`` (a full relmap export, where several such ties may exist): then only
    an identical tie does.
    """

    a: str
    b: str
    where: str
    kind: TieKind = TieKind.OTHER
    directed: bool = False
    strength: int = 3
    since: date | None = None
    notes: str = ""
    source: str = ""
    preferred_id: int | None = None
    exact: bool = False
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class SphereDraft:
    """A sphere the file defines explicitly (with a colour or description)."""

    name: str
    colour: str | None = None
    description: str = ""
    preferred_id: int | None = None
    cadence_days: int | None = None
    cadence_max_days: int | None = None


@dataclass(frozen=True, slots=True)
class RecordDraft:
    """A goal, interaction or exchange of a full export; its people are record keys.

    ``record`` carries every field; its person ids are placeholders, the people it names
    are ``people`` (the exchange's person, or the interaction's participants).
    """

    record: Record
    where: str
    people: tuple[str, ...] = ()
    preferred_id: int | None = None
    spheres: tuple[str, ...] = ()  # the names of the spheres a goal needs


@dataclass(frozen=True)
class ParsedFile:
    """Everything read from one file. ``records`` = len(people) + len(skipped), always.

    ``tie_records`` = len(ties) + len(ties_skipped): every tie the file describes (edges,
    connections, relations, the implicit tie of a LinkedIn connection to me).
    """

    format: str  # "LinkedIn"
    source: str  # provenance written on each person: "LinkedIn, 12 Mar 2024"
    people: tuple[PersonDraft, ...] = ()
    ties: tuple[TieDraft, ...] = ()
    spheres: tuple[SphereDraft, ...] = ()
    issues: tuple[Issue, ...] = ()
    skipped: tuple[Issue, ...] = ()
    ties_skipped: tuple[Issue, ...] = ()
    log: tuple[RecordDraft, ...] = ()  # goals, interactions, exchanges
    log_skipped: tuple[Issue, ...] = ()  # rows of the log that could not be read
    # The rating history of a full export, by draft key: it comes in with new people only.
    history: tuple[tuple[str, AssessmentChange], ...] = ()

    @property
    def records(self) -> int:
        return len(self.people) + len(self.skipped)

    @property
    def tie_records(self) -> int:
        return len(self.ties) + len(self.ties_skipped)


class Decision(StrEnum):
    """What to do with a record that looks like someone already known."""

    MERGE = "merge"
    KEEP_BOTH = "keep both"
    SKIP = "skip"


class MatchReason(StrEnum):
    URL = tr("same profile URL")
    EMAIL = tr("same email address")
    NAME_ORG = tr("same name and organisation")
    NAME = tr("same name")
    SIMILAR = tr("similar name and organisation")


STRONG_REASONS = frozenset({MatchReason.URL, MatchReason.EMAIL, MatchReason.NAME_ORG})


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An incoming record that matches someone on the map or an earlier record of the file.

    Exactly one of ``target_person`` (on the map) and ``target_draft`` (in the file) is set.
    """

    draft: str
    name: str
    target_name: str
    reason: MatchReason
    target_person: int | None = None
    target_draft: str | None = None
    detail: str = ""  # how similar, for a possible duplicate ("names 94%, organisations 100%")

    @property
    def why(self) -> str:
        return f"{self.reason.value} ({self.detail})" if self.detail else self.reason.value

    @property
    def strong(self) -> bool:
        return self.reason in STRONG_REASONS

    @property
    def default(self) -> Decision:
        """Merge strong matches; keep both when only the name agrees."""
        return Decision.MERGE if self.strong else Decision.KEEP_BOTH


@dataclass(frozen=True, slots=True)
class Tally:
    """How many records became what."""

    new: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0

    @property
    def imported(self) -> int:
        return self.new + self.updated + self.merged + self.unchanged

    @property
    def total(self) -> int:
        return self.imported + self.skipped


@dataclass(frozen=True)
class Counts:
    """The numbers of a preview or a finished import; people and ties each add up exactly."""

    records: int
    people: Tally
    tie_records: int
    ties: Tally
    spheres_new: int
    skipped: tuple[Issue, ...] = ()
    records_new: int = 0  # goals, interactions and exchanges
    records_skipped: int = 0
    records_unchanged: int = 0

    def summary(self) -> str:
        """What the import does, in numbers: one line for people, ties, spheres, records."""
        p, t = self.people, self.ties
        log = self.records_new + self.records_skipped + self.records_unchanged
        lines = (
            []
            if log and not self.records
            else [
                tr(
                    "{records} people in the file: {new} new, {updated} updated, {merged} merged, "
                    "{unchanged} unchanged, {skipped} skipped."
                ).format(
                    records=number(self.records),
                    new=number(p.new),
                    updated=number(p.updated),
                    merged=number(p.merged),
                    unchanged=number(p.unchanged),
                    skipped=number(p.skipped),
                )
            ]
        )
        if self.tie_records:
            lines.append(
                tr(
                    "{tie_records} ties: {new} new, {merged} merged, {unchanged} already "
                    "on the map, {skipped} skipped."
                ).format(
                    tie_records=number(self.tie_records),
                    new=number(t.new),
                    merged=number(t.merged),
                    unchanged=number(t.unchanged),
                    skipped=number(t.skipped),
                )
            )
        if self.spheres_new:
            lines.append(
                tr("{spheres_new} new spheres.").format(spheres_new=number(self.spheres_new))
            )
        if log:
            lines.append(
                tr("Goals, interactions and exchanges: {records_new} new, ").format(
                    records_new=number(self.records_new)
                )
                + (
                    tr("{records_unchanged} already on the map, ").format(
                        records_unchanged=number(self.records_unchanged)
                    )
                    if self.records_unchanged
                    else ""
                )
                + tr("{records_skipped} skipped.").format(
                    records_skipped=number(self.records_skipped)
                )
            )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """Plain data for ``--json`` output and the preview."""
        def tally(t: Tally) -> dict[str, int]:
            return {"new": t.new, "updated": t.updated, "merged": t.merged,
                    "unchanged": t.unchanged, "skipped": t.skipped}

        return {
            "records": self.records, "people": tally(self.people),
            "tie_records": self.tie_records, "ties": tally(self.ties),
            "spheres_new": self.spheres_new, "records_new": self.records_new,
            "records_skipped": self.records_skipped, "records_unchanged": self.records_unchanged,
            "skipped": [{"where": s.where, "reason": s.message} for s in self.skipped],
        }
