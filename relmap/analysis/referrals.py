"""How we met: who introduced whom, back to me (the referral tree)."""

from __future__ import annotations

from operator import itemgetter

from relmap.core.ids import PersonId
from relmap.core.network import Network


def introducers(network: Network, person: PersonId) -> list[PersonId]:
    """Who introduced ``person``, who introduced them, and so on: nearest first.

    Stops at someone nobody introduced (or at me), and before a person already listed, so a
    loop in the data ends the chain rather than the program.
    """
    chain: list[PersonId] = []
    seen = {person}
    current = network.people[person].introduced_by
    while current is not None and current not in seen and current in network.people:
        chain.append(current)
        seen.add(current)
        current = network.people[current].introduced_by
    return chain


def introduced(network: Network) -> dict[PersonId, list[PersonId]]:
    """Whom each person introduced to me, by name; computed once per revision."""
    return network.derived("referrals.introduced", _introduced, graph_only=True)


def _introduced(network: Network) -> dict[PersonId, list[PersonId]]:
    found: dict[PersonId, list[PersonId]] = {}
    # Only those someone introduced are sorted: on a large map, most were not.
    introduced = [(p.display_name.casefold(), p.introduced_by, p.id)
                  for p in network.people.values() if p.introduced_by is not None]
    for _, by, pid in sorted(introduced, key=itemgetter(0)):
        found.setdefault(by, []).append(pid)
    return found


def referral_tree(network: Network, person: PersonId) -> frozenset[PersonId]:
    """``person``, the chain that introduced them, and everyone they introduced, directly or
    through others: what the map lights up for "How we met"."""
    children = introduced(network)
    tree = {person, *introducers(network, person)}
    me = network.me
    if me is not None:
        tree.add(me.id)
    todo, below = [person], {person}
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in below:
                below.add(child)
                todo.append(child)
    return frozenset(tree | below)
