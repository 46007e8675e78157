"""Finding a sphere or a person on the map by the name a user typed, and naming people in a
list so that two of one name are told apart."""

from __future__ import annotations

from collections.abc import Sequence

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import Network


def find_sphere(network: Network, name: str) -> SphereId:
    """The sphere called ``name`` (case does not matter), or a KnownError listing the names."""
    wanted = name.strip().casefold()
    for sphere in network.spheres.values():
        if sphere.name.casefold() == wanted:
            return sphere.id
    known = ", ".join(sorted(s.name for s in network.spheres.values())) or "none"
    raise KnownError(
        tr("unknown sphere '{name}' (spheres: {known})").format(name=name, known=known)
    )


def find_person(network: Network, name: str) -> PersonId:
    """The one person whose name is ``name``, or else the one whose name contains it."""
    wanted = name.strip().casefold()
    if not wanted:
        raise KnownError(tr("give a name to focus on"))
    exact = [p.id for p in network.people.values() if p.display_name.casefold() == wanted]
    matches = exact or [
        p.id for p in network.people.values() if wanted in p.display_name.casefold()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise KnownError(tr("nobody on the map is called '{name}'").format(name=name))
    raise KnownError(
        tr("{n_matches} people match '{name}'; give the full name").format(
            n_matches=len(matches), name=name
        )
    )


def names_apart(network: Network, listed: Sequence[PersonId]) -> dict[PersonId, str]:
    """Each of ``listed`` by name, with their organisation where two of them share a name."""
    names = {pid: network.people[pid].display_name for pid in listed}
    seen = list(names.values())
    shared = {name for name in seen if seen.count(name) > 1}
    return {pid: f"{name} ({org})"
            if name in shared and (org := network.people[pid].organisation) else name
            for pid, name in names.items()}
