"""The fitted map: every label and node inside the map area, no label over a label or node."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from relmap.core.network import Network
from relmap.document.placement import compute_layout, ego_rings, layout_input
from relmap.render.options import MapOptions, PageSpec, Paper, Redaction
from relmap.render.painter import paint_map
from relmap.render.plan import prepare_map
from relmap.render.rings import RING_NAMES, EgoRings
from tests.render.test_labels import _node_hits, _overlaps


@pytest.mark.parametrize("page", [
    PageSpec.pixels(1600, 1000, dpi=150), PageSpec.paper(Paper.A4, dpi=72),
    PageSpec.pixels(400, 300, dpi=72),
])
def test_labels_fit_and_never_overlap(gui: object, network: Network, page: PageSpec) -> None:
    plan = prepare_map(network, MapOptions(redaction=Redaction.NONE, hulls=True,
                                           today=date(2026, 5, 12)), page)
    geo, area = plan.geometry, plan.area
    assert len(geo.labels) > 0
    assert _overlaps(geo.labels.rects) == 0
    assert _node_hits(geo.labels.rects, geo.xy, geo.radius) == 0
    x0, y0, x1, y1 = geo.bounds()  # nodes, labels and hulls together
    eps = 1e-6
    assert area.left() - eps <= x0 and x1 <= area.right() + eps
    assert area.top() - eps <= y0 and y1 <= area.bottom() + eps
    assert plan.header.rect.bottom() < area.top()
    if plan.legend is not None:
        legend_right = plan.legend_origin.x() + plan.legend.width
        assert plan.legend_origin.x() >= area.right() or plan.legend_origin.y() >= area.bottom()
        assert legend_right <= page.width_px


def test_the_map_uses_the_room_the_labels_leave(gui: object, network: Network) -> None:
    plan = prepare_map(network, MapOptions(legend=False), PageSpec.pixels(1600, 1000, dpi=150))
    x0, y0, x1, y1 = plan.geometry.bounds()
    area = plan.area
    # The content fills the area along at least one axis (within 5%), centred along both.
    assert max((x1 - x0) / area.width(), (y1 - y0) / area.height()) > 0.95
    assert abs((x0 + x1) / 2 - area.center().x()) < 1.0
    assert abs((y0 + y1) / 2 - area.center().y()) < 1.0
    assert np.isfinite(plan.geometry.xy).all()


def test_the_ego_layouts_rings_are_drawn_whole_and_named_clear_of_the_people(
    gui: object, network: Network
) -> None:
    data = layout_input(network)
    out = compute_layout(data, ego=True)
    for i, pid in enumerate(data.ids):
        x, y = out[i].tolist()
        network.people[pid] = network.people[pid].at(x, y, False)
    me = (float(out[data.me, 0]), float(out[data.me, 1]))
    rings = EgoRings(me, tuple((radius, RING_NAMES[band], at)
                               for radius, band, at in ego_rings(data, out)))
    page = PageSpec.pixels(1600, 1000, dpi=150)
    plan = prepare_map(network, MapOptions(rings=rings, legend=False), page)
    geo, area = plan.geometry, plan.area
    drawn = geo.rings
    assert drawn is not None and drawn.names == tuple(name for _, name, _ in rings.rings)
    # On the page as on the map: around me, through the people of each ring.
    assert drawn.centre == pytest.approx(geo.xy[data.me])
    assert drawn.radii == pytest.approx([radius * geo.scale for radius, _, _ in rings.rings])
    # Every zone and name inside the map's area; no person's name over a ring's, nor any
    # name over a node.
    x0, y0, x1, y1 = geo.bounds()
    outer = drawn.zones[-1][1]
    assert x0 <= drawn.centre[0] - outer and drawn.centre[0] + outer <= x1
    assert area.left() - 1e-6 <= x0 and x1 <= area.right() + 1e-6
    assert area.top() - 1e-6 <= y0 and y1 <= area.bottom() + 1e-6
    assert _overlaps(np.concatenate([drawn.name_rects, geo.labels.rects])) == 0
    assert _node_hits(geo.labels.rects, geo.xy, geo.radius) == 0
    # The zones are painted, the darker the nearer me: the page's grey falls going out.
    image = QImage(page.width_px, page.height_px, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    paint_map(painter, plan)
    painter.end()
    zone_grey = []
    for inner, zone_outer in drawn.zones:  # the commonest grey around its middle
        around = np.linspace(0, 2 * np.pi, 720, endpoint=False)
        points = drawn.centre + (inner + zone_outer) / 2 * np.column_stack(
            [np.cos(around), np.sin(around)])
        grey = [QColor(image.pixel(int(x), int(y))).lightness() for x, y in points.tolist()]
        zone_grey.append(Counter(grey).most_common(1)[0][0])
    assert zone_grey == sorted(zone_grey) and len(set(zone_grey)) == len(zone_grey)
    assert zone_grey[-1] < QColor(plan.theme.background).lightness()
    # An export without them has none.
    assert prepare_map(network, MapOptions(legend=False), page).geometry.rings is None
