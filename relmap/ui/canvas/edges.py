"""The ties of the canvas as arrays: drawn by pen class, highlighted, and picked by a click."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, islice
from operator import attrgetter

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from relmap import style
from relmap.analysis.graph import rows_of
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Tie
from relmap.core.network import Network
from relmap.ui.canvas.geometry import (
    arrow_segments,
    bent_again,
    edge_segments,
    elsewhere,
    nearest_segment,
    parallel_bends,
)
from relmap.ui.canvas.layers import (
    EDGE_ALPHA,
    KIND_DASH,
    SOLID,
    EdgeKey,
    EdgeLayers,
    edge_codes,
    edge_key,
    segment_box,
    small_unique,
)

MANY_MOVING = 300
_WIDTHS = np.array([style.strength_width(s) for s in range(6)])  # pen width by strength
MOVING_DRAWN = 2_000
SMOOTH_EDGES_UP_TO = 5_000


class EdgeSet:
    """One row per tie: the two node rows it joins, its pen width, dash, direction and bend."""

    def __init__(self, view: pg.ViewBox) -> None:
        self.layers = EdgeLayers(view, z=0)
        self.moving = EdgeLayers(view, z=5, cached=False)  # edges of nodes being dragged
        # Thousands of long lines following the pointer (dragging me): aliased hairlines.
        self.moving_many = EdgeLayers(view, z=5, cached=False, smooth=False)
        self.highlight = EdgeLayers(view, z=6, cached=False)
        # What the static layers last drew: positions, radii, which ties, their pens.
        self._last: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
        # What the static layers show, and the places of ties taken off since: a tie put
        # back where it was (a drag's drop) is drawn again in its place.
        self._drawing: _Drawing | None = None
        self._codes: tuple[np.ndarray, np.ndarray] | None = None  # see _tie_codes
        self._dims: tuple[np.ndarray, np.ndarray] | None = None  # see _dim
        self.bend = np.zeros(0)
        # The pen class of each segment of the last drawing, and the pens (see pen_boxes).
        self._pens: tuple[np.ndarray, list[EdgeKey]] = (np.zeros(0, dtype=np.int64), [])
        self._erase: dict[EdgeKey, QRectF] = {}  # where ties taken off were, by pen

    def rebuild(self, network: Network, row: Mapping[PersonId, int]) -> None:
        ties = list(network.ties.values())
        self.tie_ids = [t.id for t in ties]
        self.index = {tid: i for i, tid in enumerate(self.tie_ids)}
        # Person ids to rows through arrays: 50,000 ties need no dictionary lookups.
        people = (np.fromiter(row, dtype=np.int64, count=len(row)),
                  np.fromiter(row.values(), dtype=np.int64, count=len(row)))
        self.rows, self.width, self.dash, self.directed = _columns(ties, people)
        self.tone = np.zeros(len(ties), dtype=np.int64)  # see set_tones
        self.ramp: tuple[str, ...] = ()
        self._codes = self._dims = None
        self._arranged()

    def update(self, network: Network, row: Mapping[PersonId, int], ties: Collection[TieId]
               ) -> None:
        """The arrays with ``ties`` added, removed or changed in ``network`` since, as
        :meth:`rebuild` would make them (the people and their rows the same): on a large
        map, without reading every tie again. Tones are then set again (:meth:`set_tones`)."""
        self._codes = self._dims = None
        before = self.bend  # each tie's bend in the last drawing
        pairs = [np.zeros((0, 2), dtype=np.int64)]  # the two people of each tie changed
        gone = [self.index[t] for t in ties if t in self.index and t not in network.ties]
        if gone:
            pairs.append(self.rows[gone])
            keep = np.ones(len(self.tie_ids), dtype=bool)
            keep[gone] = False
            before = before[keep]
            self._keep(keep)
        here = sorted((self.index[t], t) for t in ties if t in network.ties and t in self.index)
        moved_end = False
        if here:
            at = np.array([i for i, _ in here], dtype=np.intp)
            rows, self.width[at], self.dash[at], self.directed[at] = _columns(
                [network.ties[t] for _, t in here], row)
            moved_end = not np.array_equal(self.rows[at], rows)
            pairs += [self.rows[at], rows]
            self.rows[at] = rows
        added = {t for t in ties if t in network.ties and t not in self.index}
        # New ties come last in the network's order, as they were added.
        new = [network.ties[t] for t in reversed(list(islice(reversed(network.ties), len(added))))]
        if {t.id for t in new} != added:  # not so: the order can only be read whole
            self.rebuild(network, row)
            return
        if new:
            self.index.update((t.id, len(self.tie_ids) + i) for i, t in enumerate(new))
            self.tie_ids += [t.id for t in new]
            columns = _columns(new, row)
            pairs.append(columns[0])
            self.rows, self.width, self.dash, self.directed = (
                np.concatenate(pair) for pair in zip(
                    (self.rows, self.width, self.dash, self.directed), columns, strict=True))
        self.tone = np.zeros(len(self.tie_ids), dtype=np.int64)
        if new and self._last is not None:  # drawn at the next draw, as ties that were not
            at, radius, drawn, code = self._last
            self._last = (at, radius, np.concatenate([drawn, np.zeros(len(new), dtype=bool)]),
                          np.concatenate([code, np.full(len(new), -1, dtype=code.dtype)]))
        if gone or new or moved_end:
            bend = bent_again(self.rows, np.concatenate([before, np.zeros(len(new))]),
                              np.concatenate(pairs))
            self._arranged(None if moved_end else before, bend)

    def renumber(self, new_row: np.ndarray) -> None:
        """Node rows renumbered as ``new_row[old]`` after people went (-1 for theirs): their
        ties go too, the others stay in order."""
        self._codes = self._dims = None
        self.rows = new_row[self.rows]
        keep = np.all(self.rows >= 0, axis=1)
        before = self.bend[keep]
        self._keep(keep)
        if self._last is not None and len(self._last[0]) == len(new_row):
            at, radius, drawn, code = self._last
            people = new_row >= 0
            self._last = (at[people], radius[people], drawn, code)
            if not keep.all():  # else the same ties, bent as they were
                self._arranged(before, before)  # a pair's ties go all together
        else:
            self._arranged()

    def _keep(self, keep: np.ndarray) -> None:
        """Only the ties where ``keep``; the last drawing (if any) without the others, where
        they were left to repaint at the next draw."""
        if keep.all():
            return
        if self._drawing is not None and self._last is not None:
            drawing, (classes, keys) = self._drawing, self._pens
            self._erase = united(self._erase, pen_boxes(drawing, classes, keys, ~keep))
            kept, number = keep[drawing.owners], np.cumsum(keep) - 1
            self._drawing = _Drawing(drawing.segments[kept], number[drawing.owners[kept]],
                                     int(kept[: drawing.lines].sum()))
            self._pens = (classes[kept], keys)
            at, radius, drawn, code = self._last
            self._last = (at, radius, drawn[keep], code[keep])
        # The ids after the first taken off move up; those before keep their place.
        first = int(np.argmin(keep))
        for tid in compress(self.tie_ids[first:], (~keep[first:]).tolist()):
            del self.index[tid]
        self.tie_ids[first:] = compress(self.tie_ids[first:], keep[first:].tolist())
        self.index.update((tid, first + i) for i, tid in enumerate(self.tie_ids[first:]))
        self.rows, self.width, self.dash, self.directed, self.tone = (
            self.rows[keep], self.width[keep], self.dash[keep], self.directed[keep],
            self.tone[keep])

    def _arranged(self, before: np.ndarray | None = None, bend: np.ndarray | None = None
                  ) -> None:
        """Bends for ties just arranged anew (``bend``, if worked out already), and no last
        drawing to patch. But if ``before`` gives the bend each tie had in the last drawing
        (ties added since come after it), that drawing is patched at the next draw instead
        (on a large map a tie added or taken off repaints only around itself), unless a tie
        in it bends anew: a second tie between the same two people came or went."""
        self.bend = parallel_bends(self.rows) if bend is None else bend
        if before is None or self._last is None \
                or not np.array_equal(self.bend[: len(before)], before):
            self._last, self._drawing, self._erase = None, None, {}
        # Smooth, translucent lines cost seconds per repaint by the tens of thousands: large
        # maps draw them aliased and opaque (the exported map stays smooth).
        self.layers.set_smooth(len(self.tie_ids) <= SMOOTH_EDGES_UP_TO)

    def set_tones(self, levels: Mapping[TieId, int], ramp: tuple[str, ...] = ()) -> None:
        """Colour these ties by level (0–4 of ``ramp``); the others plain."""
        self.ramp, self._codes = ramp, None
        self.tone = np.zeros(len(self.tie_ids), dtype=np.int64)
        for tid, level in levels.items():
            if tid in self.index:
                self.tone[self.index[tid]] = level + 1

    def touching(self, rows: np.ndarray) -> np.ndarray:
        """Indices of the edges with an end in ``rows``."""
        marked = np.zeros(int(self.rows.max(initial=-1)) + 1, dtype=bool)
        marked[rows[rows < len(marked)]] = True
        return np.flatnonzero(self._either(marked))

    def _either(self, flag: np.ndarray) -> np.ndarray:
        """Per edge: whether ``flag`` (per node row) is set at either end. Two lookups, a
        third of the time of a reduction over pairs on a large map."""
        return np.asarray(flag[self.rows[:, 0]] | flag[self.rows[:, 1]])

    def draw(
        self,
        pos: np.ndarray,
        radius: np.ndarray,
        shown: np.ndarray,
        faded: np.ndarray,
        *,
        only: np.ndarray | None = None,
        exclude: np.ndarray | None = None,
        moving: bool = False,
        without: int | None = None,
    ) -> None:
        """Draw the edges (``only`` some, or all but ``exclude``) between shown nodes, but
        for those of the node at row ``without``, if given."""
        if only is not None:
            idx = only
        elif exclude is None:
            idx = np.arange(len(self.tie_ids))
        else:
            kept = np.ones(len(self.tie_ids), dtype=bool)
            kept[exclude] = False
            idx = np.flatnonzero(kept)
        if not shown.all():
            idx = idx[~self._either(~shown)[idx]]
        if without is not None:
            idx = idx[(self.rows[idx] != without).all(axis=1)]
        if moving and len(idx) > MOVING_DRAWN:
            # Dragging a hub: an even share of its ties shows the motion as well as all of
            # them, at a fraction of the pixels per frame; all are drawn when it lands.
            idx = idx[np.linspace(0, len(idx) - 1, MOVING_DRAWN).astype(int)]

        dim = self._dim(faded)

        def pens(ties: np.ndarray, solid: bool = False) -> np.ndarray:
            return edge_codes(self.width, self.dash, self.tone, dim, ties, solid=solid)

        if moving:
            drawing = self._geometry(pos, radius, idx)
            classes, keys = self._classes(pens(drawing.owner), pens(drawing.arrow_owner, True))
            layers = self.moving
            if len(idx) > MANY_MOVING:
                layers = self.moving_many
                keys, classes = [(1.0, SOLID, EDGE_ALPHA, style.EDGE)], np.zeros_like(classes)
            layers.set_segments(drawing.segments, classes, keys)
            return
        drawn = np.zeros(len(self.tie_ids), dtype=bool)
        drawn[idx] = True
        tie_code = self._tie_codes(dim)  # to see which ties changed pen
        changed = self._changed(pos, radius, drawn, tie_code)
        where, gone = None, None
        if changed is None or self._drawing is None:
            self._drawing = self._geometry(pos, radius, idx)
        else:  # the last drawing, with the changed ties (if any) drawn again
            gone = np.zeros(len(self.tie_ids), dtype=bool)
            gone[changed] = True
            where = united(self._erase, pen_boxes(self._drawing, *self._pens, gone))  # were
            now = changed[drawn[changed]]
            if len(now):
                drew = np.zeros(len(self.tie_ids), dtype=bool)
                drew[now] = True
                self._drawing = self._drawing.redrawn(drew, self._geometry(pos, radius, now))
        self._erase = {}
        self._last = (pos.copy(), radius.copy(), drawn, tie_code)
        drawing = self._drawing
        # (take: half the time of indexing, by the segments of a large map)
        classes, keys = self._classes(np.take(tie_code, drawing.owner),
                                      pens(drawing.arrow_owner, True))
        classes[~np.take(drawn, drawing.owners)] = len(keys)  # taken off: no pen
        self._pens = (classes, keys)
        fresh = None if gone is None else np.take(gone, drawing.owners)
        if where is not None and gone is not None:  # and where they are now
            where = united(where, pen_boxes(drawing, classes, keys, gone))
        self.layers.set_segments(drawing.segments, classes, keys, where, fresh)

    def _dim(self, faded: np.ndarray) -> np.ndarray:
        """Per tie: whether ``faded`` (per node row) is set at either end, as last worked out
        if ``faded`` and the ties are the same. Where my ties are drawn faint nearly every
        draw has some faded: looking up both ends of every tie took 3 ms of each drag frame
        on a 100,000-person map."""
        if not faded.any():
            return np.zeros(len(self.rows), dtype=bool)
        if self._dims is None or not np.array_equal(self._dims[0], faded):
            self._dims = (faded.copy(), self._either(faded))
        return self._dims[1]

    def _tie_codes(self, dim: np.ndarray) -> np.ndarray:
        """Each tie's pen code (``dim``: whether each is faded), as last worked out if the
        ties, their pens and ``dim`` are the same: at each drag start and drop on a large map,
        a pass over every tie less."""
        if self._codes is None or not np.array_equal(self._codes[0], dim):
            ties = np.arange(len(self.tie_ids))
            self._codes = (dim, edge_codes(self.width, self.dash, self.tone, dim, ties))
        return self._codes[1]

    def _classes(self, *codes: np.ndarray) -> tuple[np.ndarray, list[EdgeKey]]:
        """The pen class of each segment of ``codes`` (lines, then arrowheads) and each
        class's pen."""
        present, classes = small_unique(np.concatenate(codes))
        return classes, [edge_key(int(c), self.ramp) for c in present]

    def _geometry(self, pos: np.ndarray, radius: np.ndarray, ties: np.ndarray) -> _Drawing:
        segs, owner = edge_segments(pos, self.rows[ties], self.bend[ties])
        arrows_of = ties[self.directed[ties]]
        arrows = arrow_segments(pos, self.rows[arrows_of], self.bend[arrows_of], radius)
        return _Drawing(np.concatenate([segs, arrows]),  # two wings to each arrowhead
                        np.concatenate([ties[owner], np.tile(arrows_of, 2)]), len(segs))

    def _changed(self, pos: np.ndarray, radius: np.ndarray, drawn: np.ndarray,
                 code: np.ndarray) -> np.ndarray | None:
        """The ties whose drawing changed since the static layers' last one: put on or taken
        off, moved (or an end resized: arrowheads touch the rim), or given another pen.
        None: too many to patch (or no drawing yet)."""
        if self._last is None or len(pos) < len(self._last[0]):
            return None
        was_at, was_radius, was_drawn, was_code = self._last
        n = len(was_at)  # people added since come after: as if moved
        shifted = self._either(np.concatenate([
            elsewhere(pos[:n], was_at) | (radius[:n] != was_radius),
            np.ones(len(pos) - n, dtype=bool)]))
        ties = np.flatnonzero((drawn != was_drawn) | ((drawn | was_drawn) & shifted)
                              | (drawn & (code != was_code)))
        return None if len(ties) > max(MANY_MOVING, len(drawn) // 20) else ties

    def draw_highlight(self, tie: TieId | None, pos: np.ndarray) -> None:
        if tie is None or tie not in self.index:
            self.highlight.clear()
            return
        i = np.array([self.index[tie]])
        segs, _ = edge_segments(pos, self.rows[i], self.bend[i])
        key = (float(self.width[i[0]]) + 3.0, SOLID, 200, style.SELECTED)
        self.highlight.set_segments(segs, np.zeros(len(segs), dtype=int), [key])

    def tie_at(self, point: np.ndarray, tolerance: float) -> TieId | None:
        """The tie drawn nearest ``point`` (scene units), if within ``tolerance``."""
        if self._drawing is None or self._last is None:
            return None
        owner = self._drawing.owner
        hit = nearest_segment(point, self._drawing.segs, tolerance, among=self._last[2][owner])
        return None if hit is None else self.tie_ids[int(owner[hit])]


def _columns(ties: Sequence[Tie],
             row_of: tuple[np.ndarray, np.ndarray] | Mapping[PersonId, int]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each tie's two node rows, pen width, dash and direction (``row_of`` maps person ids to
    rows: for many ties, as the ids and their rows in two arrays; for a few, a mapping)."""
    n = len(ties)

    def column(name: str, dtype: type) -> np.ndarray:  # a third faster than a generator
        return np.fromiter(map(attrgetter(name), ties), dtype=dtype, count=n)

    if isinstance(row_of, tuple):
        ids, rows_there = row_of
        rows = rows_there[rows_of(ids, np.column_stack((column("a", np.int64),
                                                         column("b", np.int64))))]
    else:
        rows = np.array([(row_of[t.a], row_of[t.b]) for t in ties], dtype=np.int64).reshape(-1, 2)
    dash = np.fromiter(map(KIND_DASH.__getitem__, map(attrgetter("kind"), ties)),
                       dtype=np.int64, count=n)
    return rows, _WIDTHS[column("strength", np.int64)], dash, column("directed", bool)


def pen_boxes(drawing: _Drawing, classes: np.ndarray, keys: Sequence[EdgeKey],
              ties: np.ndarray) -> dict[EdgeKey, QRectF]:
    """Around the segments ``drawing`` has of the ties flagged in ``ties``, by pen (segment
    ``i`` in ``keys[classes[i]]``, none if ``len(keys)``).

    A drag's start and drop then repaint each pen's layer only around its own changed
    segments: a long tie to me crosses the middle of the map, where thousands of my ties
    meet, and only its own pen's layer has to be drawn again there.
    """
    picked = np.flatnonzero(ties[drawing.owners] & (classes < len(keys)))
    of = classes[picked]
    return {keys[c]: segment_box(drawing.segments[picked[of == c]])
            for c in np.unique(of).tolist()}


def united(*boxes: Mapping[EdgeKey, QRectF]) -> dict[EdgeKey, QRectF]:
    """The rectangles of each pen in ``boxes`` as one."""
    out: dict[EdgeKey, QRectF] = {}
    for each in boxes:
        for key, box in each.items():
            out[key] = out[key] | box if key in out else box
    return out


@dataclass(frozen=True)
class _Drawing:
    """The segments of some ties and the tie each is drawn for: lines, then arrowheads, in
    one array (the layers take it whole, without a copy)."""

    segments: np.ndarray  # (s + a, 2, 2)
    owners: np.ndarray  # (s + a,) the tie index of each
    lines: int  # s: the segments before it are lines, the rest arrowheads

    @property
    def segs(self) -> np.ndarray:
        return self.segments[: self.lines]

    @property
    def owner(self) -> np.ndarray:
        return self.owners[: self.lines]

    @property
    def arrow_owner(self) -> np.ndarray:
        return self.owners[self.lines :]

    def redrawn(self, ties: np.ndarray, new: _Drawing) -> _Drawing:
        """This drawing with the ties flagged in ``ties`` drawn as ``new`` draws them. Ties
        already here with as many segments, in the same order (ties moved, or put back after
        a drag), are overwritten in place: on a large map, copying every segment twice cost
        each drag tens of milliseconds and megabytes. Otherwise they are taken out and
        ``new`` added at the end."""
        taken = ties[self.owners]
        places = np.flatnonzero(taken)
        if np.array_equal(self.owners[places], new.owners):
            self.segments[places] = new.segments
            return self
        keep, n, m = ~taken, self.lines, new.lines

        def joined(here: np.ndarray, added: np.ndarray) -> np.ndarray:
            return np.concatenate([here[:n][keep[:n]], added[:m], here[n:][keep[n:]], added[m:]])

        return _Drawing(joined(self.segments, new.segments), joined(self.owners, new.owners),
                        int(keep[:n].sum()) + m)
