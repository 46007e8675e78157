"""CSV export of people and ties, safe to open in a spreadsheet (formula cells neutralised)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from relmap.core.ids import PersonId
from relmap.core.model import Person, Tie
from relmap.core.network import Network
from relmap.io.values import join_emails

PEOPLE_HEADER = (
    "id", "name", "given name", "family name", "organisation", "title", "emails", "phones",
    "location", "industry", "url", "notes", "how we met", "introduced by", "internal", "roles",
    "cadence days", "spheres", "trust given", "trust received", "quality", "relevance",
    "x", "y", "pinned", "is me", "source", "created", "updated",
)
TIES_HEADER = ("from", "to", "from id", "to id", "kind", "directed", "strength", "since",
               "notes", "source")
# A leading apostrophe marks text in every spreadsheet; values that already start with
# apostrophes before a trigger get one more, so importing strips exactly one.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """Prefix "'" to text a spreadsheet would run as a formula (= + - @ TAB CR)."""
    return "'" + text if _FORMULA.match(text) else text


def ties_path(people_path: Path) -> Path:
    """Where the ties go: next to the people file, "<stem>-ties.csv"."""
    return people_path.with_name(f"{people_path.stem}-ties{people_path.suffix or '.csv'}")


def people_csv(network: Network) -> bytes:
    """Every person, one row each, UTF-8 with a BOM (so Excel reads the accents)."""
    people = sorted(network.people.values(), key=lambda p: p.id)
    return _csv(PEOPLE_HEADER, (_person_row(p, network) for p in people))


def ties_csv(network: Network) -> bytes:
    """Every tie, one row each, its ends by name and by stable id."""
    ties = sorted(network.ties.values(), key=lambda t: t.id)
    return _csv(TIES_HEADER, (_tie_row(t, network) for t in ties))


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _number(value: float | int | None) -> str:
    """Numbers are written as numbers: "-3.5" is a value to a spreadsheet, not a formula."""
    return "" if value is None else repr(value)


def _person_row(p: Person, network: Network) -> list[str]:
    a = p.assessment
    spheres = [network.spheres[s].name for s in sorted(p.spheres) if s in network.spheres]
    intro = network.people.get(p.introduced_by) if p.introduced_by is not None else None
    text = [
        p.display_name, p.given_name, p.family_name, p.organisation, p.title,
        join_emails([e.value for e in p.emails]), "; ".join(c.value for c in p.phones),
        p.location, p.industry, p.url, p.notes, p.how_we_met,
        intro.display_name if intro else "",
    ]
    return [
        f"p{p.id}", *(neutralise(t) for t in text), "yes" if p.internal else "no",
        ", ".join(sorted(r.value for r in p.roles)), _number(p.cadence_days),
        neutralise(" | ".join(spheres)), _number(a.trust_given), _number(a.trust_received),
        _number(a.quality), _number(a.relevance), _number(p.x), _number(p.y),
        "yes" if p.pinned else "no", "yes" if p.is_me else "no", neutralise(p.source),
        p.created.isoformat(), p.updated.isoformat(),
    ]


def _tie_row(t: Tie, network: Network) -> list[str]:
    def name(pid: PersonId) -> str:
        person = network.people.get(pid)
        return neutralise(person.display_name) if person else ""

    return [
        name(t.a), name(t.b), f"p{t.a}", f"p{t.b}", t.kind.value, "yes" if t.directed else "no",
        str(t.strength), t.since.isoformat() if t.since else "", neutralise(t.notes),
        neutralise(t.source),
    ]
