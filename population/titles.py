"""Titles held, with validity dates consistent with the figures and with each other.

A title is drawn only for enterprises whose figures fit it (a 高新技术企业 spends ≥ 3 % on
R&D; a national 小巨人 comes from the giant segment and already held the provincial 专精特新
title before). Certificates run three years (科技型中小企业: the calendar year); most holders
pass re-review and carry the latest certificate, some let a title lapse. Issue years never pass
the last fiscal year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from population.backbone import Backbone
from population.columns import calendar_days
from population.draws import CHAMPION, GIANT, SRDI, BoolArray, IntArray, chance, per_segment
from population.finance import Figures
from population.workforce import Staff

Held = tuple[IntArray, IntArray, BoolArray]  # valid_from days, valid_until days, not held
TIER_1_FROM_YEAR = 2026  # 科技和创新型中小企业 exists from the 2026 measures on


@dataclass(frozen=True)
class Certificate:
    month: int
    day: int
    validity: int = 3  # years
    renew: float = 0.8  # share of holders who passed re-review each time


CERTIFICATES: dict[tuple[str, str], Certificate] = {
    ("tech_sme", "province"): Certificate(5, 20, validity=1, renew=0.0),
    ("tech_innovative_sme", "province"): Certificate(9, 1),
    ("innovative_sme", "province"): Certificate(8, 1),
    ("innovative_sme", "city"): Certificate(8, 1),
    ("srdi_sme", "province"): Certificate(12, 1),
    ("srdi_demo_sme", "city"): Certificate(10, 1),
    ("srdi_product", "province"): Certificate(12, 1, renew=0.0),
    ("little_giant", "national"): Certificate(7, 1, renew=0.85),
    ("little_giant", "province"): Certificate(12, 15, renew=0.0),
    ("single_champion", "national"): Certificate(11, 15, renew=0.9),
    ("single_champion", "province"): Certificate(11, 15, renew=0.8),
    ("hnte", "national"): Certificate(11, 30, renew=0.85),
    ("tech_innovation_demo", "national"): Certificate(12, 20),
    ("ip_advantage", "national"): Certificate(12, 10),
    ("ip_advantage", "province"): Certificate(12, 10),
    ("ip_demo", "national"): Certificate(12, 10),
}


@dataclass(frozen=True)
class Context:
    rng: np.random.Generator
    b: Backbone
    intensity: np.ndarray  # last-year R&D intensity
    tech_share: np.ndarray  # last-year tech staff / employees
    revenue: np.ndarray  # last-year revenue
    employees: IntArray
    class1_ip: IntArray
    class2_ip: IntArray
    in_suzhou: BoolArray

    def odds(self, p: tuple[float, float, float, float]) -> BoolArray:
        return chance(self.rng, per_segment(self.b.segment, p), self.b.n)

    def certify(self, key: tuple[str, str], eligible: BoolArray, first: IntArray | int,
                latest: IntArray | int | None = None) -> tuple[Held, IntArray]:
        """Certificates for ``eligible`` rows first issued in [first, latest]; returns the
        current certificate's dates and the first issue year."""
        cert, n = CERTIFICATES[key], self.b.n
        first_ = np.broadcast_to(np.asarray(first, dtype=np.int64), (n,))
        latest_ = np.broadcast_to(np.asarray(self.b.last_year if latest is None else latest,
                                             dtype=np.int64), (n,))
        held = eligible & (first_ <= latest_)
        span = np.maximum(latest_ - first_ + 1, 1)
        issued = first_ + np.floor(self.rng.random(n) * span).astype(np.int64)
        cycles = (self.b.last_year - issued) // cert.validity
        renewed = chance(self.rng, cert.renew, n)
        current = np.where(renewed, issued + cert.validity * cycles, issued)
        start = calendar_days(current, cert.month, cert.day)
        end = calendar_days(current + cert.validity, cert.month, cert.day) - 1
        return (start, end, ~held), np.where(held, issued, 0)


def draw_titles(rng: np.random.Generator, b: Backbone, figures: Figures, staff: Staff,
                ip: dict[str, IntArray], in_suzhou: BoolArray) -> dict[tuple[str, str], Held]:
    employees = np.maximum(staff.employees[:, -1], 1)
    ctx = Context(rng, b, figures.rd_intensity[:, -1], staff.tech_staff[:, -1] / employees,
                  figures.revenue[:, -1], staff.employees[:, -1], ip["class1_ip"],
                  ip["class2_ip"], in_suzhou)
    held: dict[tuple[str, str], Held] = {}
    held.update(_ladder(ctx))
    held.update(_tier_one(ctx))
    held.update(_technology(ctx))
    held.update(_champions(ctx))
    return held


