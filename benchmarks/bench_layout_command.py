"""``relmap layout`` benchmark: the whole command next to the layout alone, and where the
rest of its time goes.

Target (docs/architecture.md §6): on a 10,000-person map, the whole command within 0.5 s of
the layout itself. "The layout itself" is a process of its own that imports what the layout
uses (numpy, scipy, igraph) and lays out the same arrays: the command's extra time is what it
costs to start, import the store, read the map, prepare the arrays and write the positions.

    python benchmarks/bench_layout_command.py [--people 10000] [--db MAP] [--repeat 3]

The map is copied before every run, so that each run writes every position. A third process
runs the command's steps one after another and times each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

TARGET_S = 0.5
RESULTS = Path(__file__).with_name("results") / "layout_command.json"

# The layout alone: the arrays the command would lay out, read from an .npz file, laid out in
# a fresh interpreter. Its clock starts before the imports, as the command's does.
LAYOUT_ALONE = """
import time
start = time.perf_counter()
import sys
import numpy as np
from relmap.layout import force_layout
data = np.load(sys.argv[1])
groups = [data[k] for k in data.files if k.startswith("members")]
force_layout(int(data["n"]), data["edges"], weights=data["weights"], pos=data["pos"],
             fixed=data["fixed"], sizes=data["sizes"], groups=groups,
             group_weight=float(data["group_weight"]), seed=0, incremental=False)
print(time.perf_counter() - start)
"""

# The command's steps, each timed (the same calls as relmap/commands/layout.py).
STEPS = """
import time
marks = [("start", time.perf_counter())]
import json, sys
from relmap.store.database import Database
from relmap.store.positions import read_graph, write_positions
marks.append(("import the store", time.perf_counter()))
from relmap.core.bulk import bulk_objects
from relmap.document.placement import compute_layout, layout_input_of, moves_from
marks.append(("import the layout", time.perf_counter()))
with Database(sys.argv[1]) as db:
    with bulk_objects():
        read = read_graph(db)
        marks.append(("read the map", time.perf_counter()))
        data = layout_input_of(read, fresh=True)
        marks.append(("prepare the arrays", time.perf_counter()))
    out = compute_layout(data, seed=0)
    marks.append(("lay out", time.perf_counter()))
    moves = moves_from(data, out)
    with bulk_objects():
        write_positions(db, read, {pid: (m.x, m.y) for pid, m in moves.items()}, "Auto layout")
    marks.append(("write the positions", time.perf_counter()))
print(json.dumps([(label, t - marks[i][1]) for i, (label, t) in enumerate(marks[1:])]))
"""

SAVE_INPUT = """
import sys
import numpy as np
from relmap.document.placement import GROUP_WEIGHT, layout_input_of
from relmap.store.database import Database
from relmap.store.positions import read_graph
data = layout_input_of(read_graph(Database(sys.argv[1])), fresh=True)
np.savez(sys.argv[2], n=len(data.ids), edges=data.edges, weights=data.weights, pos=data.pos,
         fixed=data.fixed, sizes=data.sizes, group_weight=GROUP_WEIGHT,
         **{f"members{i}": g for i, g in enumerate(data.groups)})
"""


def python(*args: str) -> tuple[float, str]:
    """Run Python with ``args``; (wall time of the process, what it printed)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def best(runs: int, run: Callable[[], float]) -> float:
    return min(run() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="an existing map instead of a new demo map")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.db or Path(tmp) / "demo.db"
        if args.db is None:
            subprocess.run([sys.executable, "-m", "relmap", "demo", "--db", str(source),
                            "--people", str(args.people)], check=True, capture_output=True)
        work = Path(tmp) / "work.db"

        def fresh_copy() -> str:
            shutil.copyfile(source, work)
            return str(work)

        arrays = str(Path(tmp) / "input.npz")
        python("-c", SAVE_INPUT, fresh_copy(), arrays)
        command = best(args.repeat, lambda: python("-m", "relmap", "layout", "--db",
                                                   fresh_copy())[0])
        alone = best(args.repeat, lambda: python("-c", LAYOUT_ALONE, arrays)[0])
        steps = min((json.loads(python("-c", STEPS, fresh_copy())[1])
                     for _ in range(args.repeat)), key=lambda s: sum(t for _, t in s))
    extra = command - alone
    print(f"{'':<34}{'seconds':>10}")
    print(f"{'relmap layout, whole command':<34}{command:>10.2f}")
    print(f"{'the layout alone, own process':<34}{alone:>10.2f}")
    print(f"{'the command beyond the layout':<34}{extra:>10.2f}   target {TARGET_S:.2f}"
          f"   ratio {command / alone:.2f}")
    print("\nthe command's steps, in one process (best of the runs):")
    for label, took in steps:
        print(f"  {label:<32}{took:>10.2f}")
    RESULTS.write_text(json.dumps({
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "map": str(args.db or
        f"demo of {args.people} people"), "command_s": command, "layout_alone_s": alone,
        "extra_s": extra, "target_extra_s": TARGET_S, "steps_s": dict(steps)}, indent=2) + "\n")
    print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main()
