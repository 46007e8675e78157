"""From a network to layout arrays and back: places people who have no position yet."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from relmap.analysis.closeness import closeness_of, closeness_to_me
from relmap.analysis.graph import GraphView, graph_view, view_of
from relmap.core.edits import Batch, Edit, MoveNodes, Position
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.io.values import organisation_key
from relmap.layout import ego_layout, force_layout
from relmap.layout.ego import ring_of, rows_for, widest_gap
from relmap.layout.placement import turned_to
from relmap.style import ME_RADIUS, rating_radius

if TYPE_CHECKING:
    from relmap.store.positions import GraphRows


@dataclass(frozen=True)
class LayoutInput:
    """A frozen snapshot of what the layout engine needs, in array form."""

    ids: list[PersonId]
    edges: np.ndarray  # (m, 2) rows into ids
    weights: np.ndarray  # (m,) larger pulls closer
    pos: np.ndarray  # (n, 2), NaN where the engine is free to choose
    was: np.ndarray  # (n, 2) where each person is, NaN where nowhere yet
    fixed: np.ndarray  # (n,) bool: me and pinned people never move
    sizes: np.ndarray  # (n,) radius in scene units
    closeness: np.ndarray  # (n,) 0..1, how close my relationship is (for the ego layout)
    me: int  # row of me
    incremental: bool  # keep the current map and place the rest around it
    groups: tuple[np.ndarray, ...] = ()  # rows sharing an organisation or a sphere, 2 or more


def layout_input(network: Network, *, fresh: bool = False) -> LayoutInput:
    """Arrays for the engine. ``fresh`` lays out everyone not pinned from scratch."""
    view = graph_view(network)
    people = [network.people[pid] for pid in view.ids]
    return _input(
        view,
        fresh=fresh,
        x=[p.x for p in people],
        y=[p.y for p in people],
        pinned=[p.pinned for p in people],
        quality=[p.assessment.quality for p in people],
        organisations=[p.organisation for p in people],
        spheres=[(row, sid) for row, p in enumerate(people) for sid in sorted(p.spheres)],
        closeness=closeness_to_me(network, view),
    )


def layout_input_of(read: GraphRows, *, fresh: bool = False) -> LayoutInput:
    """:func:`layout_input` of a map read without its people and ties
    (:func:`relmap.store.positions.read_graph`): the same arrays as for the network read
    from it."""
    ids, x, y, pinned, is_me, organisations, _versions = _columns(read.people, 7)
    given, received, quality = _columns([read.ratings.get(pid, (None,) * 3) for pid in ids], 3)
    tie_ids, a, b, kinds, strengths = _columns(read.ties, 5)
    me = next((pid for pid, mine in zip(ids, is_me, strict=True) if mine), None)
    trust_given = np.array(given, dtype=float)  # None: NaN
    view = view_of(tuple(ids), trust_given, me, tuple(tie_ids),
                   np.array([a, b], dtype=np.int64).T.reshape(-1, 2),
                   np.array(strengths, dtype=np.int8), kinds)
    return _input(
        view,
        fresh=fresh,
        x=x,
        y=y,
        pinned=pinned,
        quality=quality,
        organisations=organisations,
        spheres=[(view.row[PersonId(pid)], sid) for pid, sid in read.spheres],
        closeness=closeness_of(view, trust_given, np.array(received, dtype=float)),
    )


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """``rows`` as columns (``zip(*rows)`` would pass each row as an argument of its own)."""
    return [list(map(itemgetter(k), rows)) for k in range(width)]


def _input(view: GraphView, *, fresh: bool, x: Sequence[float | None],
           y: Sequence[float | None], pinned: Sequence[bool], quality: Sequence[int | None],
           organisations: Sequence[str], spheres: Sequence[tuple[int, int]],
           closeness: np.ndarray) -> LayoutInput:
    """The arrays for the engine from the columns of the people of ``view``, in its rows:
    ``spheres`` (row, sphere) in order of row."""
    was = np.array([x, y], dtype=float).T.reshape(-1, 2)  # None: NaN
    fixed = np.array(pinned, dtype=bool)
    if view.me is not None:
        fixed[view.me] = True
    placed = ~np.isnan(was).any(axis=1)
    pos = np.where((placed & (fixed | (not fresh)))[:, None], was, np.nan)
    me = view.me or 0
    if len(view) and np.isnan(pos[me]).any():
        pos[me] = (0.0, 0.0)
    # as node_radius draws each person by default: sized by quality, me larger
    sizes = np.array([rating_radius(q) for q in quality], dtype=float)
    if view.me is not None:
        sizes[view.me] = ME_RADIUS
    return LayoutInput(
        ids=list(view.ids),
        edges=view.edges,
        weights=view.weights,
        pos=pos,
        was=np.where(placed[:, None], was, np.nan),
        fixed=fixed,
        sizes=sizes,
        closeness=closeness,
        me=me,
        incremental=not fresh,
        groups=_groups(organisations, spheres, view.me),
    )


# A shared organisation or sphere pulls as hard as an average tie: a LinkedIn import, tied
# to me alone, then gathers in visible clusters instead of one disc around me, while real
# ties, which add up, still decide where a person has several.
GROUP_WEIGHT = 1.0


def _groups(organisations: Sequence[str], spheres: Sequence[tuple[int, int]],
            me: int | None) -> tuple[np.ndarray, ...]:
    """The rows of each organisation (legal forms aside) and each sphere of two or more
    people, me left out: the layout draws each group together."""
    of_row: defaultdict[int, list[int]] = defaultdict(list)
    for row, sid in spheres:
        of_row[row].append(sid)
    keys = {name: organisation_key(name) for name in set(organisations)}  # most repeat
    members: dict[object, list[int]] = {}
    for row, organisation in enumerate(organisations):
        if row == me:
            continue
        if org := keys[organisation]:
            members.setdefault(("org", org), []).append(row)
        for sid in of_row.get(row, ()):
            members.setdefault(("sphere", sid), []).append(row)
    return tuple(np.array(rows, dtype=np.int64) for rows in members.values() if len(rows) > 1)


def compute_layout(
    data: LayoutInput,
    *,
    seed: int = 0,
    ego: bool = False,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """Positions for every row of ``data``; fixed rows keep theirs. Laid out afresh around
    me alone, the map is turned to keep its orientation (``layout.placement.turned_to``)."""
    return _kept_turned(data, _computed(data, seed, ego, progress, cancelled))


def _kept_turned(data: LayoutInput, out: np.ndarray) -> np.ndarray:
    """``out`` turned about me to the map as it was, where it was laid out afresh and
    nobody else is pinned (pinned people hold a map's orientation themselves)."""
    others = data.fixed.copy()
    others[data.me] = False
    if data.incremental or others.any() or not data.fixed[data.me]:
        return out
    return turned_to(out, data.was, data.me)


def _computed(data: LayoutInput, seed: int, ego: bool,
              progress: Callable[[float], None] | None,
              cancelled: Callable[[], bool] | None) -> np.ndarray:
    if ego:
        out = ego_layout(
            len(data.ids),
            data.edges,
            center=data.me,
            closeness=data.closeness,
            sizes=data.sizes,
            weights=data.weights,
            groups=data.groups,
            group_weight=GROUP_WEIGHT,
            seed=seed,
            progress=progress,
            cancelled=cancelled,
        )
        centred: np.ndarray = out + (data.pos[data.me] - out[data.me])
        return centred
    return force_layout(
        len(data.ids),
        data.edges,
        weights=data.weights,
        pos=data.pos,
        fixed=data.fixed,
        sizes=data.sizes,
        seed=seed,
        groups=data.groups,
        group_weight=GROUP_WEIGHT,
        incremental=data.incremental,
        progress=progress,
        cancelled=cancelled,
    )


RINGS = 5  # the ego layout's closeness bands
# Two neighbouring rings are named this far round from each other, where their people leave
# room: nearer, the names of two rings a few pixels apart ran into each other.
RING_NAMES_APART = math.radians(40)
# Where I am, and the rings of an ego layout around me (radius, band, where to name it).
Rings = tuple[tuple[float, float], list[tuple[float, int, float]]]


def ego_rings(
    data: LayoutInput, out: np.ndarray, rings: int = RINGS
) -> list[tuple[float, int, float]]:
    """The rings an ego layout ``out`` of ``data`` put people on, innermost first: (radius
    around me, band, the angle of the widest gap between its people, where to name it); a
    band nobody is in has no ring."""
    return _rings(data.closeness, data.me, out, rings)


def _rings(closeness: np.ndarray, me: int, out: np.ndarray,
           rings: int = RINGS) -> list[tuple[float, int, float]]:
    """:func:`ego_rings` of people ``out`` by their ``closeness``, me at row ``me``."""
    band = ring_of(closeness, rings)
    offset = out - out[me]
    dist = np.hypot(offset[:, 0], offset[:, 1])
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    found: list[tuple[float, int, float]] = []
    for b in range(rings):
        these = (np.arange(len(out)) != me) & (band == b)
        if these.any():
            inside = found[-1][2] if found else None  # where the ring inside it is named
            at = widest_gap(angle[these], away_from=inside, apart=RING_NAMES_APART)
            found.append((float(np.median(dist[these])), b, at))
    return found


def rings_laid_out(network: Network) -> Rings | None:
    """Where I am and the rings of the ego layout the map is in (nine in ten people within
    one scene unit of their band's circles: :func:`_on_circles`), else None. Reads only
    positions and closeness: once the map is measured its graph view is at hand, and this
    takes 0.06 s at 100,000 people."""
    me = network.me
    if me is None or me.x is None or me.y is None:
        return None
    view = graph_view(network)
    people = [network.people[pid] for pid in view.ids]
    where = np.nan_to_num(np.array([[p.x for p in people], [p.y for p in people]],
                                   dtype=float).T.reshape(-1, 2))
    closeness, row = closeness_to_me(network, view), view.me or 0
    rings = _rings(closeness, row, where)
    dist = np.hypot(*(where - where[row]).T)
    band = ring_of(closeness, RINGS)
    others = np.arange(len(where)) != row
    on = sum(_on_circles(dist[others & (band == b)]) for _, b, _ in rings)
    laid_out = bool(rings) and on >= 0.9 * np.count_nonzero(others)
    return ((me.x, me.y), rings) if laid_out else None


def _on_circles(dist: np.ndarray) -> int:
    """How many of one ring's people, ``dist`` from me, lie within a unit of the circles
    its ``rows_for`` most people are on (one ring of thousands is a band of circles)."""
    values, counts = np.unique(np.round(dist), return_counts=True)
    circles = np.sort(values[np.argsort(-counts, kind="stable")[:rows_for(len(dist))]])
    after = np.minimum(np.searchsorted(circles, dist), len(circles) - 1)
    near = np.minimum(np.abs(dist - circles[after]), np.abs(dist - circles[after - 1]))
    return int(np.count_nonzero(near <= 1.0))


def moves_from(data: LayoutInput, out: np.ndarray) -> dict[PersonId, Position]:
    """The positions ``out`` changes, as MoveNodes entries (people who move are not pinned)."""
    moved = ~data.fixed & (data.was != out).any(axis=1)
    return {data.ids[i]: Position(float(out[i, 0]), float(out[i, 1]), False)
            for i in np.flatnonzero(moved).tolist()}


def placements(
    network: Network,
    *,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[PersonId, Position]:
    """Positions for the people who have none, around the map as it is: near the people
    they know, and near the people they share an organisation or a sphere with (a LinkedIn
    import, tied to me alone, lands by its colleagues instead of in a ring around me)."""
    data = layout_input(network)
    if not np.isnan(data.pos).any():
        return {}
    if network.me is not None:
        data = _placed_by_others(data)
    out = compute_layout(data, seed=seed, progress=progress, cancelled=cancelled)
    unplaced = np.isnan(data.pos).any(axis=1) & ~data.fixed
    return {
        data.ids[i]: Position(float(out[i, 0]), float(out[i, 1]), False)
        for i in np.flatnonzero(unplaced)
    }


def _placed_by_others(data: LayoutInput) -> LayoutInput:
    """``data`` without the ties to me of the people to place who have another placed anchor
    (a tie to someone else placed, or an organisation or sphere with someone placed), each of
    them in only the smallest of its groups that has someone placed.

    On the map everyone is around me, so the tie to me says how close someone is, not where:
    held against the people already placed, it pulled a LinkedIn import halfway back to me
    from the colleagues it shares an organisation with. And an organisation of twelve says
    more about where than a sphere of a thousand, which pulled them away from it.
    """
    new = np.isnan(data.pos).any(axis=1)
    none = np.iinfo(np.int64).max
    smallest = np.full(len(new), none)  # the size of each one's smallest group with someone placed
    for rows in data.groups:
        if (~new[rows]).any():
            smallest[rows] = np.minimum(smallest[rows], len(rows))
    anchored = smallest < none
    a, b = data.edges.T
    others = (a != data.me) & (b != data.me)
    anchored[a[others & ~new[b]]] = True
    anchored[b[others & ~new[a]]] = True
    mine = ~others & ((new & anchored)[a] | (new & anchored)[b])
    groups = tuple(kept for rows in data.groups
                   if len(kept := rows[~new[rows] | (smallest[rows] >= len(rows))]) > 1)
    return replace(data, edges=data.edges[~mine], weights=data.weights[~mine], groups=groups)


def with_placements(
    edit: Edit,
    network: Network,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Edit:
    """``edit`` and positions for the people it leaves without one, as one edit.

    The places are found on a copy of ``network`` with ``edit`` applied, around the map as
    it is; an import is then one undo step whose redo brings its people back where they
    were put. ``network`` is not changed.
    """
    scratch = network.copy()
    scratch.apply(edit)
    moves = placements(scratch, progress=progress, cancelled=cancelled)
    return Batch((edit, MoveNodes(moves))) if moves else edit
