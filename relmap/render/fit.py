"""Fits the scene to the map area: scale, node sizes, labels, and bounds that include them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from relmap import style
from relmap.render.labels import Placement, place_labels
from relmap.render.page import Fonts, mm
from relmap.render.scene import MapScene

_MAX_NODE_MM = 4.0  # an ordinary node is never drawn wider than this...
_MIN_NODE_MM = 0.35  # ...nor smaller than this
_LABEL_PAD = 0.18  # label backdrop padding, in label heights


@dataclass(frozen=True, slots=True, eq=False)
class MapGeometry:
    """The scene in device pixels: node centres and radii, placed labels, hull outlines."""

    xy: np.ndarray
    radius: np.ndarray
    labels: Placement
    hulls: tuple[tuple[str, np.ndarray], ...]
    scale: float  # device pixels per scene unit
    edge_scale: float  # device pixels per screen pixel of tie width
    outline: float  # node outline width in device pixels
    min_radius: float

    def bounds(self) -> tuple[float, float, float, float]:
        """The box around every node, label and hull: what must fit on the page."""
        boxes = [np.column_stack([self.xy - self.radius[:, None], self.xy + self.radius[:, None]])]
        boxes.append(self.labels.rects)
        boxes += [np.concatenate([p.min(axis=0), p.max(axis=0)])[None, :] for _, p in self.hulls]
        every = np.concatenate([b.reshape(-1, 4) for b in boxes])
        return (float(every[:, 0].min()), float(every[:, 1].min()),
                float(every[:, 2].max()), float(every[:, 3].max()))


def label_sizes(scene: MapScene, fonts: Fonts) -> np.ndarray:
    """``(n, 2)`` width and height of each label's backdrop in device pixels."""
    plain, bold = QFontMetricsF(fonts.label), QFontMetricsF(fonts.label_me)
    sizes = np.zeros((len(scene), 2))
    for row, text in enumerate(scene.labels):
        metrics = bold if scene.bold(row) else plain
        pad = metrics.height() * _LABEL_PAD
        sizes[row] = (metrics.horizontalAdvance(text) + 2 * pad, metrics.height())
    return sizes


def fit_map(
    scene: MapScene, area: QRectF, fonts: Fonts, *, dpi: float, leader_lines: bool = True
) -> MapGeometry:
    """Scale and place the scene so that nodes, labels and hulls all lie inside ``area``.

    The scale is first chosen with room for typical labels at the edges, the labels placed,
    and the scale then grown to use the room the labels left; labels that find no free spot
    inside ``area`` are dropped, never clipped. The result is centred in ``area``.

    Parameters
    ----------
    scene
        What to draw, in scene units.
    area
        The map's part of the page, in device pixels.
    fonts
        The label fonts (their metrics size the labels).
    dpi
        Device pixels per inch: sets line widths and the node size limits.
    leader_lines
        Let crowded labels sit further out, joined to their node by a line.

    Returns
    -------
    MapGeometry
        Node centres and radii, placed labels and hulls in device pixels.
    """
    if not len(scene):
        return _geometry(scene, 1.0, np.zeros(2), area, np.zeros((0, 2)), dpi, leader_lines)
    sizes = label_sizes(scene, fonts)
    lo, extent = _extent(scene)
    cap = mm(_MAX_NODE_MM, dpi) / style.NODE_RADIUS
    top = sizes[scene.order[:50]]
    inset = np.array([np.median(top[:, 0]) * 0.6, np.max(top[:, 1]) * 1.5])
    room = np.maximum(np.array([area.width(), area.height()]) - 2 * inset, 1.0)
    scale = min(cap, float(np.min(room / extent)))
    origin = np.array([area.center().x(), area.center().y()]) - extent * scale / 2
    geo = _geometry(scene, scale, origin - lo * scale, area, sizes, dpi, leader_lines)
    x0, y0, x1, y1 = geo.bounds()
    near = origin  # the node extent's top-left corner on the page
    far = origin + extent * scale
    before, after = near - (x0, y0), np.array([x1, y1]) - far
    grown = min(cap, float(np.min((np.array([area.width(), area.height()]) - before - after)
                                  / extent)))
    if grown > scale * 1.03:
        origin = np.array([area.left(), area.top()]) + before
        geo = _geometry(scene, grown, origin - lo * grown, area, sizes, dpi, leader_lines)
    return _centred(geo, area)


def _extent(scene: MapScene) -> tuple[np.ndarray, np.ndarray]:
    """Top-left corner and size, in scene units, of the nodes and hulls."""
    lo = (scene.pos - scene.radius[:, None]).min(axis=0)
    hi = (scene.pos + scene.radius[:, None]).max(axis=0)
    for _, polygon in scene.hulls:
        lo, hi = np.minimum(lo, polygon.min(axis=0)), np.maximum(hi, polygon.max(axis=0))
    return lo, np.maximum(hi - lo, 1e-6)


def _geometry(
    scene: MapScene, scale: float, offset: np.ndarray, area: QRectF, sizes: np.ndarray,
    dpi: float, leader_lines: bool,
) -> MapGeometry:
    screen = dpi / style.SCREEN_DPI  # device pixels per screen pixel
    zoom = scale / screen  # scene units are this many screen pixels big
    min_radius = mm(_MIN_NODE_MM, dpi)
    xy = scene.pos * scale + offset
    radius = np.maximum(scene.radius * scale, min_radius)
    bounds = (area.left(), area.top(), area.right(), area.bottom())
    gap = max(1.0, 0.25 * float(np.median(sizes[:, 1]))) if len(sizes) else 1.0
    labels = place_labels(xy, radius, sizes, scene.order, bounds=bounds, gap=gap,
                          leader_lines=leader_lines)
    hulls = tuple((colour, polygon * scale + offset) for colour, polygon in scene.hulls)
    return MapGeometry(
        xy=xy, radius=radius, labels=labels, hulls=hulls, scale=scale,
        edge_scale=screen * float(np.clip(zoom ** 0.5, 0.35, 1.0)),
        outline=min(style.NODE_OUTLINE_PX * screen * float(np.clip(zoom, 0.4, 1.0)),
                    0.25 * float(radius.min()) if len(radius) else 1.0),
        min_radius=min_radius,
    )


def _centred(geo: MapGeometry, area: QRectF) -> MapGeometry:
    x0, y0, x1, y1 = geo.bounds()
    shift = np.array([area.center().x() - (x0 + x1) / 2, area.center().y() - (y0 + y1) / 2])
    placed = geo.labels
    offset = np.tile(shift, 2)
    moved = Placement(placed.rows, placed.rects + offset, placed.leaders + offset)
    return MapGeometry(
        xy=geo.xy + shift, radius=geo.radius, labels=moved,
        hulls=tuple((c, p + shift) for c, p in geo.hulls), scale=geo.scale,
        edge_scale=geo.edge_scale, outline=geo.outline, min_radius=geo.min_radius,
    )
