"""The fitted map: every label and node inside the map area, no label over a label or node."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from relmap.core.network import Network
from relmap.render.options import MapOptions, PageSpec, Paper, Redaction
from relmap.render.plan import prepare_map
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
