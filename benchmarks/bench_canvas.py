"""Canvas benchmark: open a large map to the first frame, and the cost of one drag frame.

Targets (DESIGN §5): first frame of a 10,000-person map under 2 s; a drag frame under 16 ms.
The reference measured in the same run is a naive drag that redraws every node and edge per
frame (what the canvas would cost without its cached layers).

    python benchmarks/bench_canvas.py [--people 10000] [--frames 60]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from relmap.commands.demo import write_demo
from relmap.document.document import Document
from relmap.ui.main_window import MainWindow

RESULTS = Path(__file__).with_name("results") / "canvas.json"


def first_frame(db: Path, app: QApplication) -> tuple[float, float, MainWindow]:
    start = time.perf_counter()
    document = Document.open(db)
    loaded = time.perf_counter() - start
    window = MainWindow(
        document, QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    )
    window.resize(1600, 1000)
    window.show()
    window.canvas.viewport().repaint()
    app.processEvents()
    return loaded, time.perf_counter() - start, window


def drag_frames(window: MainWindow, frames: int, *, naive: bool) -> list[float]:
    canvas = window.canvas
    row = int(np.argmax(np.bincount(canvas.edge_rows.ravel())))  # the busiest node
    anchor = canvas.pos[row].copy()
    canvas._drag_start(row)
    times = []
    for i in range(frames):
        target = anchor + np.array([3.0 * i, 2.0 * i])
        t = time.perf_counter()
        canvas._drag_move(target)
        if naive:
            canvas._draw()
        canvas.viewport().repaint()
        times.append(time.perf_counter() - t)
    canvas._drag_rows = np.empty(0, dtype=int)
    canvas._draw()
    return times[3:]  # the first frames fill caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        write_demo(db, people=args.people, seed=1)
        took = time.perf_counter() - t
        print(f"demo map of {args.people} people written and laid out in {took:.1f} s")
        loaded, first, window = first_frame(db, app)
        ours = drag_frames(window, args.frames, naive=False)
        naive = drag_frames(window, args.frames // 3 + 3, naive=True)
        window.close()
        window.document.close()
    result = {
        "people": args.people,
        "load_s": round(loaded, 3),
        "first_frame_s": round(first, 3),
        "first_frame_target_s": 2.0,
        "drag_frame_ms_median": round(1000 * statistics.median(ours), 2),
        "drag_frame_ms_p95": round(1000 * float(np.percentile(ours, 95)), 2),
        "naive_frame_ms_median": round(1000 * statistics.median(naive), 2),
        "drag_frame_target_ms": 16.0,
    }
    print(f"{'measure':<28}{'value':>10}{'target':>10}{'ratio':>8}")
    print(f"{'first frame (s)':<28}{first:>10.2f}{2.0:>10.2f}{first / 2.0:>8.2f}")
    med = result["drag_frame_ms_median"]
    print(f"{'drag frame median (ms)':<28}{med:>10.2f}{16.0:>10.2f}{med / 16.0:>8.2f}")
    print(f"{'drag frame p95 (ms)':<28}{result['drag_frame_ms_p95']:>10.2f}")
    naive_med = result["naive_frame_ms_median"]
    print(f"{'naive full redraw (ms)':<28}{naive_med:>10.2f}{'':>10}{naive_med / med:>7.1f}x")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
