"""Offline graph layout: numpy/scipy arrays in, positions out (no Qt, no database)."""

from __future__ import annotations

from relmap.layout.control import LayoutCancelled
from relmap.layout.ego import ego_layout
from relmap.layout.engine import DEFAULT_RADIUS, EDGE_LENGTH, force_layout
from relmap.layout.quality import neighborhood_preservation, normalized_stress

__all__ = [
    "DEFAULT_RADIUS",
    "EDGE_LENGTH",
    "LayoutCancelled",
    "ego_layout",
    "force_layout",
    "neighborhood_preservation",
    "normalized_stress",
]
