"""Fixtures for the renderer tests: a laid-out demo network with private details filled in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from relmap.core.model import ContactPoint
from relmap.core.network import Network
from relmap.render.headless import ensure_gui_app
from relmap.store.repository import Repository


@pytest.fixture
def gui(qapp: object) -> object:
    """A Q(Gui)Application for fonts and painting (pytest-qt's, offscreen)."""
    return ensure_gui_app()


@pytest.fixture
def network(demo_db: Path) -> Network:
    """The 60-person demo map, with an email, a URL and a private note on everyone."""
    with Repository(demo_db) as repository:
        net = repository.load()
    for pid, person in list(net.people.items()):
        slug = person.display_name.lower().replace(" ", ".").replace("'", "")
        net.people[pid] = replace(
            person, emails=(ContactPoint(f"{slug}@example.org", "work"),),
            url=f"https://profiles.example.org/{slug}", notes=f"Private note about {slug}",
        )
    return net


def private_strings(net: Network) -> list[str]:
    """Names, emails, organisations, URLs and notes that a redacted export must not hold."""
    found: set[str] = set()
    for p in net.people.values():
        found.update({p.display_name, p.organisation, p.url, p.notes, p.family_name})
        found.update(e.value for e in p.emails)
    return sorted(s for s in found if len(s) >= 4)
