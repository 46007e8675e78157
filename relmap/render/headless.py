"""A QGuiApplication for rendering without a window, on a machine with or without a display."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from relmap.core.errors import KnownError
from relmap.core.i18n import tr

# Qt allows one application object per process; the one made here lives as long as it.
_made: list[QGuiApplication] = []


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one on the offscreen platform if there is no
    display (fonts and painting need one, windows do not)."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise KnownError(tr("rendering needs a QGuiApplication, but a QCoreApplication is running"))
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(sys.argv[:1] or ["relmap"])
    _made.append(app)
    return app
