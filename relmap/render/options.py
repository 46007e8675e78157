"""What an exported map looks like: page size and DPI, theme, redaction, scope and extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from relmap.core.errors import KnownError
from relmap.core.i18n import number, tr
from relmap.render.rings import EgoRings
from relmap.render.scope import Scope
from relmap.style import Decoration

DPI_MIN, DPI_MAX = 72, 600
MAX_SIDE_PX = 30_000
MAX_PIXELS = 400_000_000
_MM_PER_INCH = 25.4
# The long side of a pixel-sized image is typeset as if it were this long (A4), unless a DPI
# is given, so that text and nodes keep their proportions at any pixel size.
_PIXEL_LONG_SIDE_INCHES = 297 / _MM_PER_INCH


class Redaction(StrEnum):
    NONE = "none"
    INITIALS = "initials"
    ROLES = "roles"


class ThemeName(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Paper(StrEnum):
    A4 = "A4"
    A3 = "A3"
    LETTER = "letter"


PAPER_MM: dict[Paper, tuple[float, float]] = {
    Paper.A4: (210.0, 297.0),
    Paper.A3: (297.0, 420.0),
    Paper.LETTER: (215.9, 279.4),
}


def check_dpi(dpi: int) -> int:
    """Return ``dpi`` if it is within 72–600, else raise KnownError."""
    if not DPI_MIN <= dpi <= DPI_MAX:
        raise KnownError(
            tr("the DPI must be from {DPI_MIN} to {DPI_MAX} (got {dpi})").format(
                DPI_MIN=DPI_MIN, DPI_MAX=DPI_MAX, dpi=dpi
            )
        )
    return dpi


@dataclass(frozen=True, slots=True)
class PageSpec:
    """The size of the output in device pixels and the resolution they are meant for."""

    width_px: int
    height_px: int
    dpi: float

    @classmethod
    def paper(cls, paper: Paper, *, dpi: int = 300, landscape: bool = False) -> PageSpec:
        """A paper size (A4, A3, Letter) at ``dpi``, portrait unless ``landscape``."""
        check_dpi(dpi)
        short, long = PAPER_MM[paper]
        w_mm, h_mm = (long, short) if landscape else (short, long)
        return cls(round(w_mm / _MM_PER_INCH * dpi), round(h_mm / _MM_PER_INCH * dpi), dpi)

    @classmethod
    def pixels(cls, width: int, height: int, *, dpi: int | None = None) -> PageSpec:
        """An image of ``width`` × ``height`` pixels; without ``dpi`` the long side counts as A4."""
        for what, value in (("width", width), ("height", height)):
            if not 16 <= value <= MAX_SIDE_PX:
                raise KnownError(
                    tr("the {what} must be from 16 to {MAX_SIDE_PX} pixels").format(
                        what=what, MAX_SIDE_PX=MAX_SIDE_PX
                    )
                )
        if width * height > MAX_PIXELS:
            raise KnownError(
                tr("{width}×{height} is too large (at most {MAX_PIXELS} pixels)").format(
                    width=width, height=height, MAX_PIXELS=number(MAX_PIXELS)
                )
            )
        if dpi is None:
            derived = round(max(width, height) / _PIXEL_LONG_SIDE_INCHES)
            dpi = min(DPI_MAX, max(DPI_MIN, derived))
        return cls(width, height, check_dpi(dpi))

    def scaled(self, factor: float) -> PageSpec:
        """The same page at ``factor`` times the pixels and DPI (a preview looks the same)."""
        return PageSpec(
            max(1, round(self.width_px * factor)), max(1, round(self.height_px * factor)),
            self.dpi * factor,
        )

    @property
    def width_mm(self) -> float:
        return self.width_px / self.dpi * _MM_PER_INCH

    @property
    def height_mm(self) -> float:
        return self.height_px / self.dpi * _MM_PER_INCH


@dataclass(frozen=True, slots=True)
class MapOptions:
    """Everything about an exported map except where it goes.

    ``title`` None means "<my name>'s network"; ``today`` None means the current date (tests
    pass a fixed one).
    """

    title: str | None = None
    redaction: Redaction = Redaction.NONE
    scope: Scope = field(default_factory=Scope)
    theme: ThemeName = ThemeName.LIGHT
    transparent: bool = False
    legend: bool = True
    hulls: bool = False
    ties_to_me: bool = True  # False: where everyone knows me, they hide how the rest cluster
    leader_lines: bool = True
    decoration: Decoration = field(default_factory=Decoration)  # as on the canvas
    rings: EgoRings | None = None  # the ego layout's rings, as on the canvas
    today: date | None = None
