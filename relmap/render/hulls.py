"""Sphere hulls: padded, rounded convex outlines around the groups of a sphere's members."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from functools import lru_cache
from typing import Any, cast

import numpy as np
from PySide6.QtGui import QColor, QPainterPath, QPolygonF
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError, cKDTree
from shiboken6 import VoidPtr

from relmap.style import HULL_ALPHA

_ARC_POINTS = 16  # points per padding circle: enough for a smooth outline


def padded_hull(points: np.ndarray, pad: float) -> np.ndarray:
    """The convex hull of ``points`` grown by ``pad`` with round corners, as a closed polygon.

    Parameters
    ----------
    points
        ``(n, 2)`` positions, ``n >= 1``.
    pad
        Distance from the outermost points to the outline (> 0).

    Returns
    -------
    numpy.ndarray
        ``(k, 2)`` polygon vertices in counter-clockwise order (the hull of a circle of radius
        ``pad`` around every point, sampled at ``_ARC_POINTS`` points each).
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    outer = np.arange(len(pts))
    # A few points' circles make one hull faster than two. All points on one line: each
    # may be on the outline.
    if len(pts) > _FEW:
        with suppress(QhullError):
            outer = ConvexHull(pts).vertices
    cloud = (pts[outer, None, :] + _circle(pad)[None, :, :]).reshape(-1, 2)
    return np.asarray(cloud[ConvexHull(cloud).vertices])


_FEW = 16  # most hulls of a large map are around a handful of people


@lru_cache(maxsize=8)
def _circle(pad: float) -> np.ndarray:
    """``_ARC_POINTS`` points on a circle of radius ``pad`` around the origin."""
    angles = np.linspace(0.0, 2 * np.pi, _ARC_POINTS, endpoint=False)
    circle: np.ndarray = pad * np.column_stack([np.cos(angles), np.sin(angles)])
    circle.setflags(write=False)
    return circle


def median_gap(points: np.ndarray) -> float:
    """The median distance from a point of ``points`` ``(n >= 2, 2)`` to the nearest other:
    on a large map, of a sample of ``_GAP_SAMPLE`` points spread through them (at 100,000
    people, a third of the time)."""
    stride = len(points) // _GAP_SAMPLE + 1
    gaps, _ = cKDTree(points, balanced_tree=False).query(points[::stride], k=2)
    return float(np.median(gaps[:, 1]))


_GAP_SAMPLE = 5_000


def groups(points: np.ndarray, link: float) -> list[np.ndarray]:
    """Rows of ``points`` split into groups whose members are chained by gaps below ``link``.

    A sphere whose members sit in two corners of the map gets two hulls instead of one that
    covers everything in between.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) <= 1:
        return [np.arange(len(pts))]
    pairs = cKDTree(pts).query_pairs(link, output_type="ndarray")
    graph = coo_matrix(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(pts), len(pts))
    )
    _, label = connected_components(graph, directed=False)
    order = np.argsort(label, kind="stable")  # each group's rows in ascending order
    return np.split(order, np.cumsum(np.bincount(label))[:-1])


def sphere_hulls(points: np.ndarray, *, pad: float, link: float, min_size: int = 2,
                 earlier: Mapping[bytes, np.ndarray] | None = None) -> dict[bytes, np.ndarray]:
    """Padded hulls around each group (see ``groups``) of at least ``min_size`` members, by
    the group's points as bytes. A group of ``earlier`` (a result for the same ``pad``)
    keeps its polygon: when one person of a large sphere moves, one or two hulls change."""
    hulls = {}
    for rows in groups(points, link):
        if len(rows) >= min_size:
            inside = points[rows]
            key = inside.tobytes()
            known = None if earlier is None else earlier.get(key)
            hulls[key] = padded_hull(inside, pad) if known is None else known
    return hulls


def polygon_path(polygon: np.ndarray) -> QPainterPath:
    """A closed painter path through the vertices of ``polygon`` ``(k, 2)``."""
    points = QPolygonF()
    points.resize(len(polygon))
    if len(polygon):  # filled through its memory: a QPointF at a time took ten times as long
        # (the 1,600 hulls of a 100,000-person map: 0.15-0.17 s against 0.02 s)
        memory = _memory(points.data(), 2 * len(polygon) * _DOUBLE, True)  # writable
        np.frombuffer(memory, np.float64).reshape(-1, 2)[:] = polygon
    path = QPainterPath()
    path.addPolygon(points)
    path.closeSubpath()
    return path


_DOUBLE = np.dtype(np.float64).itemsize  # a QPointF is two of them
# shiboken's pointer, whose stubs know only an address: it takes any pointer with its size,
# and gives that memory as a buffer
_memory = cast(Any, VoidPtr)


def hull_colours(colour: str) -> tuple[QColor, QColor]:
    """The fill and the outline of a hull of ``colour``: translucent, the outline less so."""
    fill, line = QColor(colour), QColor(colour)
    fill.setAlpha(HULL_ALPHA)
    line.setAlpha(min(255, HULL_ALPHA * 3))
    return fill, line
