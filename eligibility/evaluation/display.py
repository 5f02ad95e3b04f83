"""Showing exact values to people: 万元 with thousands separators, %, 个百分点, counts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from eligibility.ir import Dim, DimKind, FactRef
from indicators.vocabulary import BY_ID


def decimal_text(value: Fraction, places: int = 4, separators: bool = False) -> str:
    """Rounded half-up to ``places`` decimals, trailing zeros dropped: 1234.5 → '1,234.5'."""
    quantum = Decimal(1).scaleb(-places)
    number = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        quantum, rounding=ROUND_HALF_UP)
    text = f"{number:,.{places}f}" if separators else f"{number:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quantity_text(base: Fraction, dim: Dim) -> str:
    """A base-unit value in its display unit: 12345678 元 → '1,234.5678万元', 0.035 → '3.5%'."""
    value = dim.to_display(base)
    if dim.kind is DimKind.MONEY:
        return f"{decimal_text(value, 4, separators=True)}万元"
    if dim.kind is DimKind.RATIO:
        return f"{decimal_text(value, 2)}%"
    return f"{decimal_text(value, 2)}{dim.unit}"


def difference_text(base: Fraction, dim: Dim) -> str:
    """A difference: ratios in 个百分点, the rest like quantities."""
    if dim.kind is DimKind.RATIO:
        return f"{decimal_text(dim.to_display(base), 2)}个百分点"
    return quantity_text(base, dim)


def fact_label(ref: FactRef, fiscal_year: int) -> str:
    """'2025年度营业收入' or '研发机构级别'."""
    ind = BY_ID[ref.indicator]
    name = f"{ind.name}（认定）" if ind.attested else ind.name
    if ref.year_offset is None:
        return name
    return f"{fiscal_year - ref.year_offset}年度{name}"
