"""Assessing many enterprises at once with the engine's Polars backend (the same verdicts as
the reference interpreter, row for row, by the engine's equivalence tests).

Each enterprise is judged by the sets in force for its own region, so rows are grouped by the
sets that apply to their region code before each set's plan runs over its group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from eligibility.api import CriteriaSet, Library
from eligibility.backends.lowering import Plan, lower_program
from eligibility.ir import fiscal_year
from eligibility.screening.engines import column_kinds, run_polars
from portal.assessments.models import Assessment
from portal.assessments.rows import assessment_from_row, main_clause_ids

# Fiscal years read into the frame: the rules look back at most a few years from 上年度.
YEARS_BACK = 5
APPLICATION = "new"


def frame_years(on: dt.date) -> list[int]:
    last = fiscal_year(on)
    return list(range(last - YEARS_BACK, last + 1))


def assess_frame(frame: pl.DataFrame, library: Library, on: dt.date,
                 at: dt.datetime) -> list[Assessment]:
    """One Assessment per enterprise row of ``frame`` (the columnar layout) and rung in force."""
    by_region = {code: library.sets_in_force(on, code, APPLICATION)
                 for code in frame["region_code"].unique().to_list()}
    kinds = column_kinds(frame.schema)
    rows: list[Assessment] = []
    for criteria_set in _distinct_sets(by_region.values()):
        regions = [code for code, sets in by_region.items() if criteria_set in sets]
        group = frame.filter(pl.col("region_code").is_in(regions))
        plan = lower_program(criteria_set.program, on, APPLICATION, columns=kinds)
        rows.extend(_assessments(criteria_set, plan, group, on, at))
    return rows


def _distinct_sets(lists: object) -> list[CriteriaSet]:
    seen: dict[str, CriteriaSet] = {}
    for sets in lists:  # type: ignore[attr-defined]
        for criteria_set in sets:
            seen.setdefault(criteria_set.id, criteria_set)
    return list(seen.values())


def _assessments(criteria_set: CriteriaSet, plan: Plan, group: pl.DataFrame, on: dt.date,
                 at: dt.datetime) -> list[Assessment]:
    result = run_polars(group, plan, ["enterprise_id"])
    statuses = _main_statuses(criteria_set, plan, result)
    score = plan.scores[0] if plan.scores else None
    result = result.select(
        "enterprise_id", "verdict",
        (pl.col(score.lower) if score else pl.lit(None, pl.Int64)).alias("score_lower"),
        (pl.col(score.upper) if score else pl.lit(None, pl.Int64)).alias("score_upper"))
    return [assessment_from_row(criteria_set, row, statuses=list(codes), on=on, at=at)
            for row, codes in zip(result.iter_rows(named=True), statuses, strict=True)]


def _main_statuses(criteria_set: CriteriaSet, plan: Plan, result: pl.DataFrame,
                   ) -> Sequence[tuple[str, ...]]:
    """Per row, the status code of every main criterion (waived when an exemption applied)."""
    main = set(main_clause_ids(criteria_set))
    columns = []
    for clause in plan.clauses:
        if clause.id not in main:
            continue
        code = (pl.when(pl.col(clause.status)).then(pl.lit("pass"))
                .when(~pl.col(clause.status)).then(pl.lit("fail")).otherwise(pl.lit("unknown")))
        if clause.waived:
            code = pl.when(pl.col(clause.waived)).then(pl.lit("waived")).otherwise(code)
        columns.append(code.alias(clause.id))
    if not columns:
        return [()] * result.height
    return list(result.select(columns).iter_rows())
