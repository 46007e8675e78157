"""The full relmap JSON export: every field of every person, tie and sphere, stable string ids."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from relmap.core.model import (
    AssessmentChange,
    Exchange,
    Goal,
    Interaction,
    MentorSession,
    Person,
    Removal,
    Sphere,
    Tie,
)
from relmap.core.network import Network

FORMAT, VERSION = "relmap", 1
ASSESSMENT_KEYS = (
    "trust_given", "trust_received", "quality", "relevance",
    "trust_given_note", "trust_received_note", "quality_note", "relevance_note",
)


def person_id(pid: int) -> str:
    """The stable string id of a person in exports: "p12"."""
    return f"p{pid}"


def to_json(network: Network, history: Sequence[AssessmentChange] = ()) -> bytes:
    """The whole network as UTF-8 JSON; ``relmap.io.importers.json_import`` reads it back unchanged.

    ``history`` (the rating history) goes with it, so that then and now survive a move.
    Ids become stable strings ("p12", "t3", "s2"); dates and times are ISO 8601; a
    position that is not a finite number is written as null.
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": datetime.now().isoformat(timespec="seconds"),
        "spheres": [_sphere(s) for s in sorted(network.spheres.values(), key=lambda s: s.id)],
        "people": [_person(p) for p in sorted(network.people.values(), key=lambda p: p.id)],
        "ties": [_tie(t) for t in sorted(network.ties.values(), key=lambda t: t.id)],
        "goals": [_goal(g) for g in network.goals.values()],
        "interactions": [_interaction(i) for i in network.interactions.values()],
        "exchanges": [_exchange(e) for e in network.exchanges.values()],
        "sessions": [_session(s) for s in network.sessions.values()],
        "removals": [_removal(r) for r in network.removals.values()],
        "history": [{"person": person_id(h.person), "field": h.field.value, "old": h.old,
                     "new": h.new, "at": h.at.isoformat()}
                    for h in history if h.person in network.people],
    }
    try:
        text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escape everything instead
        return json.dumps(document, ensure_ascii=True, indent=1, allow_nan=False).encode()


def _sphere(s: Sphere) -> dict[str, Any]:
    return {"id": f"s{s.id}", "name": s.name, "colour": s.colour, "description": s.description,
            "cadence_days": s.cadence_days, "cadence_max_days": s.cadence_max_days}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _person(p: Person) -> dict[str, Any]:
    return {
        "id": person_id(p.id), "display_name": p.display_name, "given_name": p.given_name,
        "family_name": p.family_name, "organisation": p.organisation, "title": p.title,
        "emails": [{"value": c.value, "label": c.label} for c in p.emails],
        "phones": [{"value": c.value, "label": c.label} for c in p.phones],
        "location": p.location, "industry": p.industry, "url": p.url, "notes": p.notes,
        "how_we_met": p.how_we_met,
        "introduced_by": person_id(p.introduced_by) if p.introduced_by is not None else None,
        "internal": p.internal, "roles": sorted(r.value for r in p.roles),
        "cadence_days": p.cadence_days,
        "cadence_max_days": p.cadence_max_days, "snoozed_until": _day(p.snoozed_until),
        "source": p.source, "x": _finite(p.x),
        "y": _finite(p.y), "pinned": p.pinned, "is_me": p.is_me,
        "spheres": [f"s{s}" for s in sorted(p.spheres)],
        "assessment": {k: getattr(p.assessment, k) for k in ASSESSMENT_KEYS},
        "created": p.created.isoformat(), "updated": p.updated.isoformat(),
    }


def _tie(t: Tie) -> dict[str, Any]:
    return {
        "id": f"t{t.id}", "a": person_id(t.a), "b": person_id(t.b), "kind": t.kind.value,
        "directed": t.directed, "strength": t.strength, "since": _day(t.since),
        "notes": t.notes, "source": t.source,
        "created": t.created.isoformat() if t.created is not None else None,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _goal(g: Goal) -> dict[str, Any]:
    return {"id": f"g{g.id}", "title": g.title, "kind": g.kind.value, "active": g.active,
            "spheres": [f"s{s}" for s in sorted(g.spheres)],
            "people": [person_id(p) for p in sorted(g.people)]}


def _interaction(i: Interaction) -> dict[str, Any]:
    return {"id": f"i{i.id}", "on": i.on.isoformat(), "kind": i.kind.value,
            "summary": i.summary, "quality": i.quality,
            "participants": [person_id(p) for p in sorted(i.participants)]}


def _exchange(e: Exchange) -> dict[str, Any]:
    return {"id": f"e{e.id}", "person": person_id(e.person), "gave": e.gave,
            "kind": e.kind.value, "on": e.on.isoformat(), "note": e.note, "value": e.value}


def _removal(r: Removal) -> dict[str, Any]:
    return {"id": f"r{r.id}", "kind": r.kind.value, "name": r.name,
            "added": r.added.isoformat(), "removed": r.removed.isoformat()}


def _session(s: MentorSession) -> dict[str, Any]:
    return {"id": f"m{s.id}", "on": s.on.isoformat(), "mentor": s.mentor,
            "questions": s.questions, "notes": s.notes,
            "next_steps": [{"text": n.text, "done": n.done} for n in s.next_steps]}
