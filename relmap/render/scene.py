"""The scene model: what an exported map draws, as arrays in scene units, before any page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph

from relmap import style
from relmap.analysis.filters import measured
from relmap.analysis.importance import label_importance
from relmap.analysis.spheres import sphere_counts
from relmap.analysis.tie_levels import tie_levels
from relmap.analysis.upkeep import standings
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import Person, TieKind
from relmap.core.network import Network
from relmap.layout.ego import ego_layout
from relmap.render.hulls import Grouping, median_gap, sphere_hulls
from relmap.render.options import MapOptions
from relmap.render.redaction import Redactor
from relmap.render.rings import EgoRings
from relmap.render.scope import ScopeKind, people_in_scope

_HULL_LINK = 2.5  # members closer than this many median neighbour gaps share a hull


@dataclass(frozen=True, slots=True)
class SphereEntry:
    """A sphere as drawn: its (possibly redacted) name, colour and number of people shown."""

    id: SphereId
    name: str
    colour: str
    count: int


@dataclass(frozen=True, slots=True, eq=False)
class MapScene:
    """The people, ties, colours and labels of one export; rows index every array."""

    ids: tuple[PersonId, ...]
    pos: np.ndarray  # (n, 2) scene units, y down
    radius: np.ndarray  # (n,) scene units
    colours: tuple[tuple[str, ...], ...]  # one fill colour per segment (sphere or rating)
    outlines: tuple[tuple[str, float], ...]  # (colour, screen pixels); me's ring is drawn apart
    me_row: int | None
    labels: tuple[str, ...]
    order: np.ndarray  # rows, most important label first
    edges: np.ndarray  # (m, 2) rows
    tie_count: int  # the ties between the people drawn, those not drawn (to me) too
    edge_width: np.ndarray  # (m,) screen pixels
    edge_dash: tuple[style.Dash, ...]  # (m,)
    edge_colours: tuple[str | None, ...]  # (m,) None: the theme's tie colour
    edge_faint: np.ndarray  # (m,) my ties, drawn faint where nearly everyone knows me
    edge_levels: frozenset[int]  # the levels drawn when ties to me are coloured (0–4)
    edge_strengths: frozenset[int]
    edge_kinds: frozenset[TieKind]
    spheres: tuple[SphereEntry, ...]  # drawn spheres, by id
    unsphered: int  # people drawn in the no-sphere grey (me excluded)
    multi_sphere: bool  # someone is drawn in segments
    decoration: style.Decoration
    ratings: frozenset[int | None]  # the size ratings drawn (me excluded)
    colour_ratings: frozenset[int | None]  # the colour ratings drawn, when colour is by rating
    outline_ratings: frozenset[int | None]  # the outline ratings drawn, when outlined by rating
    statuses: frozenset[str]  # the stay-in-touch rings drawn, when outlined by them
    hulls: tuple[tuple[str, np.ndarray], ...]  # (colour, polygon) in scene units
    people: tuple[Person, ...]  # the drawn people, for the key figures
    focus_row: int | None = None  # the person a map "around a person" is drawn around
    groups: style.GroupColours | None = None  # the groups drawn, when colour is by group
    rings: EgoRings | None = None  # the ego layout's rings, where people are where it put them

    def __len__(self) -> int:
        return len(self.ids)

    def bold(self, row: int) -> bool:
        """Whether the label of ``row`` is set in bold: me, and the person in focus."""
        return row in (self.me_row, self.focus_row)


def build_scene(network: Network, options: MapOptions, redactor: Redactor) -> MapScene:
    """Arrays for everything ``options.scope`` selects from ``network``.

    Parameters
    ----------
    network
        The whole map; people without a position are drawn at the origin, as on the canvas.
    options
        Scope and extras (hulls).
    redactor
        Names the labels and spheres.
    style_
        Which rating sets the node size.

    Returns
    -------
    MapScene
        Rows follow the order of ``network.people``.
    """
    keep = people_in_scope(network, options.scope)
    people = tuple(p for p in network.people.values() if p.id in keep)
    row = {p.id: i for i, p in enumerate(people)}
    among = [t for t in network.ties.values() if t.a in row and t.b in row]
    owner = network.me
    left_out = None if options.ties_to_me or owner is None else owner.id
    ties = [t for t in among if left_out not in (t.a, t.b)]
    edges = np.array([(row[t.a], row[t.b]) for t in ties], dtype=np.int64).reshape(-1, 2)
    degree = np.bincount(edges.ravel(), minlength=len(people))
    deco = options.decoration
    fifths = measured(network, deco.measures())
    colours = tuple(tuple(style.fill_colours(p, network, deco, fifths)) for p in people)
    importance = np.array(
        [label_importance(p, int(d)) for p, d in zip(people, degree.tolist(), strict=True)]
    )
    pos = np.array([(p.x or 0.0, p.y or 0.0) for p in people], dtype=float).reshape(-1, 2)
    radius = np.array([style.node_radius(p, deco, fifths) for p in people], dtype=float)
    scope = options.scope
    focus = row.get(scope.focus) if scope.kind is ScopeKind.FOCUS and scope.focus else None
    if focus is not None:  # around a person: they are the centre, each step out a ring
        me = next((i for i, p in enumerate(people) if p.is_me and i != focus), None)
        if me is not None:
            radius[me] = style.NODE_RADIUS  # the person in focus is the large disc
        radius[focus] = style.ME_RADIUS
        pos = _rings_around(focus, edges, radius)
        importance[focus] = np.inf  # their name is always printed
    others = [p for p in people if not p.is_me]
    today = options.today or date.today()
    status = cadence_statuses(network, deco, today)
    ramp = style.TIE_RAMPS[deco.tie_colour_by] if deco.tie_colour_by else ()
    levels = tie_levels(network, deco.tie_colour_by, today=today) if deco.tie_colour_by else {}
    me_id = None if owner is None else owner.id
    faint = style.faint_ties_of_mine(sum(me_id in (t.a, t.b) for t in among), deco)
    mine = np.array([faint and me_id in (t.a, t.b) for t in ties], dtype=bool)
    return MapScene(
        ids=tuple(p.id for p in people), pos=pos, radius=radius, colours=colours,
        outlines=tuple(style.outline(p, deco, status.get(p.id), fifths) for p in people),
        me_row=next((i for i, p in enumerate(people) if p.is_me), None), focus_row=focus,
        rings=options.rings if scope.kind is not ScopeKind.FOCUS else None,
        labels=tuple(redactor.person(p) for p in people),
        order=np.argsort(-importance, kind="stable"), edges=edges, tie_count=len(among),
        edge_width=np.array([style.strength_width(t.strength) for t in ties], dtype=float),
        edge_dash=tuple(style.TIE_DASH[t.kind] for t in ties),
        edge_colours=tuple(ramp[levels[t.id]] if t.id in levels else None for t in ties),
        edge_faint=mine,
        edge_levels=frozenset(levels[t.id] for t in ties if t.id in levels),
        edge_strengths=frozenset(t.strength for t in ties),
        edge_kinds=frozenset(t.kind for t in ties),
        spheres=_sphere_entries(others, network, redactor),
        unsphered=sum(1 for p in others if not p.spheres & network.spheres.keys()),
        multi_sphere=any(len(c) > 1 for p, c in zip(people, colours, strict=True) if not p.is_me),
        decoration=deco,
        ratings=_ratings(others, deco.size_by, fifths),
        colour_ratings=_ratings(others, deco.colour_by, fifths),
        outline_ratings=_ratings(others, deco.outline_by, fifths),
        statuses=frozenset(status[p.id] for p in others if p.id in status)
        & style.CADENCE_RINGS.keys(),
        hulls=_hulls(people, pos, radius, network) if options.hulls else (),
        people=people,
        groups=_groups(others, network, deco.colour_by, redactor),
    )


def _groups(others: list[Person], network: Network, by: style.ColourBy | None,
            redactor: Redactor) -> style.GroupColours | None:
    """The groups ``others`` are drawn in, named as the export names them."""
    if not isinstance(by, style.Group):
        return None
    drawn = style.drawn_groups(others, network, by)
    return replace(drawn, largest=tuple((redactor.group(name, i), colour, count) for i, (
        name, colour, count) in enumerate(drawn.largest)))


def _rings_around(centre: int, edges: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Positions with ``centre`` in the middle and everyone on the ring of their steps out."""
    n = len(radius)
    graph = scipy.sparse.coo_array((np.ones(len(edges)), (edges[:, 0], edges[:, 1])),
                                   shape=(n, n)).tocsr()
    steps = scipy.sparse.csgraph.shortest_path(graph, directed=False, unweighted=True,
                                                indices=centre)
    farthest = float(np.nanmax(np.where(np.isfinite(steps), steps, np.nan), initial=1.0))
    closeness = 1 - np.where(np.isfinite(steps), steps, farthest + 1) / (farthest + 1)
    return ego_layout(n, edges, center=centre, closeness=closeness, sizes=radius,
                      rings=int(farthest) + 1)


