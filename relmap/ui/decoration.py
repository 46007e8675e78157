"""The map's decoration (what sizes, colours and outlines the people, what colours the ties to
me), kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from relmap.style import Decoration, decoration_dict, decoration_from


def save_decoration(decoration: Decoration, settings: QSettings) -> None:
    for key, value in decoration_dict(decoration).items():
        settings.setValue(f"decoration/{key}", value or "none")


def load_decoration(settings: QSettings) -> Decoration:
    """The saved decoration; a value this version does not know reads as none."""
    defaults = decoration_dict(Decoration())
    return decoration_from({key: settings.value(f"decoration/{key}", default or "none")
                            for key, default in defaults.items()})
