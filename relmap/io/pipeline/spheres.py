"""Spheres an import needs: reuse those of the same name (any case), add the others."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from relmap.core.edits import AddSphere
from relmap.core.ids import SphereId
from relmap.core.model import Sphere
from relmap.core.network import SPHERE, Network
from relmap.io.pipeline.plan import SphereDraft
from relmap.style import next_sphere_colour

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_SPHERE_NAME = 200  # the database column's width


@dataclass
class SpherePlan:
    """Sphere ids by folded name (existing and new) and the edits that add the new ones."""

    ids: dict[str, SphereId] = field(default_factory=dict)
    edits: list[AddSphere] = field(default_factory=list)

    @property
    def new(self) -> int:
        return len(self.edits)


def plan_spheres(
    drafts: Iterable[SphereDraft], names: Iterable[str], network: Network
) -> SpherePlan:
    """Map every sphere name an import uses to an id, adding spheres the map lacks.

    Parameters
    ----------
    drafts
        Spheres the file defines (with colours, descriptions, preferred ids).
    names
        Sphere names people of the import belong to.
    network
        The map; existing spheres are matched by name, ignoring case.
    """
    plan = SpherePlan({s.name.casefold(): s.id for s in network.spheres.values()})
    wanted: dict[str, SphereDraft] = {}
    for draft in [*drafts, *(SphereDraft(n) for n in names)]:
        folded = draft.name.casefold()
        if draft.name.strip() and folded not in plan.ids and folded not in wanted:
            wanted[folded] = draft
    ids = _ids([d.preferred_id for d in wanted.values()], network)
    used = [s.colour for s in network.spheres.values()]
    for (folded, draft), sid in zip(wanted.items(), ids, strict=True):
        colour = draft.colour if draft.colour and _COLOUR.match(draft.colour) else None
        colour = colour or next_sphere_colour(used)
        used.append(colour)
        plan.ids[folded] = sid
        plan.edits.append(AddSphere(Sphere(sid, draft.name, colour, draft.description,
                                           draft.cadence_days, draft.cadence_max_days)))
    return plan


def _ids(preferred: list[int | None], network: Network) -> list[SphereId]:
    free = all(p is not None and SphereId(p) not in network.spheres for p in preferred)
    if free and len(set(preferred)) == len(preferred):
        return [SphereId(p or 0) for p in preferred]
    return list(map(SphereId, network.new_ids(SPHERE, len(preferred))))
