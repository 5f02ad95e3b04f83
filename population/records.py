"""Yearly records: awards, contests, standards, incidents and the development score.

Counts are facts of the year (0 when nothing happened); they are missing only where the
enterprise reported nothing that year.
"""

from __future__ import annotations

import numpy as np

from population.backbone import Backbone
from population.draws import BoolArray, FloatArray, IntArray, per_segment, to_int

# Yearly probability per segment (ordinary, srdi, giant, champion).
NATIONAL_AWARD = (0.0, 0.002, 0.01, 0.04)
PROVINCE_AWARD = (0.002, 0.03, 0.08, 0.12)
OTHER_AWARD = (0.002, 0.02, 0.05, 0.08)  # province-or-higher awards at a lower rank
MAKER_TOP500 = (0.0005, 0.02, 0.03, 0.0)
MAKER_TOP50_GIVEN_500 = 0.12
STANDARDS_PARTICIPATED = (0.03, 0.4, 1.2, 2.5)  # mean per year
STANDARDS_LED_SHARE = (0.2, 0.3, 0.45, 0.6)
ACCIDENT = (0.002, 0.0005, 0.0002, 0.0)
VIOLATION = (0.001, 0.0002, 0.0, 0.0)
SAFETY_ENV_VIOLATION = (0.01, 0.003, 0.001, 0.0)  # administrative penalties of the year
SCORE_FROM_YEAR = 2023  # the platform's development score exists from this fiscal year
SCORE_KNOWN = (0.1, 0.85, 0.95, 1.0)
SCORE_MEAN = (45.0, 66.0, 75.0, 80.0)


def draw_records(rng: np.random.Generator, b: Backbone) -> dict[str, tuple[np.ndarray,
                                                                            BoolArray]]:
    """Values in storage units and a missing mask, by indicator id."""
    seg, shape = b.segment, b.present.shape
    absent = ~b.present
    top5 = _events(rng, seg, NATIONAL_AWARD, shape)
    top3 = rng.binomial(top5, 0.7).astype(np.int64)
    province = _events(rng, seg, PROVINCE_AWARD, shape)
    any_rank = top5 + province + _events(rng, seg, OTHER_AWARD, shape)
    maker500 = _events(rng, seg, MAKER_TOP500, shape) > 0
    maker50 = maker500 & (rng.random(shape) < MAKER_TOP50_GIVEN_500)
    participated = rng.poisson(per_segment(seg, STANDARDS_PARTICIPATED)[:, None]
                               * np.ones(shape)).astype(np.int64)
    led = rng.binomial(participated, per_segment(seg, STANDARDS_LED_SHARE)[:, None])
    score, score_missing = _development_score(rng, b)
    return {
        "national_sti_award_top3": (top3, absent),
        "national_sti_award_top5": (top5, absent),
        "province_sti_award_top3": (province, absent),
        "sti_award_province_plus": (any_rank, absent),
        "maker_china_top50": (maker50, absent),
        "maker_china_top500": (maker500, absent),
        "standards_led": (led.astype(np.int64), absent),
        "standards_participated": (participated, absent),
        "major_accidents": (_events(rng, seg, ACCIDENT, shape), absent),
        "serious_violations": (_events(rng, seg, VIOLATION, shape), absent),
        "safety_env_violations": (_events(rng, seg, SAFETY_ENV_VIOLATION, shape), absent),
        "development_score": (score, score_missing),
    }


def _events(rng: np.random.Generator, seg: IntArray, rate: tuple[float, ...],
            shape: tuple[int, ...]) -> IntArray:
    happened = rng.random(shape) < per_segment(seg, rate)[:, None]
    return happened.astype(np.int64)


def _development_score(rng: np.random.Generator, b: Backbone) -> tuple[IntArray, BoolArray]:
    seg, n, shape = b.segment, b.n, b.present.shape
    level: FloatArray = per_segment(seg, SCORE_MEAN) + rng.standard_normal(n) * 7.0
    points = np.clip(level[:, None] + rng.standard_normal(shape) * 3.0, 0.0, 100.0)
    known = (rng.random(n) < per_segment(seg, SCORE_KNOWN))[:, None] & b.present
    known &= b.years[None, :] >= SCORE_FROM_YEAR
    return to_int(points * 100), ~known
