"""Insight benchmark: every measure of relmap.analysis on a social-shaped map, next to
networkx (and igraph where it has the measure) on the same graph, in the same run.

Target (docs/architecture.md §6): all measures of 10,000 people and 50,000 ties under 2 s, a
warm-path query under 50 ms. networkx runs are capped: a measure it takes longer than ``--cap``
seconds for is stopped and reported as "> cap" (betweenness is sampled with the same number
of sources relmap uses).

    python benchmarks/bench_analysis.py [--people 10000] [--seed 1] [--cap 60]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from relmap.analysis import measures as m
from relmap.analysis.graph import graph_view
from relmap.analysis.influence import influence
from relmap.analysis.summary import summary
from relmap.analysis.warm_paths import warm_paths
from relmap.app import WINDOW_SWITCH_S
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie
from relmap.core.network import Network

RESULTS = Path(__file__).with_name("results") / "analysis.json"
sys.setswitchinterval(WINDOW_SWITCH_S)  # as the app does
ME = PersonId(10**9)


def social_map(people: int, seed: int) -> tuple[Network, nx.Graph]:
    """A power-law cluster graph of ``people`` contacts (5 ties each on joining), all tied to me."""
    graph = nx.powerlaw_cluster_graph(people, 5, 0.3, seed=seed)
    rng = np.random.default_rng(seed)
    persons = [Person(ME, "Me", is_me=True)]
    persons += [Person(PersonId(i + 1), f"P{i}") for i in graph.nodes]
    ties = [Tie(TieId(k + 1), PersonId(a + 1), PersonId(b + 1), strength=int(rng.integers(1, 6)))
            for k, (a, b) in enumerate(graph.edges)]
    ties += [Tie(TieId(len(ties) + 1 + i), ME, PersonId(i + 1)) for i in graph.nodes]
    return Network(people={p.id: p for p in persons}, ties={t.id: t for t in ties}), graph


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _all_measures(network: Network) -> Callable[[], object]:
    """Every measure of a fresh copy of ``network``, with everyone's influence score (put in
    words for the fifteen the Insight tab lists) and the summary."""
    fresh = Network(people=dict(network.people), ties=dict(network.ties))
    return lambda: (m.measures(fresh), influence(fresh, top=15), summary(fresh))


def longest_wait(work: Callable[[], object]) -> float:
    """The longest a thread beside ``work`` waited for its turn, as the window waits while
    the insight measures run beside it (seconds): a long call that keeps the interpreter to
    itself shows here."""
    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    longest, last = 0.0, time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    thread.join()
    return longest


def _capped(kind: str, cap: float) -> float | None:
    """Seconds networkx takes for ``kind`` in a child process, or None past ``cap``."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_networkx, (kind,))
        try:
            return float(pending.get(timeout=cap))
        except multiprocessing.TimeoutError:
            print(f"  networkx {kind}: > {cap:.0f} s, stopped")
            return None
        except MemoryError as exc:  # a dense n × n array on a large map
            print(f"  networkx {kind}: out of memory ({exc})")
            return None


_GRAPH: nx.Graph | None = None  # set before forking, read by the children


def _networkx(kind: str) -> float:
    g = _GRAPH
    assert g is not None
    start = time.perf_counter()
    if kind == "betweenness":
        nx.betweenness_centrality(g, k=min(m.SAMPLED_SOURCES, len(g)), seed=0)
    elif kind == "pagerank":
        nx.pagerank(g)
    elif kind == "brokerage":
        nx.effective_size(g)
        nx.constraint(g)
    else:
        nx.community.louvain_communities(g, seed=0)
    return time.perf_counter() - start


def main() -> None:
    global _GRAPH
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap", type=float, default=60.0)
    args = parser.parse_args()
    network, graph = social_map(args.people, args.seed)
    _GRAPH = graph
    print(f"{args.people:,} people, {graph.number_of_edges():,} ties between them")
    view = graph_view(network)
    binary, weighted = m.contact_graph(view)
    rng = np.random.default_rng(0)
    ours = {
        "betweenness": _timed(lambda: m.betweenness_centrality(binary, rng=rng, skip=view.me)),
        "pagerank": _timed(lambda: m.pagerank(weighted, skip=view.me)),
        "brokerage": _timed(lambda: m.brokerage(binary, weighted)),
        "communities": _timed(lambda: m.communities(view, weighted, seed=0)),
    }
    ours["reach in two steps"] = _timed(lambda: m.reach_in_two(binary, skip=view.me))
    everything = _timed(_all_measures(network))
    waited = longest_wait(_all_measures(network))
    goal = frozenset({PersonId(args.people)})
    cold = _timed(lambda: warm_paths(network, goal))  # builds what later queries share
    paths = min(_timed(lambda: warm_paths(network, goal)) for _ in range(5))
    anchors = {kind: _capped(kind, args.cap)
               for kind in ("betweenness", "pagerank", "brokerage", "communities")}
    print(f"{'measure':<22}{'relmap s':>10}{'networkx s':>12}{'ratio':>8}")
    for name, seconds in ours.items():
        other = anchors.get(name)
        shown = "-" if name not in anchors else "> cap" if other is None else f"{other:.2f}"
        ratio = f"{seconds / other:.2f}" if other else "-"
        print(f"{name:<22}{seconds:>10.3f}{shown:>12}{ratio:>8}")
    print(f"{'all, with influence':<22}{everything:>10.3f}{'':>12}{'':>8}  target 2 s")
    print(f"{'  longest wait beside':<22}{waited:>10.3f}")
    print(f"{'first warm-path query':<22}{cold:>10.4f}")
    print(f"{'warm-path query':<22}{paths:>10.4f}{'':>12}{'':>8}  target 0.05 s")
    result: dict[str, Any] = {"people": args.people, "ties": graph.number_of_edges(),
                              "relmap_s": ours, "networkx_s": anchors, "all_s": everything,
                              "longest_wait_beside_s": waited,
                              "first_warm_path_s": cold, "warm_path_s": paths}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
