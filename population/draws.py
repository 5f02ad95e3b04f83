"""Random draws shared by the generator's parts: vectorised over enterprises, seeded, exact.

Every part of the population takes its own NumPy ``Generator`` (``streams``) so adding a draw
in one part does not shift the numbers of another: a seed keeps meaning the same population.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Names say what an array holds; NumPy's dtype-generic stubs cannot follow our arithmetic.
FloatArray = NDArray[Any]
IntArray = NDArray[Any]
BoolArray = NDArray[Any]
Param = FloatArray | float  # a per-enterprise array of a parameter, or one value for all

# Latent segments: how far an enterprise is from the tier thresholds.
ORDINARY, SRDI, GIANT, CHAMPION = 0, 1, 2, 3
SEGMENTS = ("ordinary", "srdi", "giant", "champion")

STREAMS = (
    "segments", "timeline", "regions", "industries", "identity", "finance", "staff",
    "resources", "market", "records", "property", "management", "attested", "titles", "gaps",
    "clusters",  # appended: streams are spawned by position, so earlier ones keep their draws
)


def streams(seed: int) -> dict[str, np.random.Generator]:
    """One independent generator per part of the population, all derived from ``seed``."""
    children = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return {name: np.random.default_rng(child) for name, child in zip(STREAMS, children,
                                                                       strict=True)}


def per_segment(segment: IntArray, values: Sequence[float]) -> FloatArray:
    """The segment's parameter for every enterprise (``values`` ordered as ``SEGMENTS``)."""
    return np.asarray(values, dtype=np.float64)[segment]


def chance(rng: np.random.Generator, p: Param, n: int) -> BoolArray:
    return rng.random(n) < _floats(p)


def lognormal(rng: np.random.Generator, median: Param, sigma: Param, n: int) -> FloatArray:
    return _floats(median) * np.exp(rng.standard_normal(n) * _floats(sigma))


def beta_between(rng: np.random.Generator, low: Param, high: Param, a: Param, b: Param,
                 n: int) -> FloatArray:
    low_ = _floats(low)
    return low_ + (_floats(high) - low_) * rng.beta(_floats(a), _floats(b), n)


def overdispersed_count(rng: np.random.Generator, mean: Param, shape: float,
                        n: int) -> IntArray:
    """Gamma–Poisson counts: a few enterprises hold many, most hold few (patents, awards)."""
    rate = _floats(mean) * rng.gamma(shape, 1.0 / shape, n)
    return rng.poisson(rate).astype(np.int64)


def categorical(rng: np.random.Generator, segment: IntArray,
                table: Sequence[Sequence[float]]) -> IntArray:
    """An index into a choice list, with one probability row per segment."""
    cumulative: FloatArray = np.cumsum(np.asarray(table, dtype=np.float64), axis=1)
    cumulative = cumulative / cumulative[:, -1:]
    u = rng.random(int(segment.shape[0]))
    return (u[:, None] >= cumulative[segment]).sum(axis=1).astype(np.int64)


def _floats(value: Param) -> FloatArray:
    return np.asarray(value, dtype=np.float64)


def to_int(values: FloatArray) -> IntArray:
    """Round to the storage unit; the only place floats become stored integers."""
    return np.rint(values).astype(np.int64)