def _ratings(
    people: list[Person], by: style.ColourBy | style.Upkeep | None, levels: style.Measured
) -> frozenset[int | None]:
    """The levels (1–5, None unrated) drawn for ``by``: a rating, or a measure's fifths."""
    if by is None or isinstance(by, style.Upkeep | style.Group):
        return frozenset()
    return frozenset(style.level(p, by, levels) for p in people)


def cadence_statuses(network: Network, deco: style.Decoration, today: date) -> dict[PersonId, str]:
    """Everyone's stay-in-touch status when the outline shows it, else nobody's."""
    if deco.outline_by is not style.Upkeep.CADENCE:
        return {}
    # The status itself, a str: its ``.value`` took 0.1 s of each edit at 100,000 people.
    return {pid: s.status for pid, s in standings(network, today=today).items()}


def _sphere_entries(
    others: list[Person], network: Network, redactor: Redactor
) -> tuple[SphereEntry, ...]:
    counts = sphere_counts(others)
    return tuple(
        SphereEntry(sid, redactor.sphere(sid), network.spheres[sid].colour, counts[sid])
        for sid in sorted(counts) if sid in network.spheres
    )


def _hulls(
    people: tuple[Person, ...], pos: np.ndarray, radius: np.ndarray, network: Network
) -> tuple[tuple[str, np.ndarray], ...]:
    if len(people) < 2:
        return ()
    link = _HULL_LINK * max(median_gap(pos), 1e-6)
    pad = 2.0 * float(radius.max())
    result: list[tuple[str, np.ndarray]] = []
    for sid in sorted(network.spheres):
        rows = [i for i, p in enumerate(people) if sid in p.spheres and not p.is_me]
        hulls = sphere_hulls(pos[rows], pad=pad, grouping=Grouping(link)) if rows else {}
        result.extend((network.spheres[sid].colour, polygon) for polygon in hulls.values())
    return tuple(result)
