"""A Kumu blueprint (JSON): the map as Kumu imports it, so it can go to Kumu and back.

Each person is an element with a unique label (Kumu joins connections to elements by
label), ``Person`` as its type (the map's owner also has ``me: yes``), their spheres as tags
and their notes as its description;
the other fields and the four ratings are element fields Kumu can size and colour by. Each
tie is a connection with its kind as type, its direction and its strength.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from relmap.core.ids import PersonId
from relmap.core.model import Person, Tie
from relmap.core.network import Network


def to_kumu(network: Network) -> bytes:
    labels = _labels(network)
    blueprint = {
        "elements": [_element(p, labels[p.id], network)
                     for p in sorted(network.people.values(), key=lambda p: p.id)],
        "connections": [_connection(t, labels)
                        for t in sorted(network.ties.values(), key=lambda t: t.id)],
    }
    return json.dumps(blueprint, ensure_ascii=False, indent=1).encode("utf-8")


def _labels(network: Network) -> dict[PersonId, str]:
    """Each person's label, unique: a name shared by several gets their organisation, then a
    number."""
    names = Counter(p.display_name.casefold() for p in network.people.values())
    labels: dict[PersonId, str] = {}
    taken: set[str] = set()
    for p in sorted(network.people.values(), key=lambda p: p.id):
        label = p.display_name
        if names[label.casefold()] > 1 and p.organisation:
            label = f"{label} ({p.organisation})"
        n, base = 1, label
        while label.casefold() in taken:
            n += 1
            label = f"{base} ({n})"
        taken.add(label.casefold())
        labels[p.id] = label
    return labels


def _element(p: Person, label: str, network: Network) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "label": label, "type": "Person", "me": "yes" if p.is_me else "",
        "tags": [network.spheres[s].name for s in sorted(p.spheres) if s in network.spheres],
        "description": p.notes, "organization": p.organisation, "title": p.title,
        "email": " | ".join(e.value for e in p.emails),
        "phone": " | ".join(f.value for f in p.phones), "website": p.url,
        "location": p.location, "industry": p.industry,
        "role": " | ".join(sorted(r.value for r in p.roles)),
        "trust given": p.assessment.trust_given, "trust received": p.assessment.trust_received,
        "quality": p.assessment.quality, "relevance": p.assessment.relevance,
    }
    return {k: v for k, v in fields.items() if v not in ("", None, [])}


def _connection(t: Tie, labels: dict[PersonId, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "from": labels[t.a], "to": labels[t.b], "type": t.kind.value,
        "direction": "directed" if t.directed else "undirected", "strength": t.strength,
        "description": t.notes,
    }
    return {k: v for k, v in fields.items() if v not in ("", None)}
