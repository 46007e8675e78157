"""Unexpected errors in the app: written to a log file in the user's log folder and shown in
a dialog that says where the log is, instead of vanishing into a terminal nobody reads."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtWidgets import QApplication, QMessageBox

from relmap.core.i18n import tr

log = logging.getLogger("relmap")


def log_path() -> Path:
    """``relmap.log`` in the user's log folder (created 0700 when missing)."""
    folder = Path(platformdirs.user_log_dir("relmap", appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "relmap.log"


def install_crash_handler() -> Path:
    """Log warnings and errors of relmap to :func:`log_path`, and show unexpected errors.

    Returns the log file. Every edit is committed before the window shows it, so the dialog
    can tell the user that nothing they saw applied is lost.
    """
    path = log_path()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if showing or QApplication.instance() is None:
            return  # one dialog at a time; an error inside it is only logged
        showing = True
        try:
            show_crash(exc, path)
        finally:
            showing = False

    sys.excepthook = hook
    return path


def show_crash(exc: BaseException, path: Path) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("relmap: something went wrong"),
        tr("relmap hit an unexpected error: {value}").format(value=exc or type(exc).__name__),
    )
    box.setInformativeText(
        tr(
            "Every change you saw applied is stored. The details are in\n{path}\nPlease include "
            "that file when you report the problem."
        ).format(path=path)
    )
    box.setObjectName("crash_dialog")
    box.exec()
