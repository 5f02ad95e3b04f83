"""Numeric IR nodes: facts, parameters, constants and exact arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from indicators.vocabulary import BY_ID, Indicator, Kind, Period

from .base import Expr, NumExpr
from .errors import IRTypeError
from .types import YEARS, Dim, divide_dims, indicator_dim, multiply_dims, same_dim


def lookup_indicator(indicator: str) -> Indicator:
    try:
        return BY_ID[indicator]
    except KeyError:
        raise IRTypeError("unknown_fact", f"未知指标“{indicator}”（不在指标目录中）") from None


def check_year_offset(ind: Indicator, year_offset: int | None) -> None:
    """Annual facts need a year offset ≥ 0; static facts must not have one."""
    if ind.period is Period.ANNUAL:
        if year_offset is None or year_offset < 0:
            raise IRTypeError("year_offset", f"年度指标“{ind.name}”须指明年度（0 = 上年度）")
    elif year_offset is not None:
        raise IRTypeError("year_offset", f"指标“{ind.name}”不分年度，不能指定年度")


def require_kind(ind: Indicator, kinds: tuple[Kind, ...], what: str) -> None:
    if ind.kind not in kinds:
        raise IRTypeError("wrong_kind", f"指标“{ind.name}”（{ind.id}）不能用于{what}")


@dataclass(frozen=True)
class Const(NumExpr):
    """An exact constant in base units (3 % is Const(3/100, RATIO))."""

    value: Fraction
    unit: Dim

    def __post_init__(self) -> None:
        if not isinstance(self.value, Fraction):
            raise IRTypeError("not_exact", "常量必须是精确有理数（Fraction）")

    @property
    def dim(self) -> Dim:
        return self.unit


@dataclass(frozen=True)
class Param(NumExpr):
    """A named parameter of the criteria set; its value (base units) comes from the context."""

    name: str
    unit: Dim

    @property
    def dim(self) -> Dim:
        return self.unit


@dataclass(frozen=True)
class Fact(NumExpr):
    """A numeric fact. ``year_offset`` 0 is 上年度 (fiscal year D.year − 1), 1 the year before.

    Unknown when the enterprise has no value for it.
    """

    indicator: str
    year_offset: int | None = None

    def __post_init__(self) -> None:
        ind = lookup_indicator(self.indicator)
        check_year_offset(ind, self.year_offset)
        indicator_dim(ind)

    @property
    def dim(self) -> Dim:
        return indicator_dim(BY_ID[self.indicator])


class ArithOp(StrEnum):
    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"


@dataclass(frozen=True)
class Arith(NumExpr):
    """``left op right``. Unknown if either side is; DIV is unknown when right ≤ 0."""

    op: ArithOp
    left: NumExpr
    right: NumExpr

    def __post_init__(self) -> None:
        _ = self.dim

    @property
    def dim(self) -> Dim:
        if self.op is ArithOp.MUL:
            return multiply_dims(self.left.dim, self.right.dim)
        if self.op is ArithOp.DIV:
            return divide_dims(self.left.dim, self.right.dim)
        return same_dim("加减运算", (self.left.dim, self.right.dim))

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


def _check_items(what: str, items: tuple[NumExpr, ...]) -> Dim:
    if not items:
        raise IRTypeError("empty", f"{what}至少需要一项")
    return same_dim(what, tuple(i.dim for i in items))


class Aggregate(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    MIN = "min"
    MAX = "max"


@dataclass(frozen=True)
class Reduce(NumExpr):
    """Sum / mean / min / max over a fixed tuple of items (e.g. one per year).

    Strict: unknown if any item is unknown (unlike SQL's LEAST/GREATEST, which skip NULLs).
    """

    op: Aggregate
    items: tuple[NumExpr, ...]

    def __post_init__(self) -> None:
        _check_items("聚合", self.items)

    @property
    def dim(self) -> Dim:
        return self.items[0].dim

    def children(self) -> tuple[Expr, ...]:
        return self.items


class Reference(StrEnum):
    FISCAL_YEAR_END = "fiscal_year_end"  # 截至上年末: 31 December of D.year − 1
    EVALUATION_DATE = "evaluation_date"  # the evaluation date D itself


@dataclass(frozen=True)
class YearsSince(NumExpr):
    """Whole years from a YEAR or DATE fact to the reference date (dimension 年).

    YEAR fact Y: reference.year − Y. DATE fact d: whole years completed between d and the
    reference (reference.year − d.year, minus 1 if the reference's month-day is before d's).
    Negative when the fact lies after the reference. Unknown when the fact is missing.
    """

    indicator: str
    reference: Reference = Reference.FISCAL_YEAR_END

    def __post_init__(self) -> None:
        ind = lookup_indicator(self.indicator)
        require_kind(ind, (Kind.YEAR, Kind.DATE), "计算年限")
        check_year_offset(ind, None)

    @property
    def dim(self) -> Dim:
        return YEARS


def ratio(numerator: NumExpr, denominator: NumExpr) -> Arith:
    return Arith(ArithOp.DIV, numerator, denominator)


def growth(current: NumExpr, base: NumExpr) -> Arith:
    """(current − base) / base: unknown when base ≤ 0, as every DIV is."""
    return Arith(ArithOp.DIV, Arith(ArithOp.SUB, current, base), base)
