"""The map's decoration (which rating sizes, colours, outlines the nodes), kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from relmap.core.model import AssessmentField
from relmap.style import Decoration, TieColour, Upkeep

_KEYS = ("size_by", "colour_by", "outline_by", "tie_colour_by")


def save_decoration(decoration: Decoration, settings: QSettings) -> None:
    for key in _KEYS:
        value = getattr(decoration, key)
        settings.setValue(f"decoration/{key}", value.value if value else "none")


def load_decoration(settings: QSettings) -> Decoration:
    """The saved decoration; a value this version does not know reads as none."""
    default = Decoration()
    values: dict[str, AssessmentField | Upkeep | TieColour] = {f.value: f for f in AssessmentField}
    values |= {Upkeep.CADENCE.value: Upkeep.CADENCE} | {t.value: t for t in TieColour}

    def read(key: str) -> AssessmentField | Upkeep | TieColour | None:
        fallback = getattr(default, key)
        raw = settings.value(f"decoration/{key}", fallback.value if fallback else "none")
        return values.get(str(raw))

    size, colour, outline, ties = (read(key) for key in _KEYS)
    return Decoration(size if isinstance(size, AssessmentField) else None,
                      colour if isinstance(colour, AssessmentField) else None,
                      outline if not isinstance(outline, TieColour) else None,
                      ties if isinstance(ties, TieColour) else None)
