"""Composition root: parse the command line, then run a subcommand or open the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from relmap.cli import parse, run_command
from relmap.core.errors import KnownError

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from relmap.document.document import Document

# How long a worker thread (the log being read, the insight measures, a layout) keeps the
# interpreter from the window's thread before it must hand it over: Python's 5 ms, paid at
# each of the window's many calls into Qt, made a drag begun while a large map is measured
# start 15-55 ms later, and the window's longest pause while a log of a million contacts is
# read 0.1-0.3 s longer (benchmarks/bench_canvas.py, 100,000 people).
WINDOW_SWITCH_S = 0.0005


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    args = parse(argv)
    if args.command:
        return run_command(args)
    try:
        return run_gui(args.db, demo=args.demo)
    except KnownError as exc:
        print(f"relmap: {exc}", file=sys.stderr)
        return 1


def run_gui(db: str | None, *, demo: bool = False) -> int:
    """Open the main window on ``db`` (or the demo map) and run the event loop."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from relmap.ui.language import install_language

    if (problem := _no_display()) and not QApplication.instance():
        raise KnownError(problem)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("relmap")
    app.setOrganizationName("relmap")
    QApplication.setDesktopFileName("io.github.relmap.Relmap")  # packaging/linux: menu entry
    install_language(app, QSettings())  # before the window's modules make their words

    # What opening a map needs, and no more: a large map's sketch is on screen before the
    # window's modules, the layout engine and the importers are imported.
    from relmap.document.document import open_document
    from relmap.store.engine import default_db_path
    from relmap.ui.crash import install_crash_handler
    from relmap.ui.dialogs.damaged_dialog import ask_what_to_open
    from relmap.ui.maps_menu import Opening, remember_map

    if demo:
        from relmap.document.demo import demo_map  # written laid out on first use

        target: str | Path = demo_map()
    else:
        target = db or default_db_path()
    install_crash_handler()
    sys.setswitchinterval(WINDOW_SWITCH_S)
    with Opening(target) as opening:
        document = open_document(target, ask=ask_what_to_open, progress=opening,
                                 sketch=opening.sketch)
        if document is None:
            return 1
        _place_unplaced(document, app)
        opening.drawing()
        from relmap.ui.main_window import MainWindow

        window = MainWindow(document, QSettings())
        window.show()
    window.activateWindow()  # the keys go to it, not to the opening window just closed
    remember_map(window.settings, target)
    status = app.exec()
    document.close()
    return status


def _no_display() -> str | None:
    """Why the window cannot open here, before Qt fails with a message about its plugins."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("the window needs a desktop session, and none was found (DISPLAY and "
            "WAYLAND_DISPLAY are not set); every command works without one (relmap --help), "
            "and QT_QPA_PLATFORM=offscreen draws the window off screen")


def _place_unplaced(document: Document, app: QCoreApplication) -> None:
    """Place people who have no position yet (a command-line import), with a progress
    window if that takes a while."""
    from PySide6.QtWidgets import QProgressDialog

    from relmap.core.i18n import ntr, number

    unplaced = sum(not p.placed for p in document.network.people.values())
    if not unplaced:
        return
    words = ntr("Placing {n} person on the map…", "Placing {n} people on the map…", unplaced)
    dialog = QProgressDialog(words.format(n=number(unplaced)), "", 0, 1000)
    dialog.setWindowTitle("relmap")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(400)
    dialog.setMinimumWidth(380)

    def progress(done: float) -> None:
        dialog.setValue(int(1000 * done))
        app.processEvents()

    document.place_unplaced(progress=progress)
    dialog.close()
