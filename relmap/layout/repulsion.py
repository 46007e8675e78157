"""Node-node repulsion: an FFT particle-mesh far field plus exact near pairs (P3M)."""

from __future__ import annotations

import math

import numpy as np
import scipy.fft
from scipy.spatial import cKDTree

from relmap.layout.graph import FloatArray, IntArray

_CELLS_PER_CUTOFF = 1.25  # grid cell = 0.8 rc keeps the far field within ~2 % (median)
_MAX_CELLS = 1024  # per axis, before padding; larger layouts get coarser cells
_NS_PER_PAIR = 50.0  # modelled cost of one listed near pair per evaluation
_NS_PER_CELL = 20.0  # modelled cost of one padded grid cell (one r2c and two c2r FFTs)
_SHARED_FFT_CELLS = 800 * 800  # padded grids from this size share their FFTs across cores
_FAR_REUSE = 0.3  # reuse the far field until some node moved this many grid cells
_QUARTER_OCTAVE = 2.0**0.25
_SKIN = 0.3  # Verlet-list margin, as a share of the cutoff
_CONTACT = 0.05  # near contact, repulsion grows as if discs were this share of a gap apart


class Repulsion:
    """Approximate all-pairs repulsion, evaluated with :meth:`forces`.

    The 2-D Coulomb force ``K² (xi - xj) / |xi - xj|²`` of Fruchterman-Reingold is split by
    a smooth window ``s(r) = (1 - r²/rc²)²`` (zero beyond the cutoff ``rc``): the near part
    ``s(r)·force`` is summed exactly over the pairs closer than ``rc`` (k-d tree, kept as a
    Verlet list), the smooth rest ``(1 - s(r))·force`` is convolved on a grid by FFT
    (cloud-in-cell deposit and interpolation). Each evaluation costs O(n + pairs + G log G)
    instead of O(n²).

    Parameters
    ----------
    strength : float
        ``K²``: the force between two unit masses at distance r is ``strength / r``.
    cutoff : float
        Initial near-field radius. It then moves by quarter octaves to balance the k-d
        tree work against the FFT work (a count-based model, so results stay deterministic).
    mass : ndarray, shape (n,)
        Per-node charge; the force on a node scales with its own and the other's mass.
    radii : ndarray, shape (n,), optional
        Node radii (plus half the wanted gap). When given, the distance in the near force
        is measured between disc rims, so touching discs push apart hard.
    local : bool
        Keep only the near part, with a fixed cutoff: nodes then push only their
        surroundings, as an incremental layout wants (new people settle next to their
        friends instead of being squeezed out of a map that holds its shape).
    """

    def __init__(
        self,
        *,
        strength: float,
        cutoff: float,
        mass: FloatArray,
        radii: FloatArray | None = None,
        local: bool = False,
    ) -> None:
        self.strength = strength
        self.local = local
        self.mass = mass
        self.radii = radii
        self._base = cutoff
        self._octave = 0
        self._contact = 0.0 if radii is None or radii.size == 0 else 2.0 * float(radii.max())
        self._kernels: dict[tuple[int, int, float], tuple[np.ndarray, np.ndarray]] = {}
        self._pairs = np.zeros((0, 2), dtype=np.int64)
        self._charge = np.zeros(0)  # strength × both masses, of each listed pair
        self._reach: FloatArray | None = None  # both radii, of each listed pair
        self._listed_at: FloatArray | None = None  # where the nodes were at the last build
        self._listed_reach = 0.0  # the distance the pairs were listed within
        self._last_at: FloatArray | None = None  # where the nodes were at the last call
        self._far_at: FloatArray | None = None
        self._far_cache = np.zeros((2, 0))
        self._far_key: tuple[float, tuple[int, int], float] = (0.0, (0, 0), 0.0)

    @property
    def cutoff(self) -> float:
        """The current near-field radius."""
        return float(self._base * _QUARTER_OCTAVE**self._octave)

    def forces(self, xy: FloatArray) -> FloatArray:
        """Return the (2, n) repulsive forces on all nodes at positions ``xy`` (2, n)."""
        n = xy.shape[1]
        if n < 2:
            return np.zeros_like(xy)
        if self.local:
            return self._near(xy, max(self.cutoff, self._contact))[0]
        cell, shape = self._grid(xy)
        cutoff = max(self.cutoff, _CELLS_PER_CUTOFF * cell, self._contact)
        out, pairs = self._near(xy, cutoff)
        out += self._far_field(xy, cell, shape, cutoff)
        near_cost = _NS_PER_PAIR * pairs
        far_cost = _NS_PER_CELL * shape[0] * shape[1]
        if near_cost > 1.5 * far_cost:
            self._octave -= 1
        elif far_cost > 1.5 * near_cost:
            self._octave += 1
        return out

    def _grid(self, xy: FloatArray) -> tuple[float, tuple[int, int]]:
        """Cell size and padded FFT shape for the layout's bounding box."""
        span = xy.max(axis=1) - xy.min(axis=1)
        cell = self.cutoff / _CELLS_PER_CUTOFF
        widest = float(span.max())
        if widest / cell > _MAX_CELLS - 4:
            # Coarser cells in quarter octaves, so that cached kernels get reused.
            cell *= _QUARTER_OCTAVE ** math.ceil(4 * math.log2(widest / ((_MAX_CELLS - 4) * cell)))
        dims = np.ceil(span / cell) + 3
        return cell, (_padded(float(dims[0])), _padded(float(dims[1])))

    def _near(self, xy: FloatArray, cutoff: float) -> tuple[FloatArray, int]:
        i, j = self._neighbour_list(xy, cutoff)
        d = xy.take(i, axis=1) - xy.take(j, axis=1)
        r2 = np.maximum(d[0] * d[0] + d[1] * d[1], (1e-3 * cutoff) ** 2)
        window = np.maximum(1.0 - r2 / cutoff**2, 0.0)
        window *= window
        if self._reach is None:
            scale = window / r2
        else:
            # Force strength / (rim distance) instead of strength / (centre distance).
            r = np.sqrt(r2)
            rim = np.maximum(r - self._reach, _CONTACT * np.maximum(self._reach, 1e-9))
            scale = window / (rim * r)
        scale *= self._charge
        return pair_sum(d * scale, i, j, xy.shape[1]), int(i.size)

    def _neighbour_list(self, xy: FloatArray, cutoff: float) -> tuple[IntArray, IntArray]:
        """Pairs within ``cutoff`` plus a skin, rebuilt only once some node may have come
        from beyond the skin since the last build (a Verlet list): late, cool iterations
        reuse the list instead of building a new k-d tree each time.

        While nodes move more per step than half a skin, the list would not outlive a step:
        it is then built without a skin, which lists fewer pairs for the same forces.
        """
        last, listed = self._last_at, self._listed_at
        self._last_at = xy.copy()
        if listed is not None and last is not None:
            moved = _max_move(xy, listed)
            if cutoff + 2.0 * moved <= self._listed_reach:
                return self._pairs[:, 0], self._pairs[:, 1]
        skin = _SKIN * cutoff
        if last is not None and 2.0 * _max_move(xy, last) > skin:
            skin = 0.0
        tree = cKDTree(xy.T, balanced_tree=False, compact_nodes=False)  # quicker to build
        self._pairs = tree.query_pairs(cutoff + skin, output_type="ndarray")
        self._listed_at, self._listed_reach = self._last_at, cutoff + skin
        i, j = self._pairs[:, 0], self._pairs[:, 1]
        # What a pair's force takes from its two nodes, worked out once for the list's life.
        self._charge = self.strength * self.mass.take(i) * self.mass.take(j)
        self._reach = None if self.radii is None else self.radii.take(i) + self.radii.take(j)
        return i, j

    def _far_field(
        self, xy: FloatArray, cell: float, shape: tuple[int, int], cutoff: float
    ) -> FloatArray:
        """The grid part, recomputed only once a node moved a fraction of a cell: it is
        smooth on the scale of the cutoff, so late (cool) iterations can share it."""
        key = (cell, shape, cutoff)
        far_at = self._far_at
        if far_at is not None and key == self._far_key:
            moved = xy - far_at
            limit = (_FAR_REUSE * cell) ** 2
            if float(np.max(moved[0] * moved[0] + moved[1] * moved[1])) <= limit:
                return self._far_cache
        self._far_cache = self._far(xy, cell, shape, cutoff)
        self._far_at = xy.copy()
        self._far_key = key
        return self._far_cache

    def _far(
        self, xy: FloatArray, cell: float, shape: tuple[int, int], cutoff: float
    ) -> FloatArray:
        u = (xy - xy.min(axis=1)[:, None]) / cell + 1.0
        base = np.floor(u)
        idx, wts = _cic(base.astype(np.int64), u - base, shape[1])
        rho = np.bincount(idx.ravel(), (wts * self.mass).ravel(), shape[0] * shape[1])
        kx, ky = self._kernel(shape, cutoff / cell)
        # Single precision halves the FFT time; the far field needs no more than 1e-6. Every
        # core shares a large grid's transforms (the same bits: each row's is worked out as
        # alone); on a smaller one, handing out the rows costs more than it saves.
        workers = -1 if shape[0] * shape[1] >= _SHARED_FFT_CELLS else 1
        rho_hat = scipy.fft.rfft2(rho.reshape(shape).astype(np.float32), workers=workers)
        out = np.empty_like(xy)
        for axis, kern in ((0, kx), (1, ky)):
            field = scipy.fft.irfft2(rho_hat * kern, s=shape, workers=workers).ravel()
            out[axis] = np.sum(field.take(idx) * wts, axis=0)
        out *= (self.strength / cell) * self.mass
        return out

    def _kernel(self, shape: tuple[int, int], cut: float) -> tuple[np.ndarray, np.ndarray]:
        """FFTs of the far-field kernel ``(1 - s(r)) r / r²`` on the padded grid (cells)."""
        key = (shape[0], shape[1], round(cut, 9))
        if key not in self._kernels:
            if len(self._kernels) > 3:
                self._kernels.clear()
            dx = np.fft.fftfreq(shape[0], 1.0 / shape[0])[:, None]
            dy = np.fft.fftfreq(shape[1], 1.0 / shape[1])[None, :]
            r2 = dx**2 + dy**2
            r2[0, 0] = 1.0
            window = np.clip(1.0 - r2 / cut**2, 0.0, None)
            g = (1.0 - window * window) / r2
            g[0, 0] = 0.0
            self._kernels[key] = (
                scipy.fft.rfft2((g * dx).astype(np.float32)),
                scipy.fft.rfft2((g * dy).astype(np.float32)),
            )
        return self._kernels[key]


