"""Year-end headcounts: employees from revenue and labour productivity; R&D staff and science
and technology staff as shares of them (rd_staff ≤ tech_staff ≤ employees)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from population.backbone import Backbone
from population.draws import FloatArray, IntArray, lognormal, per_segment, to_int
from population.finance import Figures

PRODUCTIVITY = (9.0e5, 1.1e6, 1.3e6, 1.6e6)  # median revenue per employee, 元
RD_STAFF_BETA = ((2.0, 18.0), (4.0, 14.0), (5.0, 15.0), (5.0, 17.0))


@dataclass(frozen=True)
class Staff:
    employees: IntArray  # n × years
    rd_staff: IntArray
    tech_staff: IntArray


def draw_staff(rng: np.random.Generator, b: Backbone, figures: Figures) -> Staff:
    n, shape, seg = b.n, figures.revenue.shape, b.segment
    productivity = lognormal(rng, per_segment(seg, PRODUCTIVITY), 0.45, n)
    # Headcount follows the full-year revenue scale, not a founding year's partial revenue.
    scale = figures.revenue[:, -1:] * (figures.revenue / figures.revenue[:, -1:]) ** 0.6
    employees = np.maximum(to_int(scale / productivity[:, None] *
                                  np.exp(rng.standard_normal(shape) * 0.04)), 3)
    alpha, beta = np.asarray(RD_STAFF_BETA).T
    share = rng.beta(alpha[seg], beta[seg], n)
    share = np.where(figures.rd_intensity[:, -1] > 0, share, 0.0)
    rd_share = np.clip(share[:, None] * np.exp(rng.standard_normal(shape) * 0.05), 0, 1)
    rd_staff = np.minimum(to_int(employees * rd_share), employees)
    other = rng.beta(1.5, 25.0, n)[:, None]
    tech_staff = np.minimum(rd_staff + to_int((employees - rd_staff) * other), employees)
    return Staff(employees, rd_staff, tech_staff)


def size_class(employees: IntArray, revenue: FloatArray) -> IntArray:
    """Industrial size under 工信部联企业〔2011〕300号: 0 micro, 1 small, 2 medium, 3 large.
    Medium: ≥ 300 people and ≥ 2000万元; small: ≥ 20 people and ≥ 300万元; large: ≥ 1000
    people and ≥ 4亿元."""
    large = (employees >= 1000) & (revenue >= 4e8)
    medium = (employees >= 300) & (revenue >= 2e7)
    small = (employees >= 20) & (revenue >= 3e6)
    return np.select([large, medium, small], [3, 2, 1], 0).astype(np.int64)
