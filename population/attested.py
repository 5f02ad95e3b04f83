"""Judgements someone attests (experts, officials): present only for enterprises that have been
assessed — few ordinary ones, most near a tier — and consistent with the figures (a firm with
no Class-I IP is never judged to apply it with economic benefit)."""

from __future__ import annotations

import numpy as np

from indicators.vocabulary import INDICATORS, PRODUCT_FIELDS_2022, Kind
from population.backbone import Backbone
from population.draws import BoolArray, categorical, chance, per_segment, to_int

ASSESSED = (0.03, 0.45, 0.85, 1.0)
CELL_MISSING = 0.05  # an assessment that left a question open
FIELD_CODES = tuple(code for code, _ in PRODUCT_FIELDS_2022)
FIELD_TABLE = (  # key_link, six_foundations, other
    (0.05, 0.15, 0.80),
    (0.25, 0.35, 0.40),
    (0.60, 0.30, 0.10),
    (0.70, 0.25, 0.05),
)
YES: dict[str, tuple[float, float, float, float]] = {
    "tech_domestic_leading": (0.2, 0.6, 0.9, 1.0),
    "gap_filling": (0.02, 0.15, 0.4, 0.6),
    "key_field": (0.1, 0.4, 0.85, 0.9),
    "chain_key_role": (0.05, 0.3, 0.8, 0.95),
    "market_position_leading": (0.1, 0.6, 0.9, 1.0),
    "good_governance": (0.85, 0.95, 0.98, 1.0),
    "little_giant_affiliate": (0.01, 0.02, 0.03, 0.02),
    "high_recognition": (0.05, 0.4, 0.85, 1.0),
    "chain_role_2026": (0.03, 0.25, 0.75, 0.9),
    "independent_legal_entity": (0.95, 0.99, 1.0, 1.0),
    "niche_focus": (0.3, 0.8, 0.95, 1.0),
    "advanced_cluster": (0.2, 0.5, 0.7, 0.8),
    "performance_international_leading": (0.01, 0.05, 0.2, 0.8),
}
# Any other yes/no judgement in the vocabulary: favourable more often nearer the tiers.
GENERIC_YES = (0.15, 0.5, 0.8, 0.9)
# Judgements drawn below from other facts rather than on their own.
DERIVED = frozenset({"tech_international_leading", "class1_ip_applied"})
INTERNATIONAL_GIVEN_DOMESTIC = (0.03, 0.08, 0.25, 0.9)
DISTINCTIVE_MEAN = (6.0, 9.5, 12.0, 13.0)  # of 15 points


def draw_attested(rng: np.random.Generator, b: Backbone, class1_ip: np.ndarray,
                  in_cluster: BoolArray) -> dict[str, tuple[np.ndarray, BoolArray]]:
    """``in_cluster``: the enterprise belongs to one of the 13 clusters (population.clusters);
    only a member's leading product can be judged to belong to one."""
    seg, n = b.segment, b.n
    assessed = chance(rng, per_segment(seg, ASSESSED), n)

    def missing() -> BoolArray:
        return ~assessed | chance(rng, CELL_MISSING, n)

    judgements = {ind.id: YES.get(ind.id, GENERIC_YES) for ind in INDICATORS
                  if ind.attested and ind.kind is Kind.BOOL and ind.id not in DERIVED}
    out = {key: (chance(rng, per_segment(seg, p), n), missing()) for key, p in judgements.items()}
    cluster, cluster_missing = out["advanced_cluster"]
    out["advanced_cluster"] = (cluster & in_cluster, cluster_missing)
    domestic = out["tech_domestic_leading"][0]
    international = domestic & chance(rng, per_segment(seg, INTERNATIONAL_GIVEN_DOMESTIC), n)
    applied = (class1_ip > 0) & chance(rng, per_segment(seg, (0.5, 0.85, 0.95, 1.0)), n)
    points = np.clip(per_segment(seg, DISTINCTIVE_MEAN) + rng.standard_normal(n) * 2.0, 0, 15)
    scored = seg > 0
    out.update({
        "tech_international_leading": (international, missing()),
        "class1_ip_applied": (applied, missing()),
        "product_field_2022": (categorical(rng, seg, FIELD_TABLE), missing()),
        "distinctive_score": (to_int(points * 100), missing() | ~scored),
    })
    return out
