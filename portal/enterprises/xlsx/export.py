"""Exporting enterprises to a workbook in the import template's layout, so an exported file
can be edited and imported back (unchanged cells change nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

import polars as pl
from django.db.models import QuerySet

from indicators.vocabulary import ANNUAL, LEVEL_LABELS, TITLE_TIERS
from portal.enterprises import selectors
from portal.enterprises.models import Enterprise, Title
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.template import write_template
from portal.enterprises.xlsx.writing import Book, user_units, write_sheet

__all__ = ["export_workbook", "write_template"]


def export_workbook(*, enterprises: QuerySet[Enterprise], target: Path | BytesIO,
                    years: Iterable[int] | None = None) -> dict[str, int]:
    """Write the enterprises' registration data, current annual figures (for ``years``,
    default all on record) and static facts with titles; returns rows written per sheet."""
    wide = selectors.current_facts_frame(enterprises=enterprises, years=years)
    frames = {
        sheets.ENTERPRISES: _enterprise_rows(enterprises, wide),
        sheets.ANNUAL_SHEET: _annual_rows(wide),
        sheets.STATIC_SHEET: _static_rows(enterprises, wide),
    }
    book = Book(target)
    for name, frame in frames.items():
        columns = sheets.COLUMNS[name]
        write_sheet(book, name, columns, user_units(frame, columns))
    book.close()
    return {name: frame.height for name, frame in frames.items()}


def _enterprise_rows(enterprises: QuerySet[Enterprise], wide: pl.DataFrame) -> pl.DataFrame:
    fields = ("uscc", "main_products", "contact_name", "contact_phone", "contact_email")
    rows = list(enterprises.order_by("uscc").values_list(*fields))
    plain = pl.DataFrame(rows, orient="row", schema=dict.fromkeys(fields, pl.String))
    links = list(Enterprise.clusters.through.objects.filter(
        enterprise__in=enterprises.values("pk")).values_list("enterprise__uscc", "cluster_id"))
    clusters = (pl.DataFrame(links, orient="row", schema={"uscc": pl.String, "slug": pl.String})
                .group_by("uscc").agg(pl.col("slug").sort().str.join("；").alias("clusters")))
    own = [c.key for c in sheets.ENTERPRISE_COLUMNS if c.indicator is not None]
    return (wide.select("uscc", "name", "region_code", "industry_code", *own)
            .join(plain, on="uscc", how="left").join(clusters, on="uscc", how="left"))


def _annual_rows(wide: pl.DataFrame) -> pl.DataFrame:
    """One row per enterprise and year that has at least one annual value."""
    by_year = [c for c in wide.columns if "__" in c and not c.startswith("title__")]
    years = sorted({int(c.rpartition("__")[2]) for c in by_year})
    parts = []
    for year in years:
        names = {f"{ind.id}__{year}": ind.id for ind in ANNUAL if f"{ind.id}__{year}" in wide}
        part = wide.select("uscc", "name", *names).rename(names).with_columns(
            year=pl.lit(str(year)))
        parts.append(part.filter(pl.any_horizontal(pl.col(i).is_not_null()
                                                   for i in names.values())))
    if not parts:
        return pl.DataFrame(schema={"uscc": pl.String, "name": pl.String, "year": pl.String})
    return pl.concat(parts, how="diagonal_relaxed").sort("uscc", "year")


def _static_rows(enterprises: QuerySet[Enterprise], wide: pl.DataFrame) -> pl.DataFrame:
    """One row per title held; enterprises without titles get one row for their facts."""
    own = [ind.id for ind in sheets.STATIC_IMPORTED]
    facts = wide.select("uscc", "name", *own)
    titles = _titles(enterprises)
    with_titles = facts.join(titles, on="uscc", how="left")
    has_facts = pl.any_horizontal(pl.col(i).is_not_null() for i in own)
    return with_titles.filter(pl.col("title_tier").is_not_null() | has_facts).sort(
        "uscc", "title_tier", "title_valid_from", nulls_last=True)


def _titles(enterprises: QuerySet[Enterprise]) -> pl.DataFrame:
    rows = list(Title.objects.filter(enterprise__in=enterprises.values("pk")).values_list(
        "enterprise__uscc", "tier", "level", "year", "valid_from", "valid_until",
        "certificate_no"))
    titles = pl.DataFrame(rows, orient="row", schema={
        "uscc": pl.String, "title_tier": pl.String, "title_level": pl.String,
        "title_year": pl.Int64, "title_valid_from": pl.Date, "title_valid_until": pl.Date,
        "title_certificate_no": pl.String})
    return titles.with_columns(  # names people read; the importer accepts names and codes
        pl.col("title_tier").replace_strict({t.id: t.name for t in TITLE_TIERS}),
        pl.col("title_level").replace_strict(LEVEL_LABELS))