def _ladder(ctx: Context) -> dict[tuple[str, str], Held]:
    """专精特新 and 小巨人: a national 小巨人 first held the provincial 专精特新 title."""
    b, founded = ctx.b, ctx.b.founded_year
    giant, giant_year = ctx.certify(("little_giant", "national"),
                                    ctx.odds((0.0, 0.0, 0.88, 0.7)), np.maximum(2019, founded + 5))
    is_giant = ~giant[2]
    near = (ctx.intensity >= 0.03) & (ctx.class1_ip > 0)
    srdi_odds = ctx.odds((0.0, 0.82, 0.97, 0.9)) | (near & ctx.odds((0.05, 0.0, 0.0, 0.0)))
    srdi_first = np.maximum(2018, founded + 3)
    srdi_latest = np.where(is_giant, np.maximum(giant_year - 1, srdi_first), b.last_year)
    srdi, _ = ctx.certify(("srdi_sme", "province"), srdi_odds | is_giant, srdi_first, srdi_latest)
    near_tier = b.is_(SRDI, GIANT, CHAMPION)
    return {
        ("little_giant", "national"): giant,
        ("srdi_sme", "province"): srdi,
        ("little_giant", "province"): ctx.certify(
            ("little_giant", "province"), ctx.odds((0.0, 0.08, 0.2, 0.1)), 2020,
            min(2022, b.last_year))[0],
        ("srdi_demo_sme", "city"): ctx.certify(
            ("srdi_demo_sme", "city"), near_tier & ctx.in_suzhou & ctx.odds((0, .25, .25, .25)),
            2021)[0],
        ("srdi_product", "province"): ctx.certify(
            ("srdi_product", "province"), ctx.odds((0.0, 0.1, 0.15, 0.1)), 2020,
            min(2020, b.last_year))[0],
    }


def _tier_one(ctx: Context) -> dict[tuple[str, str], Held]:
    """科技型中小企业 (yearly), 创新型中小企业 (since 2022) and, from 2026, their union tier."""
    b = ctx.b
    small = (ctx.employees <= 500) & (ctx.revenue <= 2e8) & (ctx.tech_share >= 0.1)
    recent = np.where(chance(ctx.rng, 0.75, b.n), b.last_year, b.last_year - 1)
    tech, _ = ctx.certify(("tech_sme", "province"), small & ctx.odds((0.25, 0.6, 0.4, 0.0)),
                          recent, recent)
    active = (ctx.intensity > 0.01) & (ctx.class1_ip + ctx.class2_ip > 0)
    innovative = active & ctx.odds((0.25, 0.85, 0.6, 0.3))
    city_level = chance(ctx.rng, 0.3, b.n)
    first = np.maximum(2022, b.founded_year + 1)
    tier_one = ~tech[2] | innovative
    return {
        ("tech_sme", "province"): tech,
        ("innovative_sme", "province"): ctx.certify(("innovative_sme", "province"),
                                                    innovative & ~city_level, first)[0],
        ("innovative_sme", "city"): ctx.certify(("innovative_sme", "city"),
                                                innovative & city_level, first)[0],
        ("tech_innovative_sme", "province"): ctx.certify(
            ("tech_innovative_sme", "province"), tier_one & ctx.odds((0.5, 0.7, 0.7, 0.7)),
            TIER_1_FROM_YEAR)[0],
    }


def _technology(ctx: Context) -> dict[tuple[str, str], Held]:
    """高新技术企业, technology-innovation demonstration and IP titles."""
    b = ctx.b
    hnte_ok = (ctx.intensity >= 0.03) & (ctx.tech_share >= 0.1) & (
        (ctx.class1_ip > 0) | (ctx.class2_ip >= 4))
    return {
        ("hnte", "national"): ctx.certify(("hnte", "national"),
                                          hnte_ok & ctx.odds((0.45, 0.8, 0.95, 0.95)),
                                          np.maximum(2010, b.founded_year + 1))[0],
        ("tech_innovation_demo", "national"): ctx.certify(
            ("tech_innovation_demo", "national"), ctx.odds((0.0, 0.0, 0.03, 0.25)), 2012)[0],
        ("ip_advantage", "national"): ctx.certify(
            ("ip_advantage", "national"), ctx.odds((0.0, 0.02, 0.12, 0.3)), 2015)[0],
        ("ip_advantage", "province"): ctx.certify(
            ("ip_advantage", "province"), ctx.odds((0.0, 0.08, 0.2, 0.2)), 2015)[0],
        ("ip_demo", "national"): ctx.certify(
            ("ip_demo", "national"), ctx.odds((0.0, 0.0, 0.04, 0.15)), 2015)[0],
    }


def _champions(ctx: Context) -> dict[tuple[str, str], Held]:
    national = ctx.odds((0.0, 0.0, 0.0, 0.8))
    return {
        ("single_champion", "national"): ctx.certify(("single_champion", "national"), national,
                                                     2016)[0],
        ("single_champion", "province"): ctx.certify(
            ("single_champion", "province"), ~national & ctx.odds((0.0, 0.0, 0.04, 0.6)),
            2018)[0],
    }
