"""Reading a targets table (目标数) such as seed 000 附件1 into flat, validated targets.

The file stores the table as printed — one row per 区镇 with one count per year and column, plus
the 合计 row — so a person can check it against the attachment line by line. The loader turns it
into one ``Target`` per region, column and year, and refuses the file unless every 合计 equals
the sum of its rows: a transcription slip fails loudly instead of skewing every bulletin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from indicators.vocabulary import TITLE_BY_ID
from reference.fields import Entry, ReferenceDataError, entries, source_ref
from reference.records import Bound, Level, Region, Target, TargetStatement, TargetTable


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    tiers: tuple[str, ...]
    level: Level


@dataclass(frozen=True)
class Row:
    name: str
    region: str
    counts: Mapping[str, tuple[int, ...]]  # column key -> one count per year


def load_target_table(file: str, document: object, regions: Sequence[Region]) -> TargetTable:
    top = _top(file, document)
    known = {region.code: region for region in regions}
    district = _region_code(top, "district", known)
    years = _years(top)
    columns = tuple(_column(entry) for entry in entries(file, document, "columns"))
    units = tuple(
        _row(entry, columns, len(years)) for entry in entries(file, document, "unit_rows")
    )
    total = _row(top.mapping("total_row"), columns, len(years))
    _check_rows(top, units, total, district, known)
    _check_sums(top, units, total, columns, years)
    targets = _row_targets((*units, total), columns, years)
    extra = tuple(_district_target(e) for e in entries(file, document, "district_targets"))
    return TargetTable(
        source=source_ref(top.mapping("source")),
        district=district,
        targets=targets + extra,
        statements=tuple(
            _statement(entry) for entry in entries(file, document, "district_statements")
        ),
    )


def _top(file: str, document: object) -> Entry:
    if not isinstance(document, Mapping):
        raise ReferenceDataError(f"{file}：顶层应为映射")
    return Entry(file, 0, document)


def _region_code(entry: Entry, field: str, known: Mapping[str, Region]) -> str:
    code = entry.text(field)
    if code not in known:
        raise entry.error(field, f"区划代码 {code} 不在 regions.yaml 中")
    return code


def _years(top: Entry) -> tuple[int, ...]:
    years = tuple(top.non_negative("years", year) for year in top.items("years"))
    if not years or list(years) != sorted(set(years)):
        raise top.error("years", "应为不重复、按升序排列的年份列表")
    return years


def _column(raw: Entry) -> Column:
    entry = raw.labelled("key")
    tiers = entry.texts("tiers")
    level = entry.choice("level", Level)
    problem = tier_problem(tiers, level)
    if problem:
        raise entry.error("tiers", problem)
    return Column(entry.text("key"), entry.text("heading"), tiers, level)


def tier_problem(tiers: Sequence[str], level: Level) -> str:
    """Why ``tiers`` at ``level`` are not titles the vocabulary knows, or "" when they are."""
    if not tiers:
        return "至少应有一个称号"
    for tier in tiers:
        title = TITLE_BY_ID.get(tier)
        if title is None:
            return f"称号 {tier} 不在 indicators.vocabulary.TITLE_TIERS 中"
        if level.value not in title.levels:
            return f"称号 {tier} 没有 {level.value} 这一级别"
    return ""


def _row(raw: Entry, columns: Sequence[Column], year_count: int) -> Row:
    entry = raw.labelled("row")
    counts = {}
    for column in columns:
        values = tuple(entry.non_negative(column.key, value) for value in entry.items(column.key))
        if len(values) != year_count:
            found = len(values)
            raise entry.error(column.key, f"应有 {year_count} 个数（每年一个），实际 {found} 个")
        counts[column.key] = values
    return Row(entry.text("row"), entry.text("region"), counts)


def _check_rows(
    top: Entry, units: Sequence[Row], total: Row, district: str, known: Mapping[str, Region]
) -> None:
    if total.region != district:
        raise top.error("total_row", f"合计行的区划应为 {district}，实际为 {total.region}")
    for row in units:
        region = known.get(row.region)
        if region is None or region.parent != district:
            raise top.error("unit_rows", f"{row.name} 的区划 {row.region} 不是 {district} 的下级")
        if region.name != row.name:
            raise top.error("unit_rows", f"行名 {row.name} 与区划名称 {region.name} 不一致")


def _check_sums(
    top: Entry,
    units: Sequence[Row],
    total: Row,
    columns: Sequence[Column],
    years: Sequence[int],
) -> None:
    for column in columns:
        for index, year in enumerate(years):
            summed = sum(row.counts[column.key][index] for row in units)
            stated = total.counts[column.key][index]
            if summed != stated:
                raise top.error(
                    "total_row",
                    f"{column.heading} {year}年：各行之和为 {summed}，合计行为 {stated}",
                )


def _row_targets(
    rows: Sequence[Row], columns: Sequence[Column], years: Sequence[int]
) -> tuple[Target, ...]:
    return tuple(
        Target(
            region=row.region,
            tiers=column.tiers,
            level=column.level,
            year=year,
            cumulative=False,
            count=row.counts[column.key][index],
            bound=Bound.EXACT,
            row=row.name,
        )
        for row in rows
        for column in columns
        for index, year in enumerate(years)
    )


def _district_target(raw: Entry) -> Target:
    entry = raw.labelled("region")
    tiers, level = _checked_tiers(entry)
    return Target(
        region=entry.text("region"),
        tiers=tiers,
        level=level,
        year=entry.count("year"),
        cumulative=entry.flag("cumulative"),
        count=entry.count("count"),
        bound=entry.choice("bound", Bound),
        row=entry.text("row"),
    )


def _statement(entry: Entry) -> TargetStatement:
    tiers, level = _checked_tiers(entry)
    years = [entry.non_negative("years", year) for year in entry.items("years")]
    if len(years) != 2 or years[0] > years[1]:
        raise entry.error("years", "应为 [起始年, 结束年]")
    return TargetStatement(
        text=entry.text("text"),
        location=entry.text("location"),
        tiers=tiers,
        level=level,
        first_year=years[0],
        last_year=years[1],
        count=entry.count("count"),
        bound=entry.choice("bound", Bound),
    )


def _checked_tiers(entry: Entry) -> tuple[tuple[str, ...], Level]:
    tiers = entry.texts("tiers")
    level = entry.choice("level", Level)
    problem = tier_problem(tiers, level)
    if problem:
        raise entry.error("tiers", problem)
    return tiers, level
