"""Market position of the main product: niche shares and ranks (third-party figures).

Most ordinary enterprises have no such figure on record (unknown, null). Ranks follow the
share: a 16 % national share is typically first, 1 % around twentieth.
"""

from __future__ import annotations

import numpy as np

from population.backbone import Backbone
from population.draws import BoolArray, IntArray, chance, lognormal, per_segment, to_int

KNOWN_SHARE = (0.08, 0.85, 0.97, 1.0)  # enterprises with a measured national share
SHARE_MEDIAN = (0.8, 5.0, 16.0, 30.0)  # %
SHARE_SIGMA = (0.9, 0.7, 0.45, 0.3)
SHARE_LIMITS = ((0.01, 15.0), (0.3, 40.0), (3.0, 60.0), (10.0, 70.0))
GLOBAL_KNOWN = (0.0, 0.05, 0.3, 1.0)
RANK_CONSTANT = 20.0  # rank ≈ constant / share in %


def draw_market(rng: np.random.Generator, b: Backbone) -> dict[str, tuple[IntArray, BoolArray]]:
    """Values in storage units (0.01 % for shares) and a missing mask, by indicator id."""
    seg, n, shape = b.segment, b.n, b.present.shape
    low, high = np.asarray(SHARE_LIMITS).T
    share = np.clip(lognormal(rng, per_segment(seg, SHARE_MEDIAN), per_segment(seg, SHARE_SIGMA),
                              n), low[seg], high[seg])
    share_t = np.clip(share[:, None] * np.exp(rng.standard_normal(shape) * 0.06), 0.01, 90.0)
    known = chance(rng, per_segment(seg, KNOWN_SHARE), n)[:, None] & b.present
    domestic = np.maximum(to_int(RANK_CONSTANT / share_t * np.exp(rng.standard_normal(shape)
                                                                  * 0.3)), 1)
    province = np.maximum(np.ceil(domestic * rng.uniform(0.15, 1.0, shape)), 1).astype(np.int64)
    global_known = known & chance(rng, per_segment(seg, GLOBAL_KNOWN), n)[:, None]
    global_share = share_t * np.where(seg == 3, rng.uniform(0.4, 0.9, n),
                                      rng.uniform(0.1, 0.5, n))[:, None]
    global_rank = np.where(seg[:, None] == 3, rng.integers(1, 4, n)[:, None],
                           np.maximum(to_int(RANK_CONSTANT / global_share), 2))
    return {
        "niche_market_share": (to_int(share_t * 100), ~known),
        "domestic_rank": (domestic, ~known),
        "province_rank": (province, ~known),
        "global_market_share": (to_int(global_share * 100), ~global_known),
        "global_rank": (global_rank, ~global_known),
    }
