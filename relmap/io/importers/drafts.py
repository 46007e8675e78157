"""Building a person from one record: a name found, long values cut, bad emails reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from relmap.core.dates import short_date
from relmap.core.errors import ValidationError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import Assessment, ContactPoint, Person, Role
from relmap.io.pipeline.plan import Issue, PersonDraft
from relmap.io.pipeline.spheres import MAX_SPHERE_NAME
from relmap.io.values import has_formula, split_emails

# Widths of the database columns (relmap.store.models): PostgreSQL enforces them.
_NAME_LIMIT = 400
_LIMITS = {
    "given_name": 200, "family_name": 200, "organisation": 400, "title": 400, "location": 400,
    "industry": 400,
}
_POINT_LIMIT, _LABEL_LIMIT = 400, 100
_UNRATED = Assessment()  # immutable: one for every new person instead of one each


def provenance(label: str, today: date | None = None) -> str:
    """What a person's ``source`` says: "LinkedIn, 12 Mar 2024"."""
    return f"{label}, {short_date(today or date.today())}"


@dataclass
class Fields:
    """The fields one record gives, as plain text and lists, before any checks."""

    display_name: str = ""
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""
    title: str = ""
    location: str = ""
    industry: str = ""
    url: str = ""
    notes: str = ""
    how_we_met: str = ""
    emails: list[ContactPoint] = field(default_factory=list)
    phones: list[ContactPoint] = field(default_factory=list)
    roles: set[Role] = field(default_factory=set)
    spheres: list[str] = field(default_factory=list)

    def add_emails(self, text: str, label: str, where: str, issues: list[Issue]) -> None:
        """Add the addresses of a cell; report the pieces that are not addresses."""
        good, bad = split_emails(text)
        self.emails += [ContactPoint(e, label) for e in good]
        issues += [
            Issue(where, tr("'{b}' is not an email address; left out").format(b=b)) for b in bad
        ]

    def add_phones(self, text: str, label: str) -> None:
        self.phones += [ContactPoint(p.strip(), label) for p in text.split(" ::: ")
                        if p.strip()]


def make_draft(
    key: str, where: str, fields: Fields, *, source: str, issues: list[Issue],
    identity: str = "", now: datetime | None = None,
) -> PersonDraft | Issue:
    """A draft of the person ``fields`` describe, or the reason the record is skipped.

    Parameters
    ----------
    key, where
        The record's key in the file and where it is, for messages.
    fields
        What the record says.
    source
        Provenance for the person ("LinkedIn, 12 Mar 2024").
    issues
        Receives warnings about this record.
    identity
        A stable key of the source (normalised profile URL) that later imports update.
    now
        When the person is created (one moment for a whole file); default: now.
    """
    name = _name(fields, where, issues)
    if not name:
        return Issue(where, tr("skipped: the record has no name, organisation or email"))
    text: dict[str, Any] = {k: v.strip() for k in _LIMITS if (v := getattr(fields, k))}
    text["display_name"] = name
    for k, v in text.items():
        if len(v) > _LIMITS.get(k, _NAME_LIMIT):
            text[k] = _cut(v, k, where, issues)
    if has_formula(text["display_name"]):
        issues.append(
            Issue(
                where,
                tr(
                    "the name starts like a spreadsheet formula; kept as text "
                    "(CSV exports neutralise it)"
                ),
            )
        )
    moment = now or datetime.now()
    try:
        person = Person(
            PersonId(0), **text, url=fields.url.strip(), notes=fields.notes,
            how_we_met=fields.how_we_met, emails=_points(fields.emails),
            phones=_points(fields.phones), roles=frozenset(fields.roles), source=source,
            created=moment, updated=moment, assessment=_UNRATED,
        )
    except ValidationError as exc:
        return Issue(where, tr("skipped: {exc}").format(exc=exc))
    spheres = tuple(dict.fromkeys(s.strip()[:MAX_SPHERE_NAME] for s in fields.spheres
                                  if s.strip())) if fields.spheres else ()
    return PersonDraft(key, where, person, spheres, identity)


def _name(fields: Fields, where: str, issues: list[Issue]) -> str:
    name = fields.display_name.strip() or " ".join(
        p for p in (fields.given_name.strip(), fields.family_name.strip()) if p
    )
    if name:
        return name
    for fallback, what in ((fields.organisation, "organisation"),
                           (fields.emails[0].value if fields.emails else "", "email address")):
        if fallback.strip():
            issues.append(Issue(where, tr("no name: named after the {what}").format(what=what)))
            return fallback.strip()
    return ""


def _cut(value: str, field_name: str, where: str, issues: list[Issue]) -> str:
    limit = _LIMITS.get(field_name, _NAME_LIMIT)
    what = "name" if field_name == "display_name" else field_name.replace("_", " ")
    issues.append(
        Issue(
            where,
            tr("the {what} is longer than {limit} characters; cut").format(what=what, limit=limit),
        )
    )
    return value[:limit]


def _points(points: list[ContactPoint]) -> tuple[ContactPoint, ...]:
    if not points:
        return ()
    seen: set[str] = set()
    out = []
    for p in points:
        value = p.value.strip()[:_POINT_LIMIT]
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(ContactPoint(value, p.label.strip()[:_LABEL_LIMIT]))
    return tuple(out)
