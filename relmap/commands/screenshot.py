"""``relmap screenshot``: render the main window on a map to a PNG (for documentation)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from relmap.commands.common import add_db_argument, db_target, require_db
from relmap.core.errors import KnownError

NAME = "screenshot"
HELP = "render the main window on a map to a PNG file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--size", default="1400x900", help="window size, e.g. 1400x900")
    parser.add_argument("--select", metavar="NAME", help="select this person first")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise KnownError(f"--size must look like 1400x900, not {text!r}") from exc
    return width, height


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from relmap.document.document import Document
    from relmap.ui.main_window import MainWindow

    width, height = _size(args.size)
    require_db(args)
    app = QApplication.instance() or QApplication([])
    document = Document.open(db_target(args))
    document.place_unplaced()
    # A throwaway settings file: the shot never depends on, or changes, the user's layout.
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(document, settings)
        window.resize(width, height)
        window.show()
        app.processEvents()
        window.canvas.fit()
        if args.select:
            found = [
                p.id for p in document.network.people.values() if p.display_name == args.select
            ]
            if not found:
                raise KnownError(f"nobody called {args.select!r} on this map")
            window.canvas.select(frozenset(found[:1]))
        for _ in range(5):
            app.processEvents()
        saved = window.grab().save(str(args.out))
        window.close()
    document.close()
    if not saved:
        raise KnownError(f"cannot write {args.out}")
    print(f"wrote {args.out}")
    return 0
