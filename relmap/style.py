"""How the map looks, read by the canvas and the exported map alike: palette, node sizes,
colours and outlines by rating, tie lines. No Qt, so that every layer can read it."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from operator import attrgetter

from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField, Person, TieKind
from relmap.core.network import Network

# Twelve hues at twelve lightness levels (CIELAB L* 28…82, about 5 apart), so no two of the
# first twelve print as the same grey; ordered so that consecutive spheres differ strongly in
# lightness as well as hue. Four more for very large maps.
SPHERE_PALETTE = (
    "#0269aa",  # blue, L* 43
    "#dd673f",  # orange, 57
    "#870330",  # wine, 28
    "#0ad8a0",  # mint, 77
    "#3e8e2b",  # green, 53
    "#861e7f",  # plum, 33
    "#15b3d2",  # cyan, 67
    "#876f04",  # olive, 48
    "#d798fe",  # lilac, 72
    "#056558",  # teal, 38
    "#f76299",  # pink, 62
    "#febda7",  # peach, 82
    "#4d4d4d",
    "#a6611a",
    "#7570b3",
    "#66a61e",
)


def next_sphere_colour(used: Iterable[str]) -> str:
    """The palette colour farthest (CIELAB distance) from every colour the spheres use: a
    new sphere never looks like an old one while a distinct colour is left. The palette's
    order breaks ties; once all are taken it cycles."""
    taken = [c.lower() for c in used]
    free = [c for c in SPHERE_PALETTE if c not in taken]
    if not free:
        return SPHERE_PALETTE[len(taken) % len(SPHERE_PALETTE)]
    if not taken:
        return free[0]
    seen = [lab(c) for c in taken]
    return max(free, key=lambda c: min(math.dist(lab(c), s) for s in seen))


def lightness(colour: str) -> float:
    """CIELAB L* (0 black … 100 white) of a #rrggbb colour: its grey in a print."""
    return lab(colour)[0]


def lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


NO_SPHERE = "#a4abb3"
ME_FILL = "#20242a"
ME_RING = "#f2b705"
EDGE = "#7d8590"
SELECTED = "#ff3b30"

NODE_RADIUS = 8.0
ME_RADIUS = 16.0
# From this many ties of mine they are drawn faint: where nearly everyone on the map knows me
# (a LinkedIn import), they covered how everyone else clusters in a grey star.
FAINT_MINE_FROM = 300


class Dash(StrEnum):
    """How a tie's line is drawn."""

    SOLID = "solid"
    DASH = "dash"
    DOT = "dot"


# Work ties solid, personal ties dotted, introductions and the rest dashed.
TIE_DASH: Mapping[TieKind, Dash] = {kind: Dash.SOLID for kind in TieKind} | {
    TieKind.FRIEND: Dash.DOT,
    TieKind.FAMILY: Dash.DOT,
    TieKind.INTRODUCED: Dash.DASH,
    TieKind.OTHER: Dash.DASH,
}

# A sequential ramp (viridis, five steps): readable by colour-blind eyes and in grey.
RATING_RAMP = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
UNRATED_FILL = "#c4c9cf"
OUTLINE_DARK = "#20242a"
OUTLINE_LIGHT = "#ffffff"


class Measure(StrEnum):
    """Size, colour or outline people by a measure of the network, in fifths (1 the lowest
    fifth of the map, 5 the top fifth), drawn on the rating scales."""

    INFLUENCE = "influence"
    BROKERAGE = "brokerage"
    REACH = "reach"
    TIES = "ties"


NodeBy = AssessmentField | Measure
Measured = Mapping[Measure, Mapping[PersonId, int]]  # each person's fifth of each measure
NOT_MEASURED: Measured = {}


def level(person: Person, by: NodeBy, measured: Measured) -> int | None:
    """1–5: the rating ``by`` names, or the person's fifth of the measure."""
    if isinstance(by, AssessmentField):
        return person.assessment.rating(by)
    return measured.get(by, {}).get(person.id)


class Group(StrEnum):
    """Colour people by what they share: the largest groups of the map (two people or more)
    a colour each, the rest one grey. A LinkedIn import ties everyone to me alone; the
    layout draws each organisation together, and its colour shows where."""

    ORGANISATION = "organisation"
    LOCATION = "location"
    INDUSTRY = "industry"


ColourBy = NodeBy | Group


@dataclass(frozen=True, slots=True)
class GroupColours:
    """The colours of one kind of group on a map: ``colour`` by key (the value casefolded),
    ``largest`` (name as most people spell it, colour, people) in the order of the legend,
    then how many are in another group and how many in none."""

    colour: Mapping[str, str]
    largest: tuple[tuple[str, str, int], ...]
    other: int
    none: int


