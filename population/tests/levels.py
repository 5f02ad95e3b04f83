"""Simplified numeric tier gates used to check how thin the synthetic tails are.

These are not the rules engine: just enough of the 2026 专精特新 and 2022 小巨人 numeric
conditions (last two fiscal years) to count enterprises "at that level". Unknown → not at it.
"""

from __future__ import annotations

import polars as pl

LAST, PREVIOUS, BEFORE = 2025, 2024, 2023


def _c(indicator_id: str, year: int = LAST) -> pl.Expr:
    return pl.col(f"{indicator_id}__{year}")


def srdi_level() -> pl.Expr:
    """Revenue ≥ 1500万, main share ≥ 80 %, debt ≤ 80 %, R&D ≥ 100万 and ≥ 3 % in both years,
    ≥ 1 Class-I IP, ≥ 3 years in the niche."""
    r, p = _c("revenue"), _c("revenue", PREVIOUS)
    rd, rd_p = _c("rd_expense"), _c("rd_expense", PREVIOUS)
    return ((r >= 15_000_000) & (_c("main_revenue") * 100 >= r * 80)
            & (_c("total_liabilities") * 100 <= _c("total_assets") * 80)
            & (rd >= 1_000_000) & (rd_p >= 1_000_000) & (rd * 100 >= r * 3)
            & (rd_p * 100 >= p * 3) & (pl.col("class1_ip") >= 1)
            & (pl.col("niche_since") <= LAST - 2)).fill_null(False)


def giant_level() -> pl.Expr:
    """Revenue ≥ 5000万, main share ≥ 70 %, 2-year average main growth ≥ 5 %, debt ≤ 70 %,
    national share ≥ 10 %, R&D ≥ 3 % (≥ 1亿) or ≥ 6 % (5000万–1亿) in both years, ≥ 2 Class-I
    IP, ≥ 3 years in the niche."""
    r, p = _c("revenue"), _c("revenue", PREVIOUS)
    m, m_p, m_b = _c("main_revenue"), _c("main_revenue", PREVIOUS), _c("main_revenue", BEFORE)
    floor = pl.when(r >= 100_000_000).then(3).otherwise(6)
    return ((r >= 50_000_000) & (m * 100 >= r * 70) & ((m / m_p + m_p / m_b - 2) / 2 >= 0.05)
            & (_c("total_liabilities") * 100 <= _c("total_assets") * 70)
            & (_c("niche_market_share") >= 1000)
            & (_c("rd_expense") * 100 >= r * floor)
            & (_c("rd_expense", PREVIOUS) * 100 >= p * floor)
            & (pl.col("class1_ip") >= 2) & (pl.col("niche_since") <= LAST - 2)).fill_null(False)
