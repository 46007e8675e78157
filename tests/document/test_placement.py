"""Where people without a position are put: near those they know and those they work with."""

from __future__ import annotations

import numpy as np

from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie
from relmap.core.network import Network
from relmap.document.placement import placements


def test_newcomers_tied_only_to_me_land_by_their_colleagues() -> None:
    """A LinkedIn import: each new person is tied to me alone; their organisation (even
    written "Acme Inc") draws them to the Acme people already on the map."""
    me = Person(PersonId(1), "Me", is_me=True, x=0.0, y=0.0, pinned=True)
    people, ties = [me], []
    centres = {"Acme": (400.0, 300.0), "Globex": (-400.0, -300.0)}
    for org, (cx, cy) in centres.items():
        for k in range(6):
            pid = PersonId(len(people) + 1)
            people.append(Person(pid, f"{org} {k}", organisation=org, x=cx + 20 * k,
                                 y=cy + 15 * (k % 2)))
            ties.append(Tie(TieId(pid), me.id, pid))
    newcomers = []
    for k, org in enumerate(("Acme Inc", "Acme", "Acme", "ACME")):
        pid = PersonId(len(people) + 1)
        people.append(Person(pid, f"Newcomer {k}", organisation=org))
        ties.append(Tie(TieId(pid), me.id, pid))
        newcomers.append(pid)
    network = Network(people={p.id: p for p in people}, ties={t.id: t for t in ties})
    moves = placements(network, seed=1)
    assert set(moves) == set(newcomers)
    acme = np.array([(p.x or 0.0, p.y or 0.0) for p in people[1:7]]).mean(axis=0)
    globex = np.array([(p.x or 0.0, p.y or 0.0) for p in people[7:13]]).mean(axis=0)
    for pid in newcomers:
        at = np.array([moves[pid].x, moves[pid].y])
        assert np.linalg.norm(at - acme) < np.linalg.norm(at - globex), network.people[pid]