GROUP_COLOURS = 12  # the largest groups coloured
OTHER_GROUP = NO_SPHERE
NO_GROUP = "#dfe2e6"


def group_name(person: Person, group: Group) -> str:
    """The ``group`` of ``person`` as written, spaces tidied ("" for none)."""
    return _tidied(getattr(person, group.value))


def _tidied(value: str) -> str:
    return " ".join(value.split())


def group_key(person: Person, group: Group) -> str:
    """The key of the ``group`` of ``person``: its name casefolded ("" for none)."""
    return group_name(person, group).casefold()


def group_colours(network: Network, group: Group) -> GroupColours:
    """The colour of each of the largest ``group``s of ``network``, computed once per
    revision: a sphere's of the same name (a LinkedIn import may make each company a
    sphere), else the next of SPHERE_PALETTE's (apart in lightness too) not taken."""
    return network.derived(f"style.groups.{group.value}",
                           lambda n: _tally(n.people.values(), group, partial(_new_colours, n)),
                           graph_only=True)


def drawn_groups(people: Iterable[Person], network: Network, group: Group) -> GroupColours:
    """The ``group``s of ``people`` (some of ``network``), in the colours of the whole map."""
    colour = group_colours(network, group).colour
    return _tally(people, group, lambda _: colour)


def _new_colours(network: Network, sizes: list[tuple[int, str]]) -> dict[str, str]:
    """A colour for each of the GROUP_COLOURS largest groups of two people or more
    (``sizes``: people and key, largest first), by key."""
    spheres = {s.name.casefold(): s.colour for s in network.spheres.values()}
    top = [key for count, key in sizes[:GROUP_COLOURS] if count > 1]
    taken = {spheres[key] for key in top if key in spheres}
    free = (c for c in SPHERE_PALETTE if c not in taken)
    return {key: spheres[key] if key in spheres else next(free) for key in top}


def _tally(people: Iterable[Person], group: Group,
           colours: Callable[[list[tuple[int, str]]], Mapping[str, str]]) -> GroupColours:
    """The groups of ``people`` (me aside), largest first, in the ``colours`` of their sizes
    (people and key, largest first)."""
    field = attrgetter(group.value)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)  # by key: the name casefolded
    for value, count in Counter(field(p) for p in people if not p.is_me).items():
        name = _tidied(value)
        spellings[name.casefold()][name] += count
    none = spellings.pop("", Counter()).total()
    sizes = sorted(((c.total(), key) for key, c in spellings.items()),
                   key=lambda size_key: (-size_key[0], size_key[1]))
    colour = colours(sizes)
    top = [(count, key) for count, key in sizes if key in colour]
    largest = tuple((spellings[key].most_common(1)[0][0], colour[key], count)
                    for count, key in top)
    other = sum(count for count, _ in sizes) - sum(count for count, _ in top)
    return GroupColours(colour, largest, other, none)


class Upkeep(StrEnum):
    """Outline by how the relationship is kept: the stay-in-touch status (docs/upkeep.md)."""

    CADENCE = "cadence"


# Ring colours of the stay-in-touch status: green, amber, red, apart in hue and in lightness.
CADENCE_RINGS = {"ok": "#1a9850", "due": "#f0a30a", "overdue": "#c0392b"}
CADENCE_WORDS = {"ok": tr("in touch"), "due": tr("due for contact"), "overdue": tr("overdue")}
CADENCE_RING_PX = {"ok": 1.8, "due": 2.6, "overdue": 3.4}  # the later, the bolder


class TieColour(StrEnum):
    """Colour the ties to me by what goes each way (the reciprocity balance, docs/upkeep.md)
    or by whose trust is greater (trust asymmetry)."""

    RECIPROCITY = "reciprocity"
    TRUST = "trust"


# Diverging ramps (ColorBrewer RdBu and PuOr, colour-blind safe), grey in the middle, in the
# order of analysis.tie_levels.LEVEL_WORDS: "I mostly take" red … "I mostly give" blue;
# "they trust me more" purple … "I trust them more" orange.
TIE_RAMPS: Mapping[TieColour, tuple[str, ...]] = {
    TieColour.RECIPROCITY: ("#b2182b", "#ef8a62", "#8c8c8c", "#67a9cf", "#2166ac"),
    TieColour.TRUST: ("#5e3c99", "#b2abd2", "#8c8c8c", "#fdb863", "#e66101"),
}


@dataclass(frozen=True, slots=True)
class Decoration:
    """Which rating sizes, colours and outlines the nodes, on screen and in the export.

    None means: size all alike, colour by sphere, plain outline.
    """

    size_by: NodeBy | None = AssessmentField.QUALITY
    colour_by: ColourBy | None = None
    outline_by: NodeBy | Upkeep | None = None
    tie_colour_by: TieColour | None = None

    def measures(self) -> frozenset[Measure]:
        """The measures this decoration draws (they must be measured first)."""
        return frozenset(v for v in (self.size_by, self.colour_by, self.outline_by)
                         if isinstance(v, Measure))


