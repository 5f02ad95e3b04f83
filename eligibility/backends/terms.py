"""The small integer language every backend renders: what the IR is lowered to.

The IR speaks exact rationals; batch engines speak integers, nulls and Kleene booleans. Lowering
(``eligibility.backends.lowering``) turns every rational into an integer numerator over a
positive integer denominator and every comparison into a cross-multiplied integer comparison,
so a renderer only needs ``+ − ×``, comparisons, ``CASE`` and null tests — no division, no
floats, no decimals with a scale.

Every integer term carries ``bound``: a proven upper limit of its absolute value given the
input bound of each column (values beyond an input bound are read as unknown). Renderers use it
to choose 64- or 128-bit arithmetic; lowering refuses expressions whose bound passes
``WIDE_LIMIT`` (the 38 decimal digits every engine's widest exact integer holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

INT64_MAX = 2**63 - 1
WIDE_LIMIT = 10**38 - 1  # DECIMAL(38, 0) in Spark and PostgreSQL; Int128 / HUGEINT hold more


class Cmp(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="
    NE = "!="


class Term:
    """An integer-valued term (null = unknown)."""

    bound: int

    @property
    def wide(self) -> bool:
        return self.bound > INT64_MAX


class Pred:
    """A boolean-valued term: True, False or null (unknown), Kleene logic."""


@dataclass(frozen=True)
class Col(Term):
    """An integer input column, as read by the plan's first stage (``input_name``)."""

    name: str
    bound: int


@dataclass(frozen=True)
class RawCol(Term):
    """The raw input column; values with ``abs > bound`` read as null. Only the first stage
    reads raw columns: every other term reads them through ``Col``."""

    name: str
    bound: int


def input_name(column: str) -> str:
    """The first stage's column holding the bounds-checked input ``column``."""
    return f"_in__{column}"


@dataclass(frozen=True)
class Lit(Term):
    value: int

    @property
    def bound(self) -> int:  # type: ignore[override]
        return abs(self.value)


@dataclass(frozen=True)
class NullInt(Term):
    """An unknown integer (an input column the frame does not have)."""

    bound: int = 0


@dataclass(frozen=True)
class _Additive(Term):
    """|a ± b| ≤ |a| + |b|: sums and differences share one bound."""

    left: Term
    right: Term

    @property
    def bound(self) -> int:  # type: ignore[override]
        return self.left.bound + self.right.bound


@dataclass(frozen=True)
class Add(_Additive):
    pass


@dataclass(frozen=True)
class Sub(_Additive):
    pass


@dataclass(frozen=True)
class Mul(Term):
    left: Term
    right: Term

    @property
    def bound(self) -> int:  # type: ignore[override]
        return self.left.bound * self.right.bound


@dataclass(frozen=True)
class Choose(Term):
    """``then`` if ``cond`` is true, ``otherwise`` if false, null if ``cond`` is null."""

    cond: Pred
    then: Term
    otherwise: Term

    @property
    def bound(self) -> int:  # type: ignore[override]
        return max(self.then.bound, self.otherwise.bound)


@dataclass(frozen=True)
class Case(Term):
    """The value of the first branch whose condition is true (null counts as not true)."""

    branches: tuple[tuple[Pred, Term], ...]
    otherwise: Term

    @property
    def bound(self) -> int:  # type: ignore[override]
        return max(self.otherwise.bound, *(t.bound for _, t in self.branches))


@dataclass(frozen=True)
class Lookup(Term):
    """``table[index]``; ``missing`` where ``index`` is null (0 ≤ index < len(table))."""

    index: Term
    table: tuple[int, ...]
    missing: int

    @property
    def bound(self) -> int:  # type: ignore[override]
        return max(abs(self.missing), *(abs(v) for v in self.table))


@dataclass(frozen=True)
class Guard(Term):
    """``value`` where ``cond`` is true, else null (a division by a non-positive number)."""

    cond: Pred
    value: Term

    @property
    def bound(self) -> int:  # type: ignore[override]
        return self.value.bound


class DatePart(StrEnum):
    YEAR = "year"
    MONTH_DAY = "month_day"  # month × 100 + day


@dataclass(frozen=True)
class DateOf(Term):
    """A part of a Date input column as an integer."""

    column: str
    part: DatePart

    @property
    def bound(self) -> int:  # type: ignore[override]
        return 9999 if self.part is DatePart.YEAR else 1231


@dataclass(frozen=True)
class IntRef(Term):
    """An integer computed in an earlier stage of the plan, by name."""

    name: str
    bound: int


@dataclass(frozen=True)
class Compare(Pred):
    op: Cmp
    left: Term
    right: Term


@dataclass(frozen=True)
class Truth(Pred):
    """A literal: True, False or None (unknown)."""

    value: bool | None


@dataclass(frozen=True)
class BoolCol(Pred):
    name: str


@dataclass(frozen=True)
class NullBool(Pred):
    """An unknown boolean (an input column the frame does not have)."""


@dataclass(frozen=True)
class CodeIn(Pred):
    """A String input column's value is one of ``codes``; null when the value is null."""

    name: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class And(Pred):
    items: tuple[Pred, ...]


@dataclass(frozen=True)
class Or(Pred):
    items: tuple[Pred, ...]


@dataclass(frozen=True)
class Not(Pred):
    item: Pred


@dataclass(frozen=True)
class Otherwise(Pred):
    """``item`` with null replaced by ``default``: a two-valued test of a Kleene value."""

    item: Pred
    default: bool


@dataclass(frozen=True)
class IsNull(Pred):
    """Two-valued: the integer term is null."""

    item: Term


@dataclass(frozen=True)
class Decide(Pred):
    """True where ``passes``, else False where ``fails``, else null (both two-valued)."""

    passes: Pred
    fails: Pred


@dataclass(frozen=True)
class TitleHeld(Pred):
    """Two-valued: ``from ≤ on`` and (``until`` null or ``until ≥ since``); absent → False."""

    from_column: str | None
    until_column: str | None
    on: date
    since: date


@dataclass(frozen=True)
class PredRef(Pred):
    """A boolean computed in an earlier stage of the plan, by name."""

    name: str


def children(node: Term | Pred) -> tuple[Term | Pred, ...]:
    """The direct sub-terms of ``node`` (for walking plans)."""
    if isinstance(node, Add | Sub | Mul):
        return (node.left, node.right)
    if isinstance(node, Choose):
        return (node.cond, node.then, node.otherwise)
    if isinstance(node, Case):
        return (*(x for b in node.branches for x in b), node.otherwise)
    if isinstance(node, Guard):
        return (node.cond, node.value)
    if isinstance(node, Lookup):
        return (node.index,)
    if isinstance(node, Compare):
        return (node.left, node.right)
    if isinstance(node, And | Or):
        return node.items
    if isinstance(node, Not | Otherwise):
        return (node.item,)
    if isinstance(node, IsNull):
        return (node.item,)
    if isinstance(node, Decide):
        return (node.passes, node.fails)
    return ()
