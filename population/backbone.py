"""The latent backbone of a population: segment, founding, data years, region and industry.

Everything else (figures, intellectual property, titles) is drawn conditional on this.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from population.columns import calendar_days
from population.draws import (
    BoolArray,
    IntArray,
    chance,
    per_segment,
)
from population.industries import Industries
from population.regions import Placement

# Share of each segment (ordinary, srdi, giant, champion): the thin tails near the thresholds.
SEGMENT_SHARES = (0.9245, 0.067, 0.008, 0.0005)
# Age at the last fiscal year: minimum and gamma(shape, scale) on top, per segment.
AGE_MIN = (2, 5, 8, 12)
AGE_SHAPE = (1.5, 2.0, 2.5, 3.0)
AGE_SCALE = (7.0, 5.0, 5.5, 5.0)
OLDEST_FOUNDING = 1980
LATE_REPORTER_SHARE = 0.12  # reporting started recently: 3–4 years of figures only
GAP_YEAR_SHARE = 0.03  # one whole fiscal year never reported
WUJIANG_TEXTILE_SHARE = 0.35


@dataclass(frozen=True)
class Backbone:
    n: int
    years: IntArray  # fiscal years, ascending
    segment: IntArray
    founded_year: IntArray
    founded_day: IntArray  # days since 1970-01-01
    present: BoolArray  # n × len(years): figures reported for that year
    region: IntArray  # index into Placement
    industry: IntArray  # index into Industries

    @property
    def last_year(self) -> int:
        return int(self.years[-1])

    def is_(self, *segments: int) -> BoolArray:
        return np.isin(self.segment, segments)


def draw_backbone(streams: dict[str, np.random.Generator], n: int, years: tuple[int, ...],
                  places: Placement, industries: Industries) -> Backbone:
    year_array = np.array(sorted(years), dtype=np.int64)
    segment = streams["segments"].choice(4, size=n, p=SEGMENT_SHARES).astype(np.int64)
    founded_year, founded_day = _founding(streams["timeline"], segment, int(year_array[-1]))
    present = _present_years(streams["timeline"], founded_year, year_array)
    region = streams["regions"].choice(len(places.codes), size=n, p=places.weights)
    industry = _industries(streams["industries"], region, places, industries)
    return Backbone(n, year_array, segment, founded_year, founded_day, present,
                    region.astype(np.int64), industry)


def _founding(rng: np.random.Generator, segment: IntArray, last: int) -> tuple[IntArray,
                                                                              IntArray]:
    n = segment.shape[0]
    age = per_segment(segment, AGE_MIN) + rng.gamma(per_segment(segment, AGE_SHAPE),
                                                     per_segment(segment, AGE_SCALE), n)
    year = np.clip(last - np.floor(age).astype(np.int64), OLDEST_FOUNDING, last - 2)
    day = calendar_days(year, 1, 1) + rng.integers(0, 365, n)
    return year, day


def _present_years(rng: np.random.Generator, founded: IntArray, years: IntArray) -> BoolArray:
    n, last = founded.shape[0], int(years[-1])
    first = np.maximum(founded, years[0])
    late = chance(rng, LATE_REPORTER_SHARE, n)
    kept = rng.integers(3, 5, n)  # 3 or 4 years
    first = np.where(late, np.maximum(first, last - kept + 1), first)
    present = years[None, :] >= first[:, None]
    _drop_one_year(rng, present)
    return present


def _drop_one_year(rng: np.random.Generator, present: BoolArray) -> None:
    """A few enterprises skipped one whole year; they keep at least three."""
    n = present.shape[0]
    count = present.sum(axis=1)
    gap = chance(rng, GAP_YEAR_SHARE, n) & (count >= 4)
    # The k-th reported year, k uniform over the reported ones.
    k = np.floor(rng.random(n) * count).astype(np.int64)
    rank = np.cumsum(present, axis=1) - 1
    present &= ~(gap[:, None] & (rank == k[:, None]) & present)


def _industries(rng: np.random.Generator, region: IntArray, places: Placement,
                industries: Industries) -> IntArray:
    n, k = int(region.shape[0]), len(industries.codes)
    industry: IntArray = rng.integers(0, k, n)
    textile = np.flatnonzero(industries.textile)
    wujiang = np.array([c.startswith("320509") for c in places.codes])[region]
    if textile.size:
        switch = wujiang & chance(rng, WUJIANG_TEXTILE_SHARE, n)
        industry = np.where(switch, textile[rng.integers(0, textile.size, n)], industry)
    return industry.astype(np.int64)

