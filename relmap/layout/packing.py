"""Arranging separately laid-out components side by side without overlaps."""

from __future__ import annotations

import math

import numpy as np

from relmap.layout.graph import FloatArray, IntArray


def enclosing_radius(pos: FloatArray, sizes: FloatArray) -> tuple[FloatArray, float]:
    """Centroid of ``pos`` and the radius around it that encloses every node disc."""
    centre = pos.mean(axis=0)
    reach = np.sqrt(np.sum((pos - centre) ** 2, axis=1)) + sizes
    return centre, float(reach.max())


def pack_rings(
    centre: FloatArray, inner: float, radii: FloatArray, gap: float
) -> FloatArray:
    """Centres for discs of ``radii`` (largest first) on rings around a disc.

    The first ring touches the central disc of radius ``inner`` at ``centre``; each ring
    is filled counter-clockwise and the next starts outside its widest member.

    Returns
    -------
    ndarray, shape (len(radii), 2)
        Disc centres.
    """
    out = np.empty((radii.size, 2))
    ring_inner = inner + gap
    i = 0
    while i < radii.size:
        width = 2.0 * radii[i]
        ring = ring_inner + radii[i]
        angle = 0.0
        while i < radii.size:
            arc = (2.0 * radii[i] + gap) / ring
            if angle + arc > 2.0 * math.pi * (1.0 - 1e-9) and angle > 0:
                break
            theta = angle + arc / 2
            out[i] = centre + ring * np.array([math.cos(theta), math.sin(theta)])
            angle += arc
            i += 1
        ring_inner += width + gap
    return out


def pack_components(
    pos: FloatArray, anchor: IntArray, parts: list[IntArray], sizes: FloatArray, gap: float
) -> FloatArray:
    """Move each of ``parts`` onto rings around the disc that encloses ``anchor``.

    Parameters
    ----------
    pos : ndarray, shape (n, 2)
        Positions, each part laid out on its own.
    anchor : ndarray of int
        Nodes that stay where they are (may be empty: then nothing is in the middle).
    parts : list of ndarray
        Node indices of the components to place around the anchor.
    sizes : ndarray, shape (n,)
        Node radii.
    gap : float
        Clearance between discs.

    Returns
    -------
    ndarray, shape (n, 2)
        Packed positions; anchor nodes keep theirs.
    """
    out = pos.copy()
    if not parts:
        return out
    if anchor.size:
        centre, inner = enclosing_radius(pos[anchor], sizes[anchor])
    else:
        centre, inner = np.zeros(2), -gap
    discs = [enclosing_radius(pos[p], sizes[p]) for p in parts]
    radii = np.array([r for _, r in discs])
    order = np.argsort(-radii, kind="stable")
    centres = pack_rings(centre, inner, radii[order], gap)
    for slot, idx in enumerate(order):
        out[parts[idx]] += centres[slot] - discs[idx][0]
    return out
