"""Static types of IR expressions: sorts, dimensions and units.

Every numeric IR value is an exact rational in the *base unit* of its dimension:

=========  ===========  ===================  ===============================
dimension  base unit    display unit         storage → base (facts)
=========  ===========  ===================  ===============================
money      元           万元 (×10000 元)      1 (stored as integer 元)
ratio      1 (=100 %)   % (×1/100)           1/10000 (stored as 0.01 %)
count      the unit     项 / 人 / 名 / 起 / 级  1
score      分            分                   1/100 (stored as 0.01 分)
years      年 (a span)   年                   – (only YearsSince yields it)
quantity   the unit     吨标准煤 / 亩 …        1/scale of the indicator
=========  ===========  ===================  ===============================

Counts and quantities carry their unit in the dimension, so 项 never compares with 人.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from indicators.vocabulary import Indicator, Kind

from .errors import IRTypeError


class DimKind(StrEnum):
    MONEY = "money"
    RATIO = "ratio"
    COUNT = "count"
    SCORE = "score"
    YEARS = "years"
    QUANTITY = "quantity"


@dataclass(frozen=True)
class Dim:
    """A physical dimension with its display unit; equality decides unit compatibility."""

    kind: DimKind
    unit: str

    @property
    def base_per_display(self) -> Fraction:
        """How many base units one display unit is (万元 → 10000 元, % → 1/100)."""
        return _BASE_PER_DISPLAY.get(self.kind, Fraction(1))

    def to_base(self, display_value: Fraction) -> Fraction:
        return display_value * self.base_per_display

    def to_display(self, base_value: Fraction) -> Fraction:
        return base_value / self.base_per_display

    def __str__(self) -> str:
        return self.unit


_BASE_PER_DISPLAY = {DimKind.MONEY: Fraction(10_000), DimKind.RATIO: Fraction(1, 100)}

MONEY = Dim(DimKind.MONEY, "万元")
RATIO = Dim(DimKind.RATIO, "%")
SCORE = Dim(DimKind.SCORE, "分")
YEARS = Dim(DimKind.YEARS, "年")


def count(unit: str) -> Dim:
    return Dim(DimKind.COUNT, unit)


def quantity(unit: str) -> Dim:
    return Dim(DimKind.QUANTITY, unit)


COUNT_UNITS = ("项", "人", "名", "起", "级", "个", "家", "件")

# Units a parameter or constant may be written in, with base units per written unit.
_UNIT_TABLE: dict[str, tuple[Dim, Fraction]] = {
    "元": (MONEY, Fraction(1)),
    "万元": (MONEY, Fraction(10_000)),
    "亿元": (MONEY, Fraction(100_000_000)),
    "%": (RATIO, Fraction(1, 100)),
    "分": (SCORE, Fraction(1)),
    "年": (YEARS, Fraction(1)),
    **{u: (count(u), Fraction(1)) for u in COUNT_UNITS},
}


def parse_unit(unit: str) -> tuple[Dim, Fraction]:
    """The dimension of a written unit and how many base units one of it is.

    Unknown units are quantities in their own unit (吨标准煤, 亩), factor 1.
    """
    if unit in _UNIT_TABLE:
        return _UNIT_TABLE[unit]
    if not unit:
        raise IRTypeError("unknown_unit", "缺少单位")
    return quantity(unit), Fraction(1)


class Sort(StrEnum):
    BOOL = "bool"
    NUMBER = "number"


def indicator_dim(ind: Indicator) -> Dim:
    """The dimension a numeric indicator's values have in the IR."""
    if ind.kind is Kind.MONEY:
        return MONEY
    if ind.kind is Kind.PERCENT:
        return RATIO
    if ind.kind is Kind.SCORE:
        return SCORE
    if ind.kind is Kind.COUNT:
        return count(ind.unit or "个")
    if ind.kind is Kind.QUANTITY:
        return quantity(ind.unit)
    raise IRTypeError("not_numeric", f"指标“{ind.name}”（{ind.id}）不是数值型，不能参与计算")


def storage_factor(ind: Indicator) -> Fraction:
    """Multiply a stored integer by this to get the IR's base-unit value.

    money: 元 → 元 (1); percent: 0.01 % → ratio (1/10000); score: 0.01 分 → 分 (1/100);
    count: 1; quantity: 1/scale of the indicator.
    """
    if ind.kind is Kind.MONEY or ind.kind is Kind.COUNT:
        return Fraction(1)
    if ind.kind is Kind.PERCENT:
        return Fraction(1, 100 * ind.scale)
    return Fraction(1, ind.scale)


def multiply_dims(left: Dim, right: Dim) -> Dim:
    """x × ratio keeps x's dimension; any other product has no meaning in the policies."""
    if right.kind is DimKind.RATIO:
        return left
    if left.kind is DimKind.RATIO:
        return right
    raise IRTypeError("unit_mismatch", f"不能将{left}与{right}相乘")


def divide_dims(left: Dim, right: Dim) -> Dim:
    """Same dimension ÷ same dimension is a ratio; x ÷ ratio keeps x's dimension."""
    if left == right:
        return RATIO
    if right.kind is DimKind.RATIO:
        return left
    raise IRTypeError("unit_mismatch", f"不能用{right}除{left}")


def same_dim(what: str, dims: tuple[Dim, ...]) -> Dim:
    first = dims[0]
    for other in dims[1:]:
        if other != first:
            raise IRTypeError("unit_mismatch", f"{what}的单位不一致：{first}与{other}")
    return first
