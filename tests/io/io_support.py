"""Helpers of the io tests: fixture paths, parse-plan-resolve in one call, exact counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.io.formats import parse_file
from relmap.io.options import ParseOptions
from relmap.io.pipeline.matching import build_plan
from relmap.io.pipeline.plan import Decision, ParsedFile
from relmap.io.pipeline.resolve import Resolution, resolve

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2024, 3, 12)


def parse(fmt: str, name: str | Path, **options: object) -> ParsedFile:
    """Parse a fixture (a name under tests/data, or a path) dated 12 Mar 2024."""
    path = name if isinstance(name, Path) else DATA / name
    parsed = parse_file(fmt, path, ParseOptions(today=TODAY, **options))  # type: ignore[arg-type]
    assert parsed.records == len(parsed.people) + len(parsed.skipped)
    return parsed


def plan(
    parsed: ParsedFile, network: Network, decisions: Mapping[str, Decision] | None = None
) -> Resolution:
    """Match and resolve; check that every record and every tie is counted exactly once."""
    resolution = resolve(build_plan(parsed, network), network, decisions)
    counts = resolution.counts
    assert counts.people.total == counts.records == parsed.records
    assert counts.ties.total == counts.tie_records == parsed.tie_records
    return resolution


def map_with_me(name: str = "Me") -> Network:
    """A map holding only its owner."""
    network = Network()
    network.people[PersonId(1)] = Person(PersonId(1), name, is_me=True, x=0.0, y=0.0,
                                         pinned=True)
    return network


def by_name(network: Network, name: str) -> Person:
    """The one person called ``name``."""
    found = [p for p in network.people.values() if p.display_name == name]
    assert len(found) == 1, f"{len(found)} people called {name}"
    return found[0]


def sphere_names(network: Network, person: Person) -> set[str]:
    return {network.spheres[s].name for s in person.spheres}
