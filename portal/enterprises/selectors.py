"""Reads on the enterprise registry, scoped to what the reading user may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db.models import QuerySet

from indicators.vocabulary import BY_ID, INDICATORS, Period
from population import layout
from portal.accounts.models import Role
from portal.enterprises import fact_frames, values
from portal.enterprises.models import Enterprise, Fact, Title

# Roles that read the registry of their region subtree.
REGIONAL_READERS = frozenset({Role.CITY, Role.DISTRICT, Role.TOWN})


def enterprises_visible_to(user: Any) -> QuerySet[Enterprise]:
    """Province officials and administrators see every enterprise; city, district and town
    officials their region subtree; an enterprise user its own enterprise; commissioners and
    experts the enterprises assigned to them (portal.services); everyone else nothing."""
    everything = Enterprise.objects.select_related("region", "industry")
    if not getattr(user, "is_authenticated", False):
        return everything.none()
    if user.is_superuser or user.role in (Role.PROVINCE, Role.ADMIN):
        return everything
    if user.role in REGIONAL_READERS and user.region_id:
        return everything.filter(region__path__startswith=user.region.path)
    if user.role == Role.ENTERPRISE:
        return everything.filter(members__user=user)
    if user.role == Role.COMMISSIONER:
        return everything.filter(commissioner_assignments__commissioner=user)
    if user.role == Role.EXPERT:
        # An expert may hold two assignments (review, diagnosis) for one enterprise.
        assigned = Enterprise.objects.filter(expert_assignments__expert=user).values("pk")
        return everything.filter(pk__in=assigned)
    return everything.none()


def enterprise_by_uscc(uscc: str) -> Enterprise | None:
    return Enterprise.objects.select_related("region", "industry").filter(uscc=uscc).first()


def current_facts(enterprise: Enterprise) -> list[Fact]:
    """The current version of every fact of one enterprise (retractions excluded)."""
    facts = (Fact.objects.filter(enterprise=enterprise, superseded_at__isnull=True)
             .select_related("entered_by").order_by("indicator", "year"))
    return [f for f in facts if f.indicator in BY_ID and _has_value(f)]


def _has_value(fact: Fact) -> bool:
    return getattr(fact, values.value_column(BY_ID[fact.indicator])) is not None


def fact_history(*, enterprise: Enterprise, indicator: str, year: int | None = None,
                 ) -> list[Fact]:
    """Every version of one fact, newest first, with who entered it and when."""
    return list(Fact.objects.filter(enterprise=enterprise, indicator=indicator, year=year)
                .select_related("entered_by", "import_record").order_by("-entered_at", "-id"))


def attestations(enterprise: Enterprise) -> list[Fact]:
    """Current attested judgements (expert or official opinions) with their attester."""
    return [f for f in current_facts(enterprise) if BY_ID[f.indicator].attested]


def titles_held(enterprise: Enterprise) -> list[Title]:
    return list(Title.objects.filter(enterprise=enterprise).order_by("tier", "-valid_from"))


# --- the columnar layout (docs/facts.md) ----------------------------------------------------

def current_facts_frame(*, enterprises: QuerySet[Enterprise] | None = None,
                        years: Iterable[int] | None = None) -> pl.DataFrame:
    """Current facts of many enterprises, one row each, in the columnar layout: identity
    columns, static indicators by id, ``<id>__<year>`` annual columns (for ``years``, default
    every year on record) and title validity columns, all in storage units."""
    identity = _identity_frame(enterprises)
    ids = None if enterprises is None else identity["enterprise_id"].to_list()
    facts = _named(fact_frames.read_current(enterprise_ids=ids), years)
    chosen = sorted(set(years)) if years is not None else _years_in(facts)
    schema = layout.schema(chosen)
    wide = identity
    for column in fact_frames.VALUE_COLUMNS:
        wide = _join_pivot(wide, facts.filter(pl.col("value_column") == column), column)
    wide = _join_pivot(wide, _titles_long(enterprises), "value_date")
    missing = [pl.lit(None, dtype=dtype).alias(name) for name, dtype in schema.items()
               if name not in wide.columns]
    return wide.with_columns(missing).select(
        pl.col(name).cast(dtype) for name, dtype in schema.items())


def _identity_frame(enterprises: QuerySet[Enterprise] | None) -> pl.DataFrame:
    queryset = Enterprise.objects.all() if enterprises is None else enterprises
    rows = list(queryset.order_by("uscc").values_list("id", "uscc", "name", "region_id",
                                                      "industry_id"))
    return pl.DataFrame(rows, orient="row", schema={
        "enterprise_id": pl.Int64, "uscc": pl.String, "name": pl.String,
        "region_code": pl.String, "industry_code": pl.String})


def _indicator_columns() -> pl.DataFrame:
    return pl.DataFrame({
        "indicator": [i.id for i in INDICATORS],
        "value_column": [values.value_column(i) for i in INDICATORS],
        "annual": [i.period is Period.ANNUAL for i in INDICATORS],
    })


def _named(facts: pl.DataFrame, years: Iterable[int] | None) -> pl.DataFrame:
    """Attach the layout column name and the typed column each fact's value lives in."""
    named = facts.join(_indicator_columns(), on="indicator", how="inner").with_columns(
        column=pl.when(pl.col("year").is_null()).then(pl.col("indicator"))
        .otherwise(pl.col("indicator") + "__" + pl.col("year").cast(pl.String)))
    if years is not None:
        named = named.filter(~pl.col("annual") | pl.col("year").is_in(sorted(set(years))))
    return named


def _years_in(facts: pl.DataFrame) -> list[int]:
    return sorted(facts["year"].drop_nulls().unique().to_list())


def _join_pivot(wide: pl.DataFrame, long: pl.DataFrame, column: str) -> pl.DataFrame:
    if long.is_empty():
        return wide
    pivoted = long.pivot(on="column", index="enterprise_id", values=column,
                         aggregate_function="first")
    return wide.join(pivoted, on="enterprise_id", how="left")


def _titles_long(enterprises: QuerySet[Enterprise] | None) -> pl.DataFrame:
    """Title validity as long rows; when a title was granted more than once the latest grant
    (by valid_from) fills the layout's single pair of columns."""
    queryset = Title.objects.all()
    if enterprises is not None:
        queryset = queryset.filter(enterprise__in=enterprises.values("pk"))
    rows = list(queryset.values_list("enterprise_id", "tier", "level", "valid_from",
                                     "valid_until"))
    grants = pl.DataFrame(rows, orient="row", schema={
        "enterprise_id": pl.Int64, "tier": pl.String, "level": pl.String,
        "from": pl.Date, "until": pl.Date})
    latest = grants.sort("from").group_by("enterprise_id", "tier", "level").last()
    return latest.unpivot(index=["enterprise_id", "tier", "level"], on=["from", "until"],
                          variable_name="end", value_name="value_date").with_columns(
        column=pl.concat_str(pl.lit("title__"), "tier", pl.lit("__"), "level", pl.lit("__"),
                             "end"))
