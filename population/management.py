"""Static facts about how an enterprise is run and where it stands: niche entry, size class,
digital level, certifications, brand, supply-chain position and compliance lists."""

from __future__ import annotations

import numpy as np

from indicators.vocabulary import AWARD_LEVELS, SME_SIZES
from population.backbone import Backbone
from population.draws import BoolArray, IntArray, categorical, chance, per_segment
from population.finance import Figures
from population.workforce import Staff, size_class

SIZE_CODES = tuple(code for code, _ in SME_SIZES)
AWARD_CODES = tuple(code for code, _ in AWARD_LEVELS)
DIGITAL_TABLE = (  # levels 1–4
    (0.45, 0.35, 0.15, 0.05),
    (0.10, 0.40, 0.40, 0.10),
    (0.00, 0.15, 0.55, 0.30),
    (0.00, 0.05, 0.45, 0.50),
)
DIGITAL_KNOWN = (0.6, 0.95, 1.0, 1.0)
QUALITY_AWARD_TABLE = (  # none, city, province, national
    (0.93, 0.05, 0.015, 0.005),
    (0.70, 0.20, 0.08, 0.02),
    (0.45, 0.30, 0.20, 0.05),
    (0.30, 0.30, 0.25, 0.15),
)
# Probability of "yes" per segment (ordinary, srdi, giant, champion).
FLAGS: dict[str, tuple[float, float, float, float]] = {
    "quality_system_certified": (0.55, 0.92, 0.98, 1.0),
    "management_system_certified": (0.35, 0.85, 0.95, 1.0),
    "developed_market_product_cert": (0.08, 0.35, 0.6, 0.9),
    "own_brand": (0.45, 0.85, 0.97, 1.0),
    "famous_trademark": (0.005, 0.03, 0.1, 0.3),
    "it_system_core_business": (0.5, 0.9, 0.98, 1.0),
    "chain_leader": (0.002, 0.01, 0.05, 0.3),
    "large_leader_supplier": (0.15, 0.55, 0.8, 0.9),
    "strategic_emerging": (0.25, 0.6, 0.8, 0.85),
    "on_abnormal_list": (0.025, 0.003, 0.0, 0.0),
    "on_dishonesty_list": (0.004, 0.0, 0.0, 0.0),
    "product_restricted": (0.005, 0.0, 0.0, 0.0),
    "dishonesty_record": (0.01, 0.001, 0.0, 0.0),
}
NEW_PRODUCT_SHARE = (0.08, 0.15, 0.1, 0.05)  # main product counts as a new product
NICHE_LAG_MEAN = (2.0, 1.5, 1.0, 1.0)  # years from founding to entering the niche
NICHE_AT_LEAST = (0, 4, 4, 10)  # tiers need years in the niche by the last fiscal year


def draw_management(rng: np.random.Generator, b: Backbone, figures: Figures,
                    staff: Staff) -> dict[str, tuple[np.ndarray, BoolArray | None]]:
    """Values (year, level, code index or bool) and a missing mask, by indicator id."""
    seg, n = b.segment, b.n
    digital = categorical(rng, seg, DIGITAL_TABLE) + 1
    digital_missing = ~chance(rng, per_segment(seg, DIGITAL_KNOWN), n)
    out: dict[str, tuple[np.ndarray, BoolArray | None]] = {
        "niche_since": (_niche_since(rng, b), None),
        "new_product_since": _new_product_since(rng, b),
        "sme_size": _size(b, figures, staff),
        "digital_level": (digital.astype(np.int64), digital_missing),
        "quality_award_level": (categorical(rng, seg, QUALITY_AWARD_TABLE), None),
    }
    for indicator_id, p in FLAGS.items():
        out[indicator_id] = (chance(rng, per_segment(seg, p), n), None)
    return out


def _niche_since(rng: np.random.Generator, b: Backbone) -> IntArray:
    lag = np.floor(rng.exponential(per_segment(b.segment, NICHE_LAG_MEAN)))
    latest = b.last_year - per_segment(b.segment, NICHE_AT_LEAST)
    since = np.minimum(b.founded_year + lag, np.maximum(latest, b.founded_year))
    return np.minimum(since, b.last_year).astype(np.int64)


def _new_product_since(rng: np.random.Generator, b: Backbone) -> tuple[IntArray, BoolArray]:
    """Only enterprises whose main product is new say since when; the others leave it empty."""
    since = b.last_year - np.floor(rng.exponential(3.0, b.n)).astype(np.int64)
    since = np.clip(since, b.founded_year, b.last_year)
    return since, ~chance(rng, per_segment(b.segment, NEW_PRODUCT_SHARE), b.n)


def _size(b: Backbone, figures: Figures, staff: Staff) -> tuple[IntArray, BoolArray]:
    """Size class from the latest reported year; unknown when no year was reported."""
    latest = b.present.shape[1] - 1 - np.argmax(b.present[:, ::-1], axis=1)
    rows = np.arange(b.n)
    size = size_class(staff.employees[rows, latest], figures.revenue[rows, latest])
    return size, np.asarray(~b.present.any(axis=1))
