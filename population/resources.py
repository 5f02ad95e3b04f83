"""Resource use: energy, land and the per-mu (亩均) evaluation class.

The class follows the Jiangsu practice of ranking rated enterprises by tax per mu: A the top
20 %, B to 60 %, C to 95 %, D the bottom 5 %; T (not rated) for enterprises in their first two
years. Only enterprises with land of their own (≥ 3 亩) are rated.
"""

from __future__ import annotations

import numpy as np

from population.backbone import Backbone
from population.draws import BoolArray, FloatArray, IntArray, chance, lognormal, to_int
from population.finance import Figures

RATING_CODES = ("A", "B", "C", "D", "T")
RATING_CUTS = (0.20, 0.60, 0.95)  # cumulative rank shares of A, B, C from the top
RATING_FROM_YEAR = 2019
RENTING_SHARE = 0.25  # no land of their own: land area unknown, not rated


def energy_use(rng: np.random.Generator, b: Backbone, figures: Figures) -> IntArray:
    """吨标准煤 in thousandths: revenue in 万元 × tce per 万元."""
    per_10k = lognormal(rng, 0.03, 0.8, b.n)[:, None]
    tce = figures.revenue / 1e4 * per_10k * np.exp(rng.standard_normal(figures.revenue.shape)
                                                   * 0.05)
    return to_int(tce * 1000)


def land_area(rng: np.random.Generator, b: Backbone, figures: Figures) -> tuple[IntArray,
                                                                              BoolArray]:
    """亩 in hundredths, constant but for an occasional expansion; renters have none."""
    per_mu = lognormal(rng, 400.0, 0.6, b.n)  # 万元 revenue per 亩
    mu = np.maximum(figures.revenue[:, -1] / 1e4 / per_mu, 0.5)
    expanded = np.cumsum(rng.random(figures.revenue.shape) < 0.05, axis=1)
    area = to_int(mu[:, None] * 100 * (1 + 0.2 * expanded) / (1 + 0.2 * expanded[:, -1:]))
    renting = chance(rng, RENTING_SHARE, b.n)
    return area, np.repeat(renting[:, None], area.shape[1], axis=1)


def ratings(b: Backbone, figures: Figures, area: IntArray, renting: BoolArray) -> tuple[
        IntArray, BoolArray]:
    """Class index into ``RATING_CODES`` per year, and where no class applies."""
    rated = b.present & ~renting & (area >= 300) & (b.years[None, :] >= RATING_FROM_YEAR)
    tax_per_mu = figures.taxes_paid / np.maximum(area, 1)
    classes = np.zeros(area.shape, dtype=np.int64)
    for j in range(area.shape[1]):
        classes[:, j] = _rank_classes(tax_per_mu[:, j], rated[:, j])
    young = (b.years[None, :] - b.founded_year[:, None]) < 2
    classes = np.where(young, RATING_CODES.index("T"), classes)
    return classes, ~rated


def _rank_classes(value: FloatArray, rated: BoolArray) -> IntArray:
    order = np.argsort(-np.where(rated, value, -np.inf), kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(order.shape[0])
    share = (position + 0.5) / max(int(rated.sum()), 1)
    return np.searchsorted(np.asarray(RATING_CUTS), share, side="right").astype(np.int64)
