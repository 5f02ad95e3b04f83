"""Turning engine results (one Outcome, or one batch result row) into stored Assessment rows,
so the single-enterprise and the population paths count criteria the same way."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction

from eligibility.api import CriteriaSet, Outcome
from eligibility.authoring.model import Role as ClauseRole
from portal.assessments.models import Assessment


def main_clause_ids(criteria_set: CriteriaSet) -> list[str]:
    return [cid for cid, info in criteria_set.info.items() if info.role is ClauseRole.MAIN]


def counts_from_statuses(statuses: Iterable[str]) -> tuple[int, int]:
    """(failed, unknown) among main-criterion statuses (pass / fail / unknown / waived)."""
    listed = list(statuses)
    return listed.count("fail"), listed.count("unknown")


def assessment_from_outcome(outcome: Outcome, *, enterprise_id: int,
                            at: dt.datetime) -> Assessment:
    statuses = [("waived" if c.waived_by is not None else c.status)
                for c in outcome.criteria if c.info.role is ClauseRole.MAIN]
    failed, unknown = counts_from_statuses(statuses)
    score = outcome.score
    lower = upper = None
    if score is not None:
        lower, upper = _hundredths(score.trace.lower, math.floor), _hundredths(
            score.trace.upper, math.ceil)
    return _row(outcome.criteria_set, enterprise_id, outcome.on, outcome.verdict,
                (failed, unknown), (lower, upper), at)


def _hundredths(points: Fraction, rounding: object) -> int:
    return int(rounding(points * 100))  # type: ignore[operator]


def assessment_from_row(criteria_set: CriteriaSet, row: Mapping[str, object], *,
                        statuses: list[str], on: dt.date, at: dt.datetime) -> Assessment:
    """A batch result row: ``verdict`` as a nullable bool, score bounds in 0.01 分."""
    verdict = {True: "pass", False: "fail", None: "unknown"}[row["verdict"]]  # type: ignore[index]
    enterprise_id = row["enterprise_id"]
    assert isinstance(enterprise_id, int)
    return _row(criteria_set, enterprise_id, on, verdict, counts_from_statuses(statuses),
                (row.get("score_lower"), row.get("score_upper")), at)  # type: ignore[arg-type]


def _row(criteria_set: CriteriaSet, enterprise_id: int, on: dt.date, verdict: str,
         counts: tuple[int, int], score: tuple[int | None, int | None],
         at: dt.datetime) -> Assessment:
    return Assessment(enterprise_id=enterprise_id, tier=criteria_set.tier,
                      level=criteria_set.level, set_id=criteria_set.id,
                      set_version=criteria_set.version, on=on, verdict=verdict,
                      failed_count=counts[0], unknown_count=counts[1],
                      score_lower=score[0], score_upper=score[1], assessed_at=at)