def _padded(cells: float) -> int:
    """Padded FFT length for ``cells``: twice as long (no wrap-around), rounded up to a
    ladder of sizes 1/8 octave apart so that a slowly growing layout keeps its kernel."""
    ladder = 2.0 ** (math.ceil(8 * math.log2(max(2.0 * cells, 8.0))) / 8)
    return int(scipy.fft.next_fast_len(math.ceil(ladder), real=True))


class ExactRepulsion:
    """Exact Coulomb repulsion over an explicit list of pairs (for small graphs).

    With ``radii`` the distance is measured between disc rims, as in :class:`Repulsion`.
    """

    def __init__(
        self,
        *,
        strength: float,
        pairs: IntArray,
        mass: FloatArray,
        min_dist: float,
        radii: FloatArray | None = None,
    ) -> None:
        self.strength = strength
        self.i = np.ascontiguousarray(pairs[:, 0])
        self.j = np.ascontiguousarray(pairs[:, 1])
        self.weight = strength * mass.take(self.i) * mass.take(self.j)
        self.min_dist = min_dist
        self.reach = None if radii is None else radii.take(self.i) + radii.take(self.j)

    def forces(self, xy: FloatArray) -> FloatArray:
        """Return the (2, n) repulsive forces on all nodes at positions ``xy`` (2, n)."""
        i, j = self.i, self.j
        d = xy.take(i, axis=1) - xy.take(j, axis=1)
        r2 = np.maximum(d[0] * d[0] + d[1] * d[1], self.min_dist**2)
        if self.reach is None:
            scale = self.weight / r2
        else:
            r = np.sqrt(r2)
            rim = np.maximum(r - self.reach, _CONTACT * np.maximum(self.reach, 1e-9))
            scale = self.weight / (rim * r)
        return pair_sum(d * scale, i, j, xy.shape[1])


def _max_move(xy: FloatArray, before: FloatArray) -> float:
    """The longest distance any node moved from ``before`` to ``xy`` (both (2, n))."""
    d = xy - before
    return math.sqrt(float(np.max(d[0] * d[0] + d[1] * d[1])))


def pair_sum(f: FloatArray, i: IntArray, j: IntArray, n: int) -> FloatArray:
    """Add the (2, p) pair forces ``f`` onto nodes ``i`` and subtract them from ``j``."""
    out = np.empty((2, n))
    for axis in (0, 1):
        out[axis] = np.bincount(i, f[axis], n) - np.bincount(j, f[axis], n)
    return out


def _cic(base: IntArray, frac: FloatArray, stride: int) -> tuple[IntArray, FloatArray]:
    """Flat grid indices and cloud-in-cell weights (4, n) of the cells around each node."""
    fx, fy = frac[0], frac[1]
    gx, gy = 1.0 - fx, 1.0 - fy
    flat = base[0] * stride + base[1]
    idx = np.stack([flat, flat + stride, flat + 1, flat + stride + 1])
    wts = np.stack([gx * gy, fx * gy, gx * fy, fx * fy])
    return idx, wts
