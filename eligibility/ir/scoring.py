"""Score tables: indicators scored by bands or ordered cases, categories with sub-minimums."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from .base import BoolExpr, Expr, NumExpr
from .errors import IRTypeError
from .numeric import Const, Param
from .types import SCORE, Dim


@dataclass(frozen=True)
class Band:
    """A half-open, closed or open interval of the scored value, in base units.

    ``lower is None`` means −∞, ``upper is None`` means +∞ (their ``*_closed`` must be False).
    """

    lower: Fraction | None
    lower_closed: bool
    upper: Fraction | None
    upper_closed: bool
    points: Fraction
    label: str = ""

    def contains(self, value: Fraction) -> bool:
        above = self.lower is None or value > self.lower or (
            self.lower_closed and value == self.lower)
        below = self.upper is None or value < self.upper or (
            self.upper_closed and value == self.upper)
        return above and below


def band_problems(bands: tuple[Band, ...],
                  show: Callable[[Fraction], str] = str) -> list[tuple[str, str]]:
    """(code, Chinese message) for every way ``bands`` (ascending) fail to tile −∞…+∞ once.

    ``show`` renders a base-unit edge for the message (e.g. 1/20 → "5%").
    """
    problems: list[tuple[str, str]] = []
    if bands[0].lower is not None:
        problems.append(("band_gap", f"最低档下限为{show(bands[0].lower)}，低于它的取值没有得分"))
    if bands[-1].upper is not None:
        problems.append(("band_gap", f"最高档上限为{show(bands[-1].upper)}，高于它的取值没有得分"))
    for band in bands:
        if band.lower is not None and band.upper is not None and (
                band.lower > band.upper or (band.lower == band.upper and not (
                    band.lower_closed and band.upper_closed))):
            problems.append(("band_overlap", f"分档“{band.label}”的区间为空"))
    for prev, nxt in pairwise(bands):
        problems.extend(_edge_problems(prev, nxt, show))
    return problems


def _edge_problems(prev: Band, nxt: Band, show: Callable[[Fraction], str],
                   ) -> list[tuple[str, str]]:
    where = f"“{prev.label}”与“{nxt.label}”之间"
    if prev.upper is None or nxt.lower is None:
        return [("band_overlap", f"{where}重叠（无界的一侧不能再接下一档）")]
    if prev.upper < nxt.lower:
        return [("band_gap", f"{where}有空档（{show(prev.upper)}到{show(nxt.lower)}）")]
    if prev.upper > nxt.lower:
        return [("band_overlap", f"{where}重叠（{show(nxt.lower)}到{show(prev.upper)}）")]
    if prev.upper_closed and nxt.lower_closed:
        return [("band_overlap", f"{where}的边界值{show(prev.upper)}同属两档")]
    if not prev.upper_closed and not nxt.lower_closed:
        return [("band_gap", f"{where}的边界值{show(prev.upper)}不属于任何一档")]
    return []


@dataclass(frozen=True)
class Banded:
    """Points by which band ``value`` falls in. Bands ascend and tile −∞…+∞ exactly once."""

    value: NumExpr
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        if not self.bands:
            raise IRTypeError("empty", "分档至少需要一档")
        problems = band_problems(self.bands)
        if problems:
            raise IRTypeError(*problems[0])

    @property
    def dim(self) -> Dim:
        return self.value.dim

    def possible_points(self) -> tuple[Fraction, ...]:
        return tuple(b.points for b in self.bands)


@dataclass(frozen=True)
class Case:
    condition: BoolExpr
    points: Fraction
    label: str = ""


@dataclass(frozen=True)
class Cases:
    """Points of the first case whose condition passes, else ``otherwise``.

    With unknown conditions the points lie in a set: walk the cases in order; a passing
    condition adds its points and stops, a failing one is skipped, an unknown one adds its
    points and goes on; reaching the end adds ``otherwise``. Bounds are that set's min and max.
    """

    cases: tuple[Case, ...]
    otherwise: Fraction = Fraction(0)
    otherwise_label: str = "不属于以上情况"

    def __post_init__(self) -> None:
        if not self.cases:
            raise IRTypeError("empty", "分情形计分至少需要一种情形")
        for case in self.cases:
            if not isinstance(case.condition, BoolExpr):
                raise IRTypeError("not_bool", f"计分情形“{case.label}”须是条件")

    def possible_points(self) -> tuple[Fraction, ...]:
        return (*(c.points for c in self.cases), self.otherwise)


ScoreRule = Banded | Cases


def _check_constant_score(what: str, expr: NumExpr | None) -> None:
    if expr is None:
        return
    if not isinstance(expr, Const | Param):
        raise IRTypeError("bad_shape", f"{what}须为常数或参数")
    if expr.dim != SCORE:
        raise IRTypeError("unit_mismatch", f"{what}的单位须为分，而不是{expr.dim}")


@dataclass(frozen=True)
class ScoredIndicator:
    id: str
    title: str
    category: str
    rule: ScoreRule
    minimum: NumExpr | None = None  # e.g. 科技人员指标得分不得为0分 → minimum 1 (Const or Param)

    def __post_init__(self) -> None:
        _check_constant_score(f"指标“{self.title}”的最低得分", self.minimum)

    @property
    def max_points(self) -> Fraction:
        return max(self.rule.possible_points())


@dataclass(frozen=True)
class ScoreCategory:
    id: str
    title: str
    minimum: NumExpr | None = None

    def __post_init__(self) -> None:
        _check_constant_score(f"类别“{self.title}”的最低得分", self.minimum)


@dataclass(frozen=True)
class ScoreTable(BoolExpr):
    """A points table as a predicate, with the score as an interval [lower, upper].

    Each indicator's points are an interval (exact when its facts are known); a category's and
    the total's bounds are the sums of their indicators' bounds. Fail if total upper < threshold
    or any category's / indicator's upper < its minimum; else pass if total lower ≥ threshold
    and every minimum is met by the lower bound; else unknown.
    """

    indicators: tuple[ScoredIndicator, ...]
    categories: tuple[ScoreCategory, ...]
    threshold: NumExpr

    def __post_init__(self) -> None:
        _check_constant_score("总分门槛", self.threshold)
        known = {c.id for c in self.categories}
        for ind in self.indicators:
            if ind.category not in known:
                raise IRTypeError(
                    "unknown_category", f"指标“{ind.title}”的类别“{ind.category}”未定义")
        if not self.indicators:
            raise IRTypeError("empty", "评分表至少需要一个指标")

    def children(self) -> tuple[Expr, ...]:
        out: list[Expr] = []
        for ind in self.indicators:
            if isinstance(ind.rule, Banded):
                out.append(ind.rule.value)
            else:
                out.extend(c.condition for c in ind.rule.cases)
            if ind.minimum is not None:
                out.append(ind.minimum)
        out.extend(c.minimum for c in self.categories if c.minimum is not None)
        out.append(self.threshold)
        return tuple(out)

    def in_category(self, category: str) -> tuple[ScoredIndicator, ...]:
        return tuple(i for i in self.indicators if i.category == category)
