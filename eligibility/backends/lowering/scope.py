"""What lowering one program needs to know: the date, the parameters and the input columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import gcd

from indicators.vocabulary import BY_ID, Kind

from ..terms import WIDE_LIMIT, Add, Col, Lit, Mul, NullInt, Sub, Term

# Every stored integer fact is read as unknown beyond ±10¹⁵ (for money: 1 000 万亿元). The bound
# is what lets lowering prove that cross-multiplied products fit in 38 digits.
INPUT_BOUND = 10**15


class BackendError(ValueError):
    """A program the batch backends cannot run exactly; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Scope:
    """One screening run: evaluation date, application type, parameter values, input columns.

    ``columns`` maps the input's column names to the column kind letter (``i`` integer,
    ``b`` boolean, ``s`` string code, ``d`` date); ``None`` means every column is present.
    A missing column is an unknown fact for every row.
    """

    on: date
    application: str
    params: Mapping[str, Fraction] = field(default_factory=dict)
    columns: Mapping[str, str] | None = None
    input_bound: int = INPUT_BOUND

    def has(self, column: str) -> bool:
        return self.columns is None or column in self.columns


def input_kind(indicator: str) -> str:
    """The column kind letter of an indicator's storage type."""
    kind = BY_ID[indicator].kind
    if kind is Kind.BOOL:
        return "b"
    if kind is Kind.ENUM:
        return "s"
    if kind is Kind.DATE:
        return "d"
    return "i"


def column(scope: Scope, name: str) -> Term:
    return Col(name, scope.input_bound) if scope.has(name) else NullInt()


# --- integer term builders that fold literals (keeps the rendered expressions small) ---------


def lit(value: int) -> Lit:
    return Lit(value)


def mul(left: Term, right: Term) -> Term:
    if isinstance(left, Lit) and isinstance(right, Lit):
        return Lit(left.value * right.value)
    if isinstance(left, Lit) and left.value == 1:
        return right
    if isinstance(right, Lit) and right.value == 1:
        return left
    if isinstance(left, Lit):
        return checked(Mul(right, left))
    return checked(Mul(left, right))


def add(left: Term, right: Term) -> Term:
    if isinstance(left, Lit) and isinstance(right, Lit):
        return Lit(left.value + right.value)
    if isinstance(right, Lit) and right.value == 0:
        return left
    if isinstance(left, Lit) and left.value == 0:
        return right
    return checked(Add(left, right))


def sub(left: Term, right: Term) -> Term:
    if isinstance(left, Lit) and isinstance(right, Lit):
        return Lit(left.value - right.value)
    if isinstance(right, Lit) and right.value == 0:
        return left
    return checked(Sub(left, right))


def checked(term: Term) -> Term:
    if term.bound > WIDE_LIMIT:
        raise BackendError(
            "该条件的精确计算超出38位整数范围（如三年以上的平均增长率），批量引擎无法精确判定；"
            "请改用解释器逐户计算")
    return term


@dataclass(frozen=True)
class Frac:
    """An exact rational ``num / den`` with ``den > 0`` wherever ``num`` is not null."""

    num: Term
    den: Term

    @staticmethod
    def of(value: Fraction) -> Frac:
        return Frac(Lit(value.numerator), Lit(value.denominator))

    @property
    def is_zero(self) -> bool:
        return isinstance(self.num, Lit) and self.num.value == 0

    @property
    def constant_den(self) -> int | None:
        return self.den.value if isinstance(self.den, Lit) else None


def common_scale(left: Frac, right: Frac) -> tuple[Term, Term, Term]:
    """(left num, right num, den) with both numerators over one shared denominator."""
    if right.is_zero:
        return left.num, Lit(0), left.den
    if left.is_zero:
        return Lit(0), right.num, right.den
    ld, rd = left.constant_den, right.constant_den
    if ld is not None and rd is not None:
        g = gcd(ld, rd)
        return mul(left.num, lit(rd // g)), mul(right.num, lit(ld // g)), lit(ld // g * rd)
    return mul(left.num, right.den), mul(right.num, left.den), mul(left.den, right.den)
