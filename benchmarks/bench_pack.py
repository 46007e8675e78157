"""Mentor session pack benchmark: the whole pack (map page, five text pages, then and now)
of a 10,000-person demo map with its year of contacts, next to the map alone exported as a
PDF of the same page (``relmap export pdf``), in the same run.

Target (docs/mentoring.md): the pack of 10,000 people in under 5 s.

    python benchmarks/bench_pack.py [--people 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from relmap.core.demo import demo_history, demo_log, demo_network
from relmap.core.edits import MoveNodes
from relmap.document.placement import placements
from relmap.render.export import export_map
from relmap.render.headless import ensure_gui_app
from relmap.render.options import MapOptions, PageSpec, Paper
from relmap.render.pack import PDF_DPI, PackOptions, write_pack
from relmap.render.writers import MapFormat

TODAY = date(2026, 12, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    app = ensure_gui_app()
    network = demo_network(people=args.people, seed=args.seed)
    demo_log(network, today=TODAY, seed=args.seed)
    network.apply(MoveNodes(placements(network, seed=args.seed)))
    history = demo_history(network, seed=args.seed, today=TODAY)
    print(f"{len(network.people):,} people, {len(network.ties):,} ties, "
          f"{len(network.interactions):,} interactions, {len(history):,} rating changes")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        export_map(network, Path(folder) / "map.pdf", MapFormat.PDF,
                   options=MapOptions(today=TODAY), page=PageSpec.paper(Paper.A4, dpi=PDF_DPI))
        alone = time.perf_counter() - start
        network = network.copy()  # nothing measured for the map is reused by the pack
        start = time.perf_counter()
        result = write_pack(network, history, Path(folder) / "pack.pdf",
                            PackOptions(today=TODAY))
        pack = time.perf_counter() - start
    print(f"map alone, PDF:      {alone:6.2f} s")
    print(f"pack, {result.pages} pages:      {pack:6.2f} s  ({pack / alone:.1f}× the map alone; "
          f"target under 5 s)")
    del app


if __name__ == "__main__":
    main()
