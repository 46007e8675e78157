"""Fits the scene to the map area: scale, node sizes, labels, the ego layout's rings, and bounds
that include them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from relmap import style
from relmap.render.labels import Placement, place_labels
from relmap.render.page import Fonts, mm
from relmap.render.rings import EgoRings, zone_bounds
from relmap.render.scene import MapScene

_MAX_NODE_MM = 4.0  # an ordinary node is never drawn wider than this...
_MIN_NODE_MM = 0.35  # ...nor smaller than this
_LABEL_PAD = 0.18  # label backdrop padding, in label heights


@dataclass(frozen=True, slots=True, eq=False)
class RingsOnPage:
    """The ego layout's rings in device pixels: their centre and radii, and each one's name
    and the box it is written in."""

    centre: np.ndarray
    radii: np.ndarray
    names: tuple[str, ...]
    name_rects: np.ndarray  # (k, 4) x0, y0, x1, y1

    @property
    def zones(self) -> list[tuple[float, float]]:
        """Each ring's zone, its inner and outer radius (:func:`zone_bounds`)."""
        return zone_bounds(self.radii.tolist())

    def moved(self, shift: np.ndarray) -> RingsOnPage:
        return RingsOnPage(self.centre + shift, self.radii, self.names,
                           self.name_rects + np.tile(shift, 2))


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
    rings: RingsOnPage | None = None

    def bounds(self) -> tuple[float, float, float, float]:
        """The box around every node, label, hull and ring (its zone, its name): what must
        fit on the page."""
        boxes = [np.column_stack([self.xy - self.radius[:, None], self.xy + self.radius[:, None]])]
        boxes.append(self.labels.rects)
        if self.rings is not None:
            boxes.append(self.rings.name_rects)
            if zones := self.rings.zones:
                outer = zones[-1][1]
                boxes.append(np.concatenate([self.rings.centre - outer,
                                             self.rings.centre + outer])[None, :])
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


def ring_font(fonts: Fonts) -> QFont:
    """The font of the rings' names: the labels', in italics."""
    font = QFont(fonts.label)
    font.setItalic(True)
    return font


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
    metrics = QFontMetricsF(ring_font(fonts))
    pad = metrics.height() * _LABEL_PAD
    named = [(name, metrics.horizontalAdvance(name) + 2 * pad, metrics.height())
             for _, name, _ in (scene.rings.rings if scene.rings else ())]
    if not len(scene):
        return _geometry(scene, 1.0, np.zeros(2), area, np.zeros((0, 2)), dpi, leader_lines,
                         named)
    sizes = label_sizes(scene, fonts)
    lo, extent = _extent(scene)
    cap = mm(_MAX_NODE_MM, dpi) / style.NODE_RADIUS
    top = sizes[scene.order[:50]]
    inset = np.array([np.median(top[:, 0]) * 0.6, np.max(top[:, 1]) * 1.5])
    room = np.maximum(np.array([area.width(), area.height()]) - 2 * inset, 1.0)
    scale = min(cap, float(np.min(room / extent)))
    origin = np.array([area.center().x(), area.center().y()]) - extent * scale / 2
    geo = _geometry(scene, scale, origin - lo * scale, area, sizes, dpi, leader_lines, named)
    x0, y0, x1, y1 = geo.bounds()
    near = origin  # the node extent's top-left corner on the page
    far = origin + extent * scale
    before, after = near - (x0, y0), np.array([x1, y1]) - far
    grown = min(cap, float(np.min((np.array([area.width(), area.height()]) - before - after)
                                  / extent)))
    if grown > scale * 1.03:
        origin = np.array([area.left(), area.top()]) + before
        geo = _geometry(scene, grown, origin - lo * grown, area, sizes, dpi, leader_lines,
                        named)
    return _centred(geo, area)


def _extent(scene: MapScene) -> tuple[np.ndarray, np.ndarray]:
    """Top-left corner and size, in scene units, of the nodes, hulls and rings."""
    lo = (scene.pos - scene.radius[:, None]).min(axis=0)
    hi = (scene.pos + scene.radius[:, None]).max(axis=0)
    for _, polygon in scene.hulls:
        lo, hi = np.minimum(lo, polygon.min(axis=0)), np.maximum(hi, polygon.max(axis=0))
    if scene.rings is not None and scene.rings.rings:
        _, outer = zone_bounds([radius for radius, _, _ in scene.rings.rings])[-1]
        centre = np.asarray(scene.rings.centre)
        lo, hi = np.minimum(lo, centre - outer), np.maximum(hi, centre + outer)
    return lo, np.maximum(hi - lo, 1e-6)


def _geometry(
    scene: MapScene, scale: float, offset: np.ndarray, area: QRectF, sizes: np.ndarray,
    dpi: float, leader_lines: bool, named: list[tuple[str, float, float]],
) -> MapGeometry:
    screen = dpi / style.SCREEN_DPI  # device pixels per screen pixel
    zoom = scale / screen  # scene units are this many screen pixels big
    min_radius = mm(_MIN_NODE_MM, dpi)
    xy = scene.pos * scale + offset
    radius = np.maximum(scene.radius * scale, min_radius)
    bounds = (area.left(), area.top(), area.right(), area.bottom())
    gap = max(1.0, 0.25 * float(np.median(sizes[:, 1]))) if len(sizes) else 1.0
    rings = _rings(scene.rings, scale, offset, named) if scene.rings else None
    labels = place_labels(xy, radius, sizes, scene.order, bounds=bounds, gap=gap,
                          leader_lines=leader_lines,
                          taken=[] if rings is None else rings.name_rects.tolist())
    hulls = tuple((colour, polygon * scale + offset) for colour, polygon in scene.hulls)
    return MapGeometry(
        xy=xy, radius=radius, labels=labels, hulls=hulls, scale=scale,
        edge_scale=screen * float(np.clip(zoom ** 0.5, 0.35, 1.0)),
        outline=min(style.NODE_OUTLINE_PX * screen * float(np.clip(zoom, 0.4, 1.0)),
                    0.25 * float(radius.min()) if len(radius) else 1.0),
        min_radius=min_radius, rings=rings,
    )


def _rings(rings: EgoRings, scale: float, offset: np.ndarray,
           named: list[tuple[str, float, float]]) -> RingsOnPage:
    """``rings`` on the page, each name centred where the ring runs through its widest gap
    (``named``: each name with its width and height)."""
    centre = np.asarray(rings.centre) * scale + offset
    radii = np.array([radius for radius, _, _ in rings.rings]) * scale
    angles = np.array([angle for _, _, angle in rings.rings])
    at = centre + radii[:, None] * np.column_stack([np.cos(angles), np.sin(angles)])
    half = np.array([(w / 2, h / 2) for _, w, h in named]).reshape(-1, 2)
    return RingsOnPage(centre, radii, tuple(name for name, _, _ in named),
                       np.column_stack([at - half, at + half]).reshape(-1, 4))


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
        rings=None if geo.rings is None else geo.rings.moved(shift),
    )
