"""Intellectual property held now, and the R&D institution level.

Counts are heavy-tailed (gamma–Poisson) around segment means that follow the cohort figures:
national 小巨人 hold 14–21 invention patents and about 16 Class-I IP on average. Class-I IP is
mostly invention patents (plus a few other Class-I rights), so the two move together; the
self-developed and high-value subsets never exceed it.
"""

from __future__ import annotations

import numpy as np

from indicators.vocabulary import RD_INSTITUTION_LEVELS
from population.backbone import Backbone
from population.draws import (
    FloatArray,
    IntArray,
    Param,
    categorical,
    overdispersed_count,
    per_segment,
)
from population.finance import Figures

INVENTION_MEAN = (0.8, 6.0, 17.0, 35.0)
INVENTION_SHAPE = 0.8  # ordinary: few hold many; the tiers are tighter (see below)
UTILITY_MEAN = (4.0, 18.0, 35.0, 60.0)
DESIGN_MEAN = (0.6, 2.0, 4.0, 6.0)
SOFTWARE_MEAN = (1.0, 4.0, 8.0, 10.0)
CLASS1_FROM_INVENTION = (0.6, 0.75, 0.85, 0.85)
CLASS1_OTHER = (0.05, 0.5, 2.0, 3.0)  # layout designs, new drugs, plant varieties …
HIGH_VALUE_SHARE = (0.1, 0.25, 0.4, 0.5)
INSTITUTION_TABLE = (  # none, county, city, province, national
    (0.55, 0.20, 0.18, 0.06, 0.01),
    (0.05, 0.15, 0.40, 0.35, 0.05),
    (0.00, 0.02, 0.18, 0.62, 0.18),
    (0.00, 0.00, 0.05, 0.55, 0.40),
)
INSTITUTION_CODES = tuple(code for code, _ in RD_INSTITUTION_LEVELS)


def draw_property(rng: np.random.Generator, b: Backbone,
                  figures: Figures) -> dict[str, IntArray]:
    """Static IP counts and the R&D institution level index, by indicator id."""
    seg, n = b.segment, b.n
    # Ordinary firms that spend more on R&D hold more patents.
    effort = np.where(seg == 0, 1.0 + 30.0 * figures.rd_intensity[:, -1], 1.0)
    shape: FloatArray = np.where(seg == 0, INVENTION_SHAPE, 6.0)
    invention = _counts(rng, per_segment(seg, INVENTION_MEAN) * effort, shape)
    utility = _counts(rng, per_segment(seg, UTILITY_MEAN) * np.sqrt(effort), 1.5)
    class1 = (rng.binomial(invention, per_segment(seg, CLASS1_FROM_INVENTION))
              + rng.poisson(per_segment(seg, CLASS1_OTHER))).astype(np.int64)
    design = overdispersed_count(rng, per_segment(seg, DESIGN_MEAN), 0.6, n)
    software = overdispersed_count(rng, per_segment(seg, SOFTWARE_MEAN), 0.8, n)
    institution = categorical(rng, seg, INSTITUTION_TABLE)
    institution = np.where(figures.rd_intensity[:, -1] > 0, institution, 0)
    return {
        "invention_patents": invention,
        "utility_models": utility,
        "design_patents": design,
        "software_copyrights": software,
        "class1_ip": class1,
        "class1_ip_self_developed": rng.binomial(class1, 0.85).astype(np.int64),
        "class1_ip_high_value": rng.binomial(class1, per_segment(seg, HIGH_VALUE_SHARE))
        .astype(np.int64),
        "class2_ip": rng.binomial(utility + design + software, 0.8).astype(np.int64),
        "rd_institution_level": institution,
    }


def _counts(rng: np.random.Generator, mean: FloatArray, shape: Param) -> IntArray:
    rate = mean * rng.gamma(shape, 1.0 / shape)
    return rng.poisson(rate).astype(np.int64)
