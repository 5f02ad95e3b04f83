"""Predicate IR nodes: comparisons, three-valued connectives, fact tests and clauses."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from indicators.vocabulary import TITLE_BY_ID, Kind

from .base import BoolExpr, Expr, NumExpr
from .context import ApplicationType
from .errors import IRTypeError
from .numeric import check_year_offset, lookup_indicator, require_kind
from .types import RATIO, same_dim


class CompareOp(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="
    NE = "!="


@dataclass(frozen=True)
class Compare(BoolExpr):
    """``left op right`` over the same dimension; unknown if either side is unknown."""

    op: CompareOp
    left: NumExpr
    right: NumExpr

    def __post_init__(self) -> None:
        same_dim("比较", (self.left.dim, self.right.dim))

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class CompoundGrowth(BoolExpr):
    """Compound growth over ``years`` years compared with ``rate``, without roots:

    ``last op first × (1 + rate) ** years``. Unknown when ``first`` ≤ 0 (no meaningful growth
    rate from a zero or negative base) or when any operand is unknown.
    """

    op: CompareOp
    last: NumExpr
    first: NumExpr
    rate: NumExpr
    years: int

    def __post_init__(self) -> None:
        same_dim("复合增长率", (self.last.dim, self.first.dim))
        if self.rate.dim != RATIO:
            raise IRTypeError("unit_mismatch", f"增长率须以%表示，而不是{self.rate.dim}")
        if self.years < 1:
            raise IRTypeError("bad_shape", "复合增长的年数须为正整数")

    def children(self) -> tuple[Expr, ...]:
        return (self.last, self.first, self.rate)


def _check_preds(what: str, items: tuple[BoolExpr, ...]) -> None:
    if not items:
        raise IRTypeError("empty", f"{what}至少需要一项条件")
    for item in items:
        if not isinstance(item, BoolExpr):
            raise IRTypeError("not_bool", f"{what}的每一项都必须是条件")


@dataclass(frozen=True)
class AllOf(BoolExpr):
    """Fail if any item fails, else unknown if any is unknown, else pass."""

    items: tuple[BoolExpr, ...]

    def __post_init__(self) -> None:
        _check_preds("全部满足", self.items)

    def children(self) -> tuple[Expr, ...]:
        return self.items


@dataclass(frozen=True)
class AnyOf(BoolExpr):
    """Pass if any item passes, else unknown if any is unknown, else fail."""

    items: tuple[BoolExpr, ...]

    def __post_init__(self) -> None:
        _check_preds("满足其一", self.items)

    def children(self) -> tuple[Expr, ...]:
        return self.items


@dataclass(frozen=True)
class AtLeast(BoolExpr):
    """Pass if ≥ n items pass; fail if passes + unknowns < n; else unknown."""

    n: int
    items: tuple[BoolExpr, ...]

    def __post_init__(self) -> None:
        _check_preds("至少满足", self.items)
        if not 1 <= self.n <= len(self.items):
            raise IRTypeError("bad_shape", f"“至少满足{self.n}项”须在1到{len(self.items)}之间")

    def children(self) -> tuple[Expr, ...]:
        return self.items


@dataclass(frozen=True)
class Not(BoolExpr):
    """Negation; unknown stays unknown."""

    item: BoolExpr

    def __post_init__(self) -> None:
        _check_preds("否定", (self.item,))

    def children(self) -> tuple[Expr, ...]:
        return (self.item,)


@dataclass(frozen=True)
class IsTrue(BoolExpr):
    """A measured yes/no fact (not an attested judgement); unknown when absent."""

    indicator: str
    year_offset: int | None = None

    def __post_init__(self) -> None:
        ind = lookup_indicator(self.indicator)
        require_kind(ind, (Kind.BOOL,), "是/否判断")
        check_year_offset(ind, self.year_offset)
        if ind.attested:
            raise IRTypeError("attested", f"“{ind.name}”是认定类指标，须用 attested 引用")


@dataclass(frozen=True)
class Attested(BoolExpr):
    """An attested judgement (expert/official, vocabulary ``attested=True``) that is true.

    Unknown when nobody has attested it yet; shown to users as 经认定 / 待认定.
    """

    indicator: str

    def __post_init__(self) -> None:
        ind = lookup_indicator(self.indicator)
        require_kind(ind, (Kind.BOOL,), "认定判断")
        check_year_offset(ind, None)
        if not ind.attested:
            raise IRTypeError("attested", f"“{ind.name}”不是认定类指标，须用 is_true 引用")


@dataclass(frozen=True)
class EnumIn(BoolExpr):
    """The enum fact's code is one of ``codes``; unknown when absent."""

    indicator: str
    codes: tuple[str, ...]
    year_offset: int | None = None

    def __post_init__(self) -> None:
        ind = lookup_indicator(self.indicator)
        require_kind(ind, (Kind.ENUM,), "取值判断")
        check_year_offset(ind, self.year_offset)
        bad = [c for c in self.codes if c not in ind.choice_codes]
        if bad or not self.codes:
            raise IRTypeError("bad_code", f"“{ind.name}”没有取值 {', '.join(bad) or '（空）'}")


@dataclass(frozen=True)
class HoldsTitle(BoolExpr):
    """The enterprise holds title ``tier`` at one of ``levels``.

    Per (tier, level) only the certificate with the latest ``valid_from`` counts (the columnar
    layout keeps exactly that one). Without ``within_years``: held on the evaluation date D
    (valid_from ≤ D ≤ valid_until; no valid_until = no expiry). With N: held at some time in
    [D − N years, D] (valid_from ≤ D and valid_until ≥ D − N years). Never unknown: a title not
    listed is not held.
    """

    tier: str
    levels: tuple[str, ...]
    within_years: int | None = None

    def __post_init__(self) -> None:
        title = TITLE_BY_ID.get(self.tier)
        if title is None:
            raise IRTypeError("unknown_title", f"未知称号“{self.tier}”")
        bad = [lv for lv in self.levels if lv not in title.levels]
        if bad or not self.levels:
            raise IRTypeError("unknown_title", f"称号“{title.name}”没有级别 {', '.join(bad)}")
        if self.within_years is not None and self.within_years < 1:
            raise IRTypeError("bad_shape", "称号的“近N年”须为正整数")


@dataclass(frozen=True)
class ApplicationIs(BoolExpr):
    """The evaluation's application type is one of ``types``; never unknown."""

    types: tuple[ApplicationType, ...]

    def __post_init__(self) -> None:
        if not self.types:
            raise IRTypeError("empty", "申报类型至少需要一项")


@dataclass(frozen=True)
class NotFormalised(BoolExpr):
    """A condition that cannot be computed from data: always unknown (需人工审核)."""

    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise IRTypeError("empty", "未形式化的条件须说明原因")


@dataclass(frozen=True)
class Exemption:
    """A condition under which a clause is waived, with its own id (for its citation)."""

    id: str
    title: str
    condition: BoolExpr


@dataclass(frozen=True)
class Clause(BoolExpr):
    """A named criterion (or sub-criterion); its status is reported under ``id``.

    Value = (any exemption condition) OR body, in Kleene logic. When an exemption's condition
    is true the clause passes as *waived* (豁免) whatever the body says.
    """

    id: str
    title: str
    body: BoolExpr
    exemptions: tuple[Exemption, ...] = ()

    def __post_init__(self) -> None:
        _check_preds(f"条款 {self.id}", (self.body, *(e.condition for e in self.exemptions)))

    def children(self) -> tuple[Expr, ...]:
        return (self.body, *(e.condition for e in self.exemptions))

