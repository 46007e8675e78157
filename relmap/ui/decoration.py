"""How ratings decorate the map: which one sizes, colours or outlines the nodes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from relmap.core.model import AssessmentField, Person
from relmap.core.network import Network
from relmap.render import style

# A sequential ramp (viridis, five steps): readable by colour-blind eyes and in grey.
RATING_RAMP = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
UNRATED_FILL = "#c4c9cf"
OUTLINE_DARK = "#20242a"
OUTLINE_LIGHT = "#ffffff"


@dataclass(frozen=True, slots=True)
class Decoration:
    """None means: size all alike, colour by sphere, plain white outline."""

    size_by: AssessmentField | None = AssessmentField.QUALITY
    colour_by: AssessmentField | None = None
    outline_by: AssessmentField | None = None

    def save(self, settings: QSettings) -> None:
        for key in ("size_by", "colour_by", "outline_by"):
            value = getattr(self, key)
            settings.setValue(f"decoration/{key}", value.value if value else "none")

    @classmethod
    def load(cls, settings: QSettings) -> Decoration:
        def read(key: str, default: AssessmentField | None) -> AssessmentField | None:
            raw = settings.value(f"decoration/{key}", default.value if default else "none")
            values = {f.value: f for f in AssessmentField}
            return values.get(str(raw)) if raw != "none" else None

        return cls(
            read("size_by", AssessmentField.QUALITY),
            read("colour_by", None),
            read("outline_by", None),
        )


def radius(person: Person, deco: Decoration) -> float:
    if person.is_me:
        return style.ME_RADIUS
    if deco.size_by is None:
        return style.NODE_RADIUS
    return style.rating_radius(person.assessment.rating(deco.size_by))


def fill_colours(person: Person, network: Network, deco: Decoration) -> list[str]:
    """One colour per segment: every sphere of the person, or the colour of a rating."""
    if person.is_me:
        return [style.ME_FILL]
    if deco.colour_by is None:
        return style.sphere_colours(person, network) or [style.NO_SPHERE]
    rating = person.assessment.rating(deco.colour_by)
    return [UNRATED_FILL if rating is None else RATING_RAMP[rating - 1]]


def outline(person: Person, deco: Decoration) -> tuple[str, float]:
    """Outline colour and width in screen pixels; a rated outline grows with the rating."""
    if person.is_me:
        return style.ME_RING, style.ME_RING_PX
    rating = person.assessment.rating(deco.outline_by) if deco.outline_by else None
    if rating is None:
        return OUTLINE_LIGHT, style.NODE_OUTLINE_PX
    return OUTLINE_DARK, 0.5 + 0.7 * rating
