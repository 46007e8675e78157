"""Map export benchmark: PNG of 1,000 people at 4000×3000 and 10,000 people on A3 at 300 dpi.

Target (docs/architecture.md §6): 1,000 people at 4000×3000 under 1.5 s, end to end (scene,
label placement, painting, PNG encoding, atomic write). The anchor measured in the same run is
the floor: a blank image of the same size encoded and written the same way. The 10,000-person A3
map is also written as PDF (vector) to show the cost of the other writers.

    python benchmarks/bench_export.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from relmap.core.network import Network
from relmap.document.demo import write_demo
from relmap.render.export import export_map
from relmap.render.headless import ensure_gui_app
from relmap.render.options import MapOptions, PageSpec, Paper, Redaction
from relmap.render.plan import prepare_map
from relmap.render.writers import MapFormat, atomic_write, render_image, save_png, write_png
from relmap.store.repository import Repository

RESULTS = Path(__file__).with_name("results") / "export.json"
TARGET_S = 1.5
CASES = (
    ("1k_4000x3000_png", 1_000, PageSpec.pixels(4000, 3000), MapFormat.PNG, TARGET_S),
    ("10k_A3_300dpi_png", 10_000, PageSpec.paper(Paper.A3, dpi=300, landscape=True),
     MapFormat.PNG, None),
    ("10k_A3_300dpi_pdf", 10_000, PageSpec.paper(Paper.A3, dpi=300, landscape=True),
     MapFormat.PDF, None),
)
OPTIONS = MapOptions(redaction=Redaction.INITIALS)


def load(folder: Path, people: int) -> Network:
    db = folder / f"demo{people}.db"
    if not db.exists():
        start = time.perf_counter()
        write_demo(db, people=people, seed=1)
        print(f"demo map of {people:,} people written in {time.perf_counter() - start:.1f} s")
    with Repository(db) as repository:
        return repository.load()


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` runs (CPU time is what a shared,
    busy machine does not inflate)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def stages(net: Network, page: PageSpec, out: Path) -> dict[str, float]:
    """One run split into its stages: prepare (scene + labels), paint, encode + write."""
    start = time.perf_counter()
    plan = prepare_map(net, OPTIONS, page)
    prepared = time.perf_counter()
    image = render_image(plan)
    painted = time.perf_counter()
    atomic_write(out, lambda temp: save_png(image, temp, title=plan.title))
    written = time.perf_counter()
    return {
        "prepare_s": round(prepared - start, 3), "paint_s": round(painted - prepared, 3),
        "encode_write_s": round(written - painted, 3), "labels": len(plan.geometry.labels),
    }


def blank_png(page: PageSpec, out: Path) -> None:
    empty = prepare_map(Network(), OPTIONS, page)
    atomic_write(out, lambda temp: write_png(empty, temp))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = ensure_gui_app()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, people, page, fmt, target in CASES:
            net = load(folder, people)
            out = folder / f"{name}.{fmt.value}"
            total, cpu = timed(
                lambda: export_map(net, out, fmt, options=OPTIONS, page=page),  # noqa: B023
                args.repeat)
            floor, _ = timed(lambda: blank_png(page, folder / "blank.png"), args.repeat)  # noqa: B023
            row = {
                "case": name, "people": len(net.people), "ties": len(net.ties),
                "pixels": f"{page.width_px}x{page.height_px}", "dpi": page.dpi,
                "format": fmt.value, "total_s": round(total, 3), "cpu_s": round(cpu, 3),
                "blank_png_anchor_s": round(floor, 3), "target_s": target,
                "bytes": out.stat().st_size,
            }
            if fmt is MapFormat.PNG:
                row |= stages(net, page, folder / "stages.png")
            results.append(row)
    del app
    print(f"{'case':<22}{'people':>8}{'total s':>9}{'cpu s':>7}{'target':>8}{'ratio':>7}"
          f"{'blank s':>9}{'labels':>8}")
    for r in results:
        target = r["target_s"]
        ratio = f"{r['total_s'] / target:.2f}" if target else "-"
        print(f"{r['case']:<22}{r['people']:>8,}{r['total_s']:>9.2f}{r['cpu_s']:>7.2f}"
              f"{target or '-':>8}{ratio:>7}{r['blank_png_anchor_s']:>9.2f}"
              f"{r.get('labels', '-'):>8}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
