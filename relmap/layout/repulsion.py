"""Node-node repulsion: an FFT particle-mesh far field plus exact near pairs (P3M).

The 2-D Coulomb force ``K² (xi - xj) / |xi - xj|²`` of Fruchterman-Reingold is split with a
Gaussian: the smooth long-range part ``(1 - exp(-r²/2σ²))`` is convolved on a grid by FFT
(cloud-in-cell deposit and interpolation), the short-range rest ``exp(-r²/2σ²)`` is summed
exactly over the pairs closer than ``3σ`` found with a k-d tree. Each evaluation costs
O(n + pairs + G log G) instead of O(n²).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.fft
from scipy.spatial import cKDTree

from relmap.layout.graph import FloatArray, IntArray

_CUTOFF = 3.0  # short-range pairs out to 3σ: the Gaussian is down to 1 % there
_CELLS_PER_SIGMA = 1.25  # grid cell = σ / 1.25 keeps CIC errors small on the smooth part
_MAX_CELLS = 640  # per axis, before padding; larger layouts get coarser cells


class Repulsion:
    """Approximate all-pairs repulsion, evaluated with :meth:`forces`.

    Parameters
    ----------
    strength : float
        ``K²``: the force between two unit masses at distance r is ``strength / r``.
    sigma : float
        Split length between the exact near field and the grid far field.
    mass : ndarray, shape (n,)
        Per-node charge; the force on a node scales with its own and the other's mass.
    """

    def __init__(self, *, strength: float, sigma: float, mass: FloatArray) -> None:
        self.strength = strength
        self.sigma = sigma
        self.mass = mass
        self.min_dist = 0.02 * sigma
        self._kernels: dict[tuple[int, int, float], tuple[np.ndarray, np.ndarray]] = {}

    def forces(self, pos: FloatArray) -> FloatArray:
        """Return the (n, 2) repulsive forces on all nodes at positions ``pos``."""
        out = self._near(pos)
        if pos.shape[0] > 1:
            out += self._far(pos)
        return out

    def _near(self, pos: FloatArray) -> FloatArray:
        pairs = cKDTree(pos).query_pairs(_CUTOFF * self.sigma, output_type="ndarray")
        i, j = pairs[:, 0], pairs[:, 1]
        r2 = np.maximum(np.sum((pos[i] - pos[j]) ** 2, axis=1), self.min_dist**2)
        scale = np.exp(r2 * (-0.5 / self.sigma**2)) / r2
        return pair_forces(pos, i, j, scale * self.mass[i] * self.mass[j] * self.strength)

    def _far(self, pos: FloatArray) -> FloatArray:
        lo = pos.min(axis=0)
        extent = float(np.max(pos.max(axis=0) - lo))
        cell = self.sigma / _CELLS_PER_SIGMA
        if extent / cell > _MAX_CELLS - 4:
            # Quantise the coarser cell to quarter octaves so cached kernels get reused.
            octaves = math.ceil(4 * math.log2(extent / ((_MAX_CELLS - 4) * cell))) / 4
            cell *= 2.0**octaves
        dims = np.ceil((pos.max(axis=0) - lo) / cell).astype(np.int64) + 3
        shape = (scipy.fft.next_fast_len(int(2 * dims[0]), real=True),
                 scipy.fft.next_fast_len(int(2 * dims[1]), real=True))
        u = (pos - lo) / cell + 1.0
        base = np.floor(u).astype(np.int64)
        frac = u - base
        idx, wts = _cic(base, frac, shape[1])
        rho = np.bincount(idx.ravel(), (wts * self.mass[:, None]).ravel(), shape[0] * shape[1])
        kx, ky = self._kernel(shape, self.sigma / cell)
        rho_hat = scipy.fft.rfft2(rho.reshape(shape))
        fx = scipy.fft.irfft2(rho_hat * kx, s=shape).ravel()
        fy = scipy.fft.irfft2(rho_hat * ky, s=shape).ravel()
        out = np.empty_like(pos)
        out[:, 0] = np.sum(fx[idx] * wts, axis=1)
        out[:, 1] = np.sum(fy[idx] * wts, axis=1)
        out *= (self.strength / cell) * self.mass[:, None]
        return out

    def _kernel(self, shape: tuple[int, int], sig: float) -> tuple[np.ndarray, np.ndarray]:
        key = (shape[0], shape[1], round(sig, 9))
        if key not in self._kernels:
            if len(self._kernels) > 6:
                self._kernels.clear()
            dx = np.fft.fftfreq(shape[0], 1.0 / shape[0])[:, None]
            dy = np.fft.fftfreq(shape[1], 1.0 / shape[1])[None, :]
            r2 = dx**2 + dy**2
            r2[0, 0] = 1.0
            g = -np.expm1(-r2 / (2 * sig**2)) / r2
            g[0, 0] = 0.0
            self._kernels[key] = (scipy.fft.rfft2(g * dx), scipy.fft.rfft2(g * dy))
        return self._kernels[key]


class ExactRepulsion:
    """Exact Coulomb repulsion over an explicit list of pairs (for small graphs)."""

    def __init__(self, *, strength: float, pairs: IntArray, mass: FloatArray, min_dist: float):
        self.strength = strength
        self.i = pairs[:, 0]
        self.j = pairs[:, 1]
        self.mass = mass
        self.min_dist = min_dist

    def forces(self, pos: FloatArray) -> FloatArray:
        """Return the (n, 2) repulsive forces on all nodes at positions ``pos``."""
        i, j = self.i, self.j
        r2 = np.maximum(np.sum((pos[i] - pos[j]) ** 2, axis=1), self.min_dist**2)
        return pair_forces(pos, i, j, self.strength * self.mass[i] * self.mass[j] / r2)


def pair_forces(pos: FloatArray, i: IntArray, j: IntArray, scale: FloatArray) -> FloatArray:
    """Sum ``scale * (pos[i] - pos[j])`` onto ``i`` and its opposite onto ``j``."""
    n = pos.shape[0]
    d = (pos[i] - pos[j]) * scale[:, None]
    out = np.empty_like(pos)
    for axis in (0, 1):
        out[:, axis] = np.bincount(i, d[:, axis], n) - np.bincount(j, d[:, axis], n)
    return out


def _cic(base: IntArray, frac: FloatArray, stride: int) -> tuple[IntArray, FloatArray]:
    """Flat grid indices and cloud-in-cell weights of the four cells around each node."""
    fx, fy = frac[:, 0], frac[:, 1]
    flat = base[:, 0] * stride + base[:, 1]
    idx = np.stack([flat, flat + stride, flat + 1, flat + stride + 1], axis=1)
    wts = np.stack([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy], axis=1)
    return idx, wts
