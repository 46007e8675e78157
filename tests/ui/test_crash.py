"""An unexpected error in the app is logged to a file and shown with where the log is."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from relmap.ui.crash import install_crash_handler


@pytest.fixture
def handler() -> Iterator[Path]:
    before, handlers = sys.excepthook, list(logging.getLogger("relmap").handlers)
    path = install_crash_handler()
    yield path
    sys.excepthook = before
    for extra in set(logging.getLogger("relmap").handlers) - set(handlers):
        extra.close()
        logging.getLogger("relmap").removeHandler(extra)


def _raise() -> None:
    raise ZeroDivisionError("the ratio of nothing")


def test_an_unexpected_error_is_logged_and_shown(qtbot: QtBot, handler: Path) -> None:
    assert handler.parent.stat().st_mode & 0o777 == 0o700
    logs = (os.environ["XDG_STATE_HOME"], os.environ["XDG_CACHE_HOME"])
    assert str(handler).startswith(logs)  # the user's log folder (here a private one)
    seen: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        box.reject()

    QTimer.singleShot(0, close)
    try:
        _raise()
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert seen and "the ratio of nothing" in seen[0] and str(handler) in seen[0]
    text = handler.read_text(encoding="utf-8")
    assert "CRITICAL relmap: unexpected error" in text and "in _raise" in text
