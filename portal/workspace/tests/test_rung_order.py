"""Rungs read as the ladder climbs, on the home chart and in the readiness filter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from eligibility.authoring.model import TIER_ORDER
from portal.assessments.services import population_assess
from portal.assessments.tests.fixtures import ON
from portal.workspace import forms
from portal.workspace.overview import home_context


@dataclass(frozen=True)
class FakeSet:
    tier: str
    level: str
    title: str = ""

    def in_force(self, day: Any) -> bool:
        return True

    @property
    def tier_rank(self) -> int:
        return TIER_ORDER.index(self.tier)


@dataclass(frozen=True)
class FakeLibrary:
    sets: list[FakeSet]


def test_rungs_follow_the_ladder_then_the_level(monkeypatch: pytest.MonkeyPatch) -> None:
    shuffled = [FakeSet("single_champion", "national"), FakeSet("little_giant", "national"),
                FakeSet("srdi_sme", "province"), FakeSet("little_giant", "province"),
                FakeSet("innovative_sme", "province"), FakeSet("innovative_sme", "city")]
    monkeypatch.setattr(forms, "criteria_library", lambda: FakeLibrary(shuffled))
    assert [label for _, label in forms.rung_choices()] == [
        "创新型中小企业（市级）", "创新型中小企业（省级）", "专精特新中小企业（省级）",
        "专精特新“小巨人”企业（省级）", "专精特新“小巨人”企业（国家级）",
        "制造业单项冠军（国家级）"]


def test_the_home_chart_climbs_the_ladder(users: dict[str, Any]) -> None:
    population_assess(on=ON)
    keys = [rung["key"] for rung in home_context(users["province"])["rungs"]]
    ladder = ["innovative_sme:province", "srdi_sme:province", "little_giant:national",
              "single_champion:national"]
    assert [key for key in keys if key in ladder] == ladder
