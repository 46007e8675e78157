"""Networks built from the classic graphs networkx ships, with me tied to everyone."""

from __future__ import annotations

import networkx as nx

from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie, TieKind
from relmap.core.network import Network

ME = PersonId(1_000_000_000)


def network_of(graph: nx.Graph, *, names: dict[int, str] | None = None) -> Network:
    """Node i becomes person i + 1 (named ``names[i]``); every node is also tied to me."""
    people = [Person(ME, "Me", is_me=True)]
    people += [Person(PersonId(i + 1), (names or {}).get(i, f"P{i}")) for i in graph.nodes]
    ties = [Tie(TieId(k + 1), PersonId(a + 1), PersonId(b + 1), kind=TieKind.COLLEAGUE)
            for k, (a, b) in enumerate(graph.edges)]
    start = len(ties) + 1
    ties += [Tie(TieId(start + i), ME, PersonId(n + 1)) for i, n in enumerate(graph.nodes)]
    return Network(people={p.id: p for p in people}, ties={t.id: t for t in ties})


def relabelled(graph: nx.Graph) -> tuple[nx.Graph, dict[int, str]]:
    """``graph`` on 0..n-1 and the original node names."""
    names = dict(enumerate(graph.nodes))
    return nx.relabel_nodes(graph, {v: k for k, v in names.items()}), names
