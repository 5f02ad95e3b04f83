"""Focus categories (重点推荐/重点提升/重点关注, seed 000) and cohorts (一类/二类/三类, seed 001).

Focus — seed 000 三、（一）: "入库企业对照各级创建要求分重点推荐、重点提升、重点关注三类
分别实施培育措施".
The "创建要求" are those of 附件2 (市示范 upward), so the rungs that count are the SRDI tiers
(专精特新中小企业 and above) in force on the date, above the highest rung the enterprise holds.
The distance to a rung is the number of its main criteria not met (failing or undecided;
waived ones count as met). Nearest rung distance ≤ 1 (or a pass) → recommend; 2–3 → improve;
otherwise, or nothing above to aim for → watch. Officials may override (with a reason).

Cohort — seed 001 一、（三）: 一类 national or provincial SRDI honour, 二类 city or district SRDI
honour, 三类 pool members without one. Only titles in force on the date count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from eligibility.api import FactsDocument, Outcome, evaluate_ladder
from eligibility.authoring.model import TIER_ORDER
from indicators.vocabulary import LEVEL_LABELS, TITLE_BY_ID
from portal.assessments.library import criteria_library
from portal.enterprises.models import Enterprise, Title
from portal.pool.models import Cohort, Focus

SRDI_HONOURS = ("srdi_sme", "srdi_demo_sme", "srdi_product", "little_giant", "single_champion")
LEVEL_ORDER = {"district": 0, "city": 1, "province": 2, "national": 3}
HIGH_LEVELS = ("national", "province")
LOCAL_LEVELS = ("city", "district")
RECOMMEND_MAX = 1
IMPROVE_MAX = 3


@dataclass(frozen=True)
class FocusResult:
    focus: Focus
    basis: str
    distance: int | None  # to the nearest rung above; None when nothing is above


def rung_key(tier: str, level: str) -> tuple[int, int]:
    rank = TIER_ORDER.index(tier) if tier in TIER_ORDER else -1
    return rank, LEVEL_ORDER.get(level, -1)


def rung_label(tier: str, level: str, track: str = "") -> str:
    name = TITLE_BY_ID[tier].name if tier in TITLE_BY_ID else tier
    return f"{LEVEL_LABELS.get(level, '')}{name}{f'（{track}）' if track else ''}"


def distance(outcome: Outcome) -> int:
    """Main criteria not met (failing or undecided); waived ones count as met."""
    return sum(1 for c in outcome.criteria
               if c.info.role == "main" and c.waived_by is None and c.status != "pass")


def focus_from_ladder(outcomes: Iterable[Outcome], held: Iterable[tuple[str, str]],
                      ) -> FocusResult:
    """Apply the rule to a ladder evaluation and the (tier, level) titles held in force."""
    top = max((rung_key(t, lv) for t, lv in held if t in TIER_ORDER), default=(-1, -1))
    above = [o for o in outcomes if o.criteria_set.tier in SRDI_HONOURS
             and rung_key(o.criteria_set.tier, o.criteria_set.level) > top]
    if not above:
        return FocusResult(Focus.WATCH, "已持有最高层级称号或暂无更高层级可申报", None)
    nearest = min(above, key=lambda o: (0 if o.verdict == "pass" else distance(o),
                                        rung_key(o.criteria_set.tier, o.criteria_set.level)))
    gap = 0 if nearest.verdict == "pass" else distance(nearest)
    target = rung_label(nearest.criteria_set.tier, nearest.criteria_set.level,
                        nearest.criteria_set.track_title)
    basis = f"已满足{target}条件" if gap == 0 else f"距{target}还差{gap}项条件"
    if gap <= RECOMMEND_MAX:
        return FocusResult(Focus.RECOMMEND, basis, gap)
    return FocusResult(Focus.IMPROVE if gap <= IMPROVE_MAX else Focus.WATCH, basis, gap)


def held_in_force(facts: FactsDocument, on: dt.date) -> list[tuple[str, str]]:
    return [(t.tier, t.level) for t in facts.titles
            if t.valid_from <= on and (t.valid_until is None or t.valid_until >= on)]


def derive_focus(facts: FactsDocument, on: dt.date) -> FocusResult:
    outcomes = evaluate_ladder(criteria_library(), facts, on=on)
    return focus_from_ladder(outcomes, held_in_force(facts, on))


def titles_in_force(enterprise: Enterprise, on: dt.date) -> list[tuple[str, str]]:
    rows = Title.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on),
                                enterprise=enterprise, valid_from__lte=on)
    return list(rows.values_list("tier", "level"))


def srdi_honours(held: Iterable[tuple[str, str]]) -> list[str]:
    """The SRDI honours among titles held, as "tier:level" keys."""
    return sorted({f"{t}:{lv}" for t, lv in held if t in SRDI_HONOURS})


def cohort_of(held: Iterable[tuple[str, str]]) -> Cohort:
    levels = {lv for t, lv in held if t in SRDI_HONOURS}
    if levels & set(HIGH_LEVELS):
        return Cohort.FIRST
    return Cohort.SECOND if levels & set(LOCAL_LEVELS) else Cohort.THIRD


def honour_label(key: str) -> str:
    tier, _, level = key.partition(":")
    return rung_label(tier, level)


def _honours_in_force(on: dt.date, levels: tuple[str, ...]) -> QuerySet[Title]:
    return Title.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on),
                                enterprise=OuterRef("enterprise_id"), tier__in=SRDI_HONOURS,
                                level__in=levels, valid_from__lte=on)


def cohort_annotation(on: dt.date) -> Case:
    """The cohort as a SQL expression over a queryset with an ``enterprise_id`` column."""
    return Case(
        When(Exists(_honours_in_force(on, HIGH_LEVELS)), then=Value(int(Cohort.FIRST))),
        When(Exists(_honours_in_force(on, LOCAL_LEVELS)), then=Value(int(Cohort.SECOND))),
        default=Value(int(Cohort.THIRD)), output_field=IntegerField())
