"""Annual financial figures, in 元, consistent within and across years.

Revenue is drawn for the last fiscal year (the one policies read as 上年度) and walked back with
an enterprise-specific growth trend, so year-over-year growth is plausible. Every other figure
is a share or a margin of revenue: main_revenue ≤ revenue, main_product_revenue ≤ main_revenue,
liabilities are 20–90 % of assets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from population.backbone import Backbone
from population.columns import calendar_days
from population.draws import (
    CHAMPION,
    GIANT,
    SRDI,
    FloatArray,
    beta_between,
    chance,
    lognormal,
    per_segment,
)

# Last-year revenue in 元, per segment (ordinary, srdi, giant, champion): median, spread, floor.
REVENUE_MEDIAN = (2.5e7, 9.0e7, 2.4e8, 9.0e8)
REVENUE_SIGMA = (1.25, 0.75, 0.6, 0.5)
REVENUE_FLOOR = (3.0e5, 6.0e6, 5.2e7, 4.2e8)
REVENUE_CEILING = 3.0e10
GROWTH_TREND = (0.06, 0.10, 0.12, 0.09)  # mean yearly growth
GROWTH_TREND_SD = (0.08, 0.05, 0.04, 0.03)
GROWTH_NOISE = (0.09, 0.05, 0.04, 0.03)
PRE_TAX_MARGIN = (0.055, 0.11, 0.14, 0.15)
PRE_TAX_MARGIN_SD = (0.07, 0.045, 0.04, 0.035)
ZERO_RD_SHARE = 0.35  # ordinary enterprises that report no R&D at all
NEEQ_LIKE_SHARE = 0.22  # giants with R&D just above the 3 % floor (revenue ≥ 1亿)


@dataclass(frozen=True)
class Figures:
    """Per-enterprise, per-year figures in 元 (floats until stored), n × years."""

    revenue: FloatArray
    main_revenue: FloatArray
    rd_expense: FloatArray
    total_assets: FloatArray
    total_liabilities: FloatArray
    taxes_paid: FloatArray
    rd_intensity: FloatArray  # rd_expense / revenue


def draw_figures(rng: np.random.Generator, b: Backbone) -> tuple[Figures, dict[str, FloatArray]]:
    """The figures later parts need, and every money column by indicator id."""
    revenue = _revenue(rng, b)
    intensity = _rd_intensity(rng, b, revenue)
    main_share = _main_share(rng, b)
    main = np.minimum(np.floor(revenue * main_share), revenue)
    product_share = beta_between(rng, per_segment(b.segment, (0.5, 0.6, 0.7, 0.75)), 1.0,
                                 2.0, 1.2, b.n)[:, None]
    assets, liabilities = _balance_sheet(rng, b, revenue)
    profit = _profit(rng, b, revenue)
    rd = np.rint(revenue * intensity)
    money = {
        "revenue": revenue, "main_revenue": main,
        "main_product_revenue": np.floor(main * product_share),
        "rd_expense": rd, "total_assets": assets, "total_liabilities": liabilities,
        "qualified_equity": _equity(rng, b), **profit,
    }
    figures = Figures(revenue, main, rd, assets, liabilities, money["taxes_paid"], intensity)
    return figures, money


def _revenue(rng: np.random.Generator, b: Backbone) -> FloatArray:
    seg, n, y = b.segment, b.n, b.years.shape[0]
    last = lognormal(rng, per_segment(seg, REVENUE_MEDIAN), per_segment(seg, REVENUE_SIGMA), n)
    neeq_like = b.is_(GIANT) & chance(rng, NEEQ_LIKE_SHARE, n)
    last = np.where(neeq_like, np.maximum(last, 1.05e8), last)
    last = np.clip(last, per_segment(seg, REVENUE_FLOOR), REVENUE_CEILING)
    trend = per_segment(seg, GROWTH_TREND) + rng.standard_normal(n) * per_segment(
        seg, GROWTH_TREND_SD)
    growth = trend[:, None] + rng.standard_normal((n, y)) * per_segment(seg, GROWTH_NOISE)[:, None]
    growth = np.clip(growth, -0.45, 1.2)
    revenue = np.empty((n, y))
    revenue[:, -1] = last
    for j in range(y - 2, -1, -1):
        revenue[:, j] = revenue[:, j + 1] / (1 + growth[:, j + 1])
    revenue *= _active_fraction(b)
    return np.rint(np.maximum(revenue, 1e4))


def _active_fraction(b: Backbone) -> FloatArray:
    """In its founding year an enterprise earns only for the months it existed."""
    year_start = calendar_days(b.years, 1, 1)
    elapsed = np.clip((b.founded_day[:, None] - year_start[None, :]) / 365.0, 0.0, 1.0)
    founding_year = b.founded_year[:, None] == b.years[None, :]
    return np.where(founding_year, np.maximum(1.0 - elapsed, 0.05), 1.0)


def _rd_intensity(rng: np.random.Generator, b: Backbone, revenue: FloatArray) -> FloatArray:
    """R&D expense / revenue per year: a persistent level and a small yearly wobble."""
    n, seg = b.n, b.segment
    level = np.minimum(lognormal(rng, 0.015, 0.7, n), 0.25)
    level = np.where(chance(rng, ZERO_RD_SHARE, n), 0.0, level)
    srdi = 0.03 + lognormal(rng, 0.013, 0.8, n)
    near_miss = chance(rng, 0.08, n)
    srdi = np.where(near_miss, rng.uniform(0.02, 0.031, n), np.minimum(srdi, 0.2))
    level = np.where(seg == SRDI, srdi, level)
    level = np.where(seg == GIANT, _giant_intensity(rng, revenue[:, -1]), level)
    level = np.where(seg == CHAMPION, rng.uniform(0.035, 0.07, n), level)
    wobble = np.exp(rng.standard_normal((n, b.years.shape[0])) *
                    per_segment(seg, (0.15, 0.05, 0.04, 0.04))[:, None])
    return level[:, None] * wobble


def _giant_intensity(rng: np.random.Generator, last_revenue: FloatArray) -> FloatArray:
    """Mostly 6–10 %; large ones (≥ 1亿) sometimes close to the 3 % floor, like the average
    NEEQ applicant at 3.47 %; a few research-heavy ones above 10 %."""
    n = last_revenue.shape[0]
    typical = rng.triangular(0.06, 0.068, 0.10, n)
    u = rng.random(n)
    low = rng.uniform(0.032, 0.045, n)
    high = rng.uniform(0.10, 0.14, n)
    return np.where((last_revenue >= 1.05e8) & (u < NEEQ_LIKE_SHARE), low,
                    np.where(u > 0.93, high, typical))


def _main_share(rng: np.random.Generator, b: Backbone) -> FloatArray:
    """Main-business share of revenue: ≈ 98 % for giants, spread lower for ordinary firms."""
    seg, n = b.segment, b.n
    spread = per_segment(seg, (0.6, 0.25, 0.08, 0.05))
    base = 1.0 - spread * rng.beta(1.1, per_segment(seg, (5.0, 5.0, 3.0, 3.0)), n)
    noise = rng.standard_normal((n, b.years.shape[0])) * 0.008
    return np.clip(base[:, None] + noise, 0.3, 1.0)


def _balance_sheet(rng: np.random.Generator, b: Backbone,
                   revenue: FloatArray) -> tuple[FloatArray, FloatArray]:
    seg, n = b.segment, b.n
    asset_turn = lognormal(rng, 1.0, 0.4, n)
    assets = asset_turn[:, None] * revenue[:, -1:] * (revenue / revenue[:, -1:]) ** 0.7
    debt = beta_between(rng, per_segment(seg, (0.2, 0.2, 0.15, 0.2)),
                        per_segment(seg, (0.9, 0.8, 0.7, 0.7)), 2.5,
                        per_segment(seg, (2.3, 3.0, 3.5, 3.0)), n)
    debt_t = np.clip(debt[:, None] + rng.standard_normal(revenue.shape) * 0.02, 0.2, 0.9)
    assets = np.rint(assets)
    return assets, np.floor(assets * debt_t)


def _profit(rng: np.random.Generator, b: Backbone, revenue: FloatArray) -> dict[str, FloatArray]:
    seg, n, shape = b.segment, b.n, revenue.shape
    level = per_segment(seg, PRE_TAX_MARGIN) + rng.standard_normal(n) * per_segment(
        seg, PRE_TAX_MARGIN_SD)
    margin = np.clip(level[:, None] + rng.standard_normal(shape) * 0.02, -0.3, 0.4)
    total_profit = np.rint(revenue * margin)
    non_operating = np.rint(revenue * rng.standard_normal(shape) * 0.004)
    operating = total_profit - non_operating
    other_income = np.rint(revenue * rng.uniform(0.0, 0.01, shape))
    tax_rate = np.where(chance(rng, per_segment(seg, (0.2, 0.75, 0.9, 0.9)), n), 0.15, 0.25)
    income_tax = np.rint(np.maximum(total_profit, 0) * tax_rate[:, None])
    taxes = np.rint(revenue * rng.uniform(0.015, 0.06, n)[:, None])
    return {
        "total_profit": total_profit,
        "operating_profit": operating,
        "net_profit": total_profit - income_tax,
        "total_cost": np.maximum(revenue - operating + other_income, 0),
        "taxes_paid": taxes,
        "profit_and_tax": total_profit + taxes,
    }


def _equity(rng: np.random.Generator, b: Backbone) -> FloatArray:
    """New paid-in equity from qualified investors: zero in most years, rounds for a few."""
    shape = b.present.shape
    rate = per_segment(b.segment, (0.004, 0.05, 0.12, 0.08))[:, None]
    event = rng.random(shape) < rate
    amount = 1e4 * np.rint(lognormal(rng, 3000.0, 0.9, b.n)[:, None] *
                           np.exp(rng.standard_normal(shape) * 0.3))
    return np.where(event, amount, 0.0)
