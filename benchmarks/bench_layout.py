"""Layout benchmark: relmap's force layout against networkx and igraph on social-shaped graphs.

Targets (docs/architecture.md §6): 1,000 people under 0.3 s; 10,000 and 50,000 in at most 0.8x
igraph Fruchterman-Reingold's time; 100,000 under 15 s and 1 GB; each at normalised stress no
worse than igraph FR's and neighbourhood preservation at least its (5x at 10,000 and more).
Every layout runs in a fresh worker process, so peak memory is the worker's peak resident set
(``VmHWM`` on Linux, else ``ru_maxrss``: the whole process, interpreter and graph included; the
baseline before the layout call is reported too). Anchors that would take longer than ``--cap``
seconds are killed (or skipped when an earlier, smaller run already projects past the cap) and
reported as "> cap". Wall time is the measure: the best of ``--repeat`` runs up to 20,000
nodes, of two below 100,000, with the methods taking turns, so that a busy moment of a shared
machine does not fall on all the runs of one method. CPU time is printed too (relmap's far
field uses every core).

    python benchmarks/bench_layout.py [--sizes 1000,10000,50000,100000] [--cap 60] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from relmap.layout import force_layout, neighborhood_preservation, normalized_stress

RESULTS = Path(__file__).with_name("results") / "layout.json"
TARGETS_S = {1_000: 0.3, 100_000: 15.0}  # 10,000 and 50,000: 0.8x igraph FR's time
METHODS = ("relmap", "relmap-flat", "igraph-fr", "nx-spring", "nx-fa2")
# How each method's time grows with n, to skip runs an earlier size projects past the cap.
GROWTH = {"relmap": 1.1, "relmap-flat": 1.1, "igraph-fr": 1.2, "nx-spring": 2.0, "nx-fa2": 2.0}
REPEAT_UP_TO = 20_000  # larger graphs are laid out twice per method, from 100,000 once
ONCE_FROM = 100_000
DENSE_BYTES = 48  # nx-fa2 holds several n x n x 2 float arrays: skip if they cannot fit


def dc_sbm(n: int, seed: int, *, degree: float = 8.0, mixing: float = 0.2) -> np.ndarray:
    """Degree-corrected stochastic block model: heavy-tailed community sizes and degrees.

    Endpoints are drawn in proportion to Pareto activity weights (degree tail ~ k^-3); a
    tie stays inside the first endpoint's community with probability ``1 - mixing``.
    """
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(min(20 + rng.pareto(1.5) * 30, max(n // 8, 21))))
    sizes[-1] -= sum(sizes) - n
    block = np.repeat(np.arange(len(sizes)), sizes)
    theta = rng.pareto(2.0, n) + 1.0
    cum = np.cumsum(theta)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    before = np.concatenate([[0.0], cum])[starts]
    total = before[1:] - before[:-1]
    draws = int(n * degree / 2 * 1.08)
    u = np.minimum(np.searchsorted(cum, rng.random(draws) * cum[-1]), n - 1)
    inside = rng.random(draws) >= mixing
    b = block[u]
    target = np.where(inside, before[b] + rng.random(draws) * total[b], rng.random(draws) * cum[-1])
    v = np.minimum(np.searchsorted(cum, target), n - 1)
    # Everyone knows at least one person in their own community.
    lonely = np.setdiff1d(np.arange(n), np.concatenate([u, v]))
    w = np.minimum(np.searchsorted(cum, before[block[lonely]] + rng.random(lonely.size)
                                   * total[block[lonely]]), n - 1)
    e = np.concatenate([np.column_stack([u, v]), np.column_stack([lonely, w])])
    e = np.sort(e[e[:, 0] != e[:, 1]], axis=1)
    return np.unique(e, axis=0)


def graphs(sizes: list[int], seed: int, classics: bool) -> list[tuple[str, int, np.ndarray]]:
    """The benchmark graphs as (name, n, edges)."""
    out = []
    for n in sizes:
        out.append((f"sbm-{n}", n, dc_sbm(n, seed)))
        plc = nx.powerlaw_cluster_graph(n, 4, 0.3, seed=seed)
        out.append((f"plc-{n}", n, np.array(plc.edges(), dtype=np.int64)))
    if classics:
        for name, g in (("karate", nx.karate_club_graph()), ("lesmis", nx.les_miserables_graph()),
                        ("florentine", nx.florentine_families_graph()),
                        ("davis", nx.davis_southern_women_graph())):
            g = nx.convert_node_labels_to_integers(g)
            out.append((name, g.number_of_nodes(), np.array(g.edges(), dtype=np.int64)))
    return out


def run_layout(method: str, n: int, edges: np.ndarray, seed: int) -> tuple[np.ndarray, float]:
    """Lay out with ``method``; return positions and the wall time of the layout call."""
    if method.startswith("relmap"):
        pull = 1.0 if method == "relmap-flat" else None  # flat: no community pull
        start = time.perf_counter()
        pos = force_layout(n, edges, seed=seed, communities=pull)
        return pos, time.perf_counter() - start
    if method == "igraph-fr":
        import random

        import igraph

        random.seed(seed)
        igraph.set_random_number_generator(random)
        g = igraph.Graph(n=n, edges=edges.tolist())
        start = time.perf_counter()
        coords = g.layout_fruchterman_reingold().coords
        return np.array(coords, dtype=np.float64), time.perf_counter() - start
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges.tolist())
    start = time.perf_counter()
    if method == "nx-spring":
        layout = nx.spring_layout(g, seed=seed)
    else:
        layout = nx.forceatlas2_layout(g, seed=seed)
    elapsed = time.perf_counter() - start
    return np.array([layout[i] for i in range(n)], dtype=np.float64), elapsed


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux keeps ``ru_maxrss`` across ``exec``, so a worker would report its parent's peak;
    ``VmHWM`` belongs to the new address space and starts afresh. Elsewhere ``ru_maxrss``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(method: str, edge_file: str, n: int, out_file: str, args: argparse.Namespace) -> None:
    """Child process: the best of ``--repeat`` layouts, then a JSON line with its costs."""
    limit = int(args.mem_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    edges = np.load(edge_file)
    base = peak_rss_mb()
    cpu = time.process_time()
    pos, wall = run_layout(method, n, edges, args.seed)
    cpu = time.process_time() - cpu
    peak = peak_rss_mb()
    np.save(out_file, pos)
    print(json.dumps({"time_s": wall, "cpu_s": cpu, "peak_rss_mb": peak, "base_rss_mb": base}))


def rounds(n: int, repeat: int) -> int:
    """How many times each method lays out a graph of ``n`` nodes (the best run counts)."""
    return repeat if n <= REPEAT_UP_TO else 1 if n >= ONCE_FROM else 2


def available(method: str) -> bool:
    """False when an anchor's library is not installed (reported as "n/a")."""
    if method != "igraph-fr":
        return True
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def measure(method: str, name: str, n: int, edges: np.ndarray, args: argparse.Namespace,
            tmp: Path, history: dict[str, tuple[int, float]]) -> dict[str, Any]:
    """Run one layout in a worker (skipped where it would not finish or fit); ``history``
    holds each method's last run. The row has its costs but not yet its scores."""
    row: dict[str, Any] = {"graph": name, "n": n, "m": len(edges), "method": method}
    if not available(method):
        return row | {"status": "n/a"}
    if method == "nx-fa2" and DENSE_BYTES * n * n > args.mem_gb * 2**30:
        return row | {"status": "> cap", "note": f"needs ~{DENSE_BYTES * n * n / 2**30:.0f} GB"}
    if method in history:
        last_n, last_t = history[method]
        guess = last_t * (n / last_n) ** GROWTH[method]
        if last_t > args.cap or guess > 2 * args.cap:
            return row | {"status": "> cap", "note": f"projected {guess:.0f} s"}
    edge_file, out_file = tmp / f"{name}.npy", tmp / f"{name}-{method}.npy"
    if not edge_file.exists():
        np.save(edge_file, edges)
    cmd = [sys.executable, __file__, "--worker", method, str(edge_file), str(n), str(out_file),
           "--seed", str(args.seed), "--mem-gb", str(args.mem_gb)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.cap + 30,
                              check=False)
    except subprocess.TimeoutExpired:
        history[method] = (n, float(args.cap) * 2)
        return row | {"status": "> cap"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return row | {"status": "error", "note": tail[0][:120]}
    costs: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    history[method] = (n, costs["time_s"])
    return row | {"status": "> cap" if costs["time_s"] > args.cap else "ok"} | costs


def measure_graph(name: str, n: int, edges: np.ndarray, args: argparse.Namespace, tmp: Path,
                  history: dict[str, tuple[int, float]]) -> list[dict[str, Any]]:
    """Every method on one graph, in rounds that take the methods in turn, so that a busy
    moment of a shared machine slows one run of each rather than all runs of one method;
    each method's best run counts. Then each layout is scored (every method is seeded: its
    runs give the same positions)."""
    best: dict[str, dict[str, Any]] = {}
    for _ in range(rounds(n, args.repeat)):
        for method in args.methods.split(","):
            if best.get(method, {}).get("status", "ok") != "ok":
                continue  # skipped, failed or past the cap: not run again
            row = measure(method, name, n, edges, args, tmp, history)
            was = best.get(method)
            if was is None or row["status"] != "ok" or row["time_s"] < was["time_s"]:
                best[method] = row
    for method, row in best.items():
        print(f"  {name} {method}: {row['status']}", file=sys.stderr, flush=True)
        if row["status"] == "ok":
            pos = np.load(tmp / f"{name}-{method}.npy")
            row["stress"] = normalized_stress(pos, edges, seed=args.seed)
            row["neighbourhood"] = neighborhood_preservation(pos, edges, max_nodes=n,
                                                             seed=args.seed)
    return list(best.values())


def ratios(rows: list[dict[str, Any]]) -> None:
    """Add relmap ÷ anchor ratios of time, stress and neighbourhood to each anchor row."""
    ours = {r["graph"]: r for r in rows if r["method"] == "relmap" and r["status"] == "ok"}
    for r in rows:
        mine = ours.get(r["graph"])
        if r["method"] == "relmap" or mine is None or r["status"] != "ok":
            continue
        r["relmap_time_ratio"] = mine["time_s"] / max(r["time_s"], 1e-9)
        r["relmap_stress_ratio"] = mine["stress"] / max(r["stress"], 1e-9)
        r["relmap_neighbourhood_ratio"] = mine["neighbourhood"] / max(r["neighbourhood"], 1e-9)


def fmt(value: Any, spec: str) -> str:
    return format(value, spec) if isinstance(value, int | float) else "-"


def print_table(rows: list[dict[str, Any]]) -> None:
    head = (f"{'graph':<12}{'n':>8}{'m':>9}  {'method':<10}{'time s':>8}{'cpu s':>8}"
            f"{'rss MB':>8}{'stress':>8}{'nbhd':>7}   relmap÷anchor: time  stress  nbhd")
    print(head)
    print("-" * len(head))
    for r in rows:
        if r["status"] != "ok":
            note = f" ({r['note']})" if "note" in r else ""
            print(f"{r['graph']:<12}{r['n']:>8}{r['m']:>9}  {r['method']:<10}"
                  f"{r['status']:>8}{note}")
            continue
        line = (f"{r['graph']:<12}{r['n']:>8}{r['m']:>9}  {r['method']:<10}"
                f"{fmt(r['time_s'], '8.3f')}{fmt(r['cpu_s'], '8.2f')}"
                f"{fmt(r['peak_rss_mb'], '8.0f')}{fmt(r['stress'], '8.3f')}"
                f"{fmt(r['neighbourhood'], '7.3f')}")
        if "relmap_time_ratio" in r:
            line += (f"   {r['relmap_time_ratio']:>18.3f}{r['relmap_stress_ratio']:>8.3f}"
                     f"{r['relmap_neighbourhood_ratio']:>6.2f}")
        elif r["method"] == "relmap" and r["n"] in TARGETS_S:
            line += f"   target {TARGETS_S[r['n']]} s"
        print(line)


def versions() -> dict[str, str]:
    import scipy

    out = {"python": platform.python_version(), "numpy": np.__version__,
           "scipy": scipy.__version__, "networkx": nx.__version__}
    try:
        import igraph

        out["igraph"] = igraph.__version__
    except ImportError:
        out["igraph"] = "n/a"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000,100000")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per anchor layout")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--no-classics", action="store_true")
    parser.add_argument("--mem-gb", type=float, default=6.0, help="address-space cap per worker")
    parser.add_argument("--repeat", type=int, default=3,
                        help=f"best of this many runs per layout up to {REPEAT_UP_TO:,} nodes "
                             f"(larger: two, from {ONCE_FROM:,} one)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        method, edge_file, n, out_file = args.worker
        worker(method, edge_file, int(n), out_file, args)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows: list[dict[str, Any]] = []
    history: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, n, edges in graphs(sizes, args.seed, not args.no_classics):
            rows += measure_graph(name, n, edges, args, Path(tmp), history)
    ratios(rows)
    print_table(rows)
    meta = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "machine": platform.machine(), "cap_s": args.cap, "seed": args.seed,
            "memory": "peak RSS of a fresh worker process (VmHWM; ru_maxrss off Linux)",
            "stress": "normalised stress vs hop distances, best uniform scale, 64 BFS sources",
            "neighbourhood": "share of graph neighbours among the degree-many nearest nodes",
            "targets_s": TARGETS_S, "versions": versions()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