def faint_ties_of_mine(mine: int, decoration: Decoration) -> bool:
    """Whether my ``mine`` ties are drawn faint (FAINT_MINE_FROM), unless their colours say
    something (give and take)."""
    return mine >= FAINT_MINE_FROM and decoration.tie_colour_by is None


_DECORATION_KEYS = ("size_by", "colour_by", "outline_by", "tie_colour_by")


def decoration_dict(deco: Decoration) -> dict[str, str | None]:
    """Plain data for a saved view: each choice by its value, None for none."""
    return {k: None if (v := getattr(deco, k)) is None else v.value for k in _DECORATION_KEYS}


def decoration_from(data: Mapping[str, object]) -> Decoration:
    """The decoration ``data`` names; a value this version does not know reads as none."""
    ratings: dict[str, NodeBy] = {f.value: f for f in AssessmentField}
    ratings |= {m.value: m for m in Measure}
    rings: dict[str, NodeBy | Upkeep] = {**ratings, Upkeep.CADENCE.value: Upkeep.CADENCE}
    colours: dict[str, ColourBy] = {**ratings, **{g.value: g for g in Group}}
    ties = {t.value: t for t in TieColour}
    return Decoration(ratings.get(str(data.get("size_by"))),
                      colours.get(str(data.get("colour_by"))),
                      rings.get(str(data.get("outline_by"))),
                      ties.get(str(data.get("tie_colour_by"))))


def node_radius(person: Person, deco: Decoration = Decoration(),
                measured: Measured = NOT_MEASURED) -> float:
    """Radius in scene units: unrated people are small, a 5 is twice a 1."""
    if person.is_me:
        return ME_RADIUS
    if deco.size_by is None:
        return NODE_RADIUS
    return rating_radius(level(person, deco.size_by, measured))


def rating_radius(rating: int | None) -> float:
    """Radius in scene units of a (not me) node with this size rating."""
    if rating is None:
        return NODE_RADIUS * 0.8
    return NODE_RADIUS * (0.7 + 0.25 * rating)


def fill_colours(person: Person, network: Network, deco: Decoration,
                 measured: Measured = NOT_MEASURED) -> list[str]:
    """One colour per segment: every sphere of the person, or the colour of a rating or of
    their group."""
    if person.is_me:
        return [ME_FILL]
    if deco.colour_by is None:
        return sphere_colours(person, network) or [NO_SPHERE]
    if isinstance(deco.colour_by, Group):
        key = group_key(person, deco.colour_by)
        return [group_colours(network, deco.colour_by).colour.get(key, OTHER_GROUP) if key
                else NO_GROUP]
    rating = level(person, deco.colour_by, measured)
    return [UNRATED_FILL if rating is None else RATING_RAMP[rating - 1]]


def outline(person: Person, deco: Decoration, status: str | None = None,
            measured: Measured = NOT_MEASURED) -> tuple[str, float]:
    """Outline colour and width in screen pixels; a rated outline grows with the rating, a
    stay-in-touch ring takes the colour of ``status`` ("ok", "due", "overdue"; None or
    "snoozed": plain).

    The plain outline is ``OUTLINE_LIGHT`` (a theme may draw it in its own colour).
    """
    if person.is_me:
        return ME_RING, ME_RING_PX
    if deco.outline_by is Upkeep.CADENCE:
        ring = CADENCE_RINGS.get(status or "")
        if ring is None or status is None:
            return OUTLINE_LIGHT, NODE_OUTLINE_PX
        return ring, CADENCE_RING_PX[status]
    rating = level(person, deco.outline_by, measured) if deco.outline_by else None
    if rating is None:
        return OUTLINE_LIGHT, NODE_OUTLINE_PX
    return OUTLINE_DARK, outline_width(rating)


def outline_width(rating: int) -> float:
    """Width in screen pixels of the outline of a node rated ``rating`` on the outline rating."""
    return 0.5 + 0.7 * rating


def sphere_colours(person: Person, network: Network) -> list[str]:
    """The colour of each sphere the person belongs to, in a stable order (by sphere id)."""
    return [network.spheres[s].colour for s in sorted(person.spheres) if s in network.spheres]


def strength_width(strength: int) -> float:
    """Pen width in screen pixels of a tie of this strength (1–5)."""
    return 0.6 + 0.55 * (strength - 1)


# Outline widths of the node glyphs, in screen pixels (the export converts them at 96 px/inch).
NODE_OUTLINE_PX = 1.2
ME_RING_PX = 3.5
HULL_ALPHA = 28  # fill opacity (0–255) of a sphere hull; its outline is a little stronger
SCREEN_DPI = 96.0
