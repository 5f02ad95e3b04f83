"""Rules as written in YAML → IR. Every operator of docs/criteria-authoring.md lives here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from eligibility import ir
from eligibility.ir import BoolExpr, NumExpr
from indicators.vocabulary import BY_ID, Kind, Period

from .issues import Code, CriteriaError
from .literals import is_quantity, parse_fact_name, parse_quantity
from .model import ParameterInfo
from .scoretables import build_score_table
from .shapes import as_list, ir_errors, positive_int, require, single_key
from .yamlsource import LineDict, line_of

ClauseFactory = Callable[[LineDict], ir.Clause]

_COMPARE = {"ge": ir.CompareOp.GE, "gt": ir.CompareOp.GT, "le": ir.CompareOp.LE,
            "lt": ir.CompareOp.LT, "eq": ir.CompareOp.EQ, "ne": ir.CompareOp.NE}
_ARITH = {"add": ir.ArithOp.ADD, "sub": ir.ArithOp.SUB, "mul": ir.ArithOp.MUL,
          "div": ir.ArithOp.DIV, "ratio": ir.ArithOp.DIV}
_REDUCE = {"sum": ir.Aggregate.SUM, "mean": ir.Aggregate.MEAN, "min": ir.Aggregate.MIN,
           "max": ir.Aggregate.MAX}


class RuleBuilder:
    """Builds IR from one criteria file's rules, resolving names against its parameters."""

    def __init__(self, params: Mapping[str, ParameterInfo], clause: ClauseFactory) -> None:
        self.params = params
        self.used_params: set[str] = set()
        self.clause = clause
        self.guards: set[BoolExpr] = set()  # choose-branch guards: a failing one = not applicable

    # ---- predicates -------------------------------------------------------------------
    def predicate(self, node: Any, line: int) -> BoolExpr:
        if isinstance(node, dict) and "rule" in node and "id" in node:
            return self.clause(LineDict(node) if not isinstance(node, LineDict) else node)
        key, arg, at = single_key(node, line, "条件")
        with ir_errors(at):
            if key in _COMPARE:
                left, right = self._pair(arg, at, key)
                return ir.Compare(_COMPARE[key], left, right)
            handler = self._predicates().get(key)
            if handler is None:
                raise CriteriaError(Code.UNKNOWN_OPERATOR, f"未知的条件运算符“{key}”", at)
            return handler(arg, at)

    def _predicates(self) -> dict[str, Callable[[Any, int], BoolExpr]]:
        return {
            "all": lambda a, at: ir.AllOf(self._preds(a, at, "all")),
            "any": lambda a, at: ir.AnyOf(self._preds(a, at, "any")),
            "at_least": self._at_least, "not": lambda a, at: ir.Not(self.predicate(a, at)),
            "each_year": lambda a, at: ir.AllOf(self._years_of(a, at)),
            "any_year": lambda a, at: ir.AnyOf(self._years_of(a, at)),
            "choose": self._choose, "compound_growth": self._compound_growth,
            "is_true": self._is_true, "attested": self._attested, "in": self._enum_in,
            "holds_title": self._holds_title, "application": self._application,
            "not_formalised": lambda a, at: ir.NotFormalised(str(a or "")),
            "score_table": lambda a, at: build_score_table(self, a, at),
        }

    def _preds(self, node: Any, line: int, what: str) -> tuple[BoolExpr, ...]:
        items = as_list(node, line, what)
        return tuple(self.predicate(item, items.line_of(i)) for i, item in enumerate(items))

    def _at_least(self, node: Any, line: int) -> BoolExpr:
        n = positive_int(require(node, "n", line, "at_least"), line_of(node, "n", line), "n")
        return ir.AtLeast(n, self._preds(require(node, "of", line, "at_least"),
                                         line_of(node, "of", line), "of"))

    def _years_of(self, node: Any, line: int) -> tuple[BoolExpr, ...]:
        years = positive_int(require(node, "years", line, "逐年条件"), line, "years")
        template = self.predicate(
            require(node, "rule", line, "逐年条件"), line_of(node, "rule", line))
        return tuple(ir.shift_years(template, k) for k in range(years))

    def _choose(self, node: Any, line: int) -> BoolExpr:
        """First branch whose ``if`` passes decides: AnyOf(AllOf(¬earlier…, if, then), …)."""
        branches = as_list(node, line, "choose")
        earlier: list[BoolExpr] = []
        options: list[BoolExpr] = []
        for i, branch in enumerate(branches):
            at = branches.line_of(i)
            if isinstance(branch, dict) and "else" in branch:
                options.append(self._guarded(earlier, None, self.predicate(branch["else"], at)))
                continue
            cond = self.predicate(require(branch, "if", at, "choose 分支"), at)
            then = self.predicate(require(branch, "then", at, "choose 分支"), at)
            options.append(self._guarded(earlier, cond, then))
            earlier.append(cond)
        return ir.AnyOf(tuple(options))

    def _guarded(self, earlier: list[BoolExpr], cond: BoolExpr | None, then: BoolExpr) -> BoolExpr:
        guards = [ir.Not(e) for e in earlier] + ([cond] if cond is not None else [])
        self.guards.update(guards)
        return then if not guards else ir.AllOf((*guards, then))

    def _compound_growth(self, node: Any, line: int) -> BoolExpr:
        years = positive_int(require(node, "years", line, "compound_growth"), line, "years")
        of = self.number(require(node, "of", line, "compound_growth"), line)
        op, rate_node = (ir.CompareOp.GT, node.get("more_than")) if "more_than" in node else (
            ir.CompareOp.GE, require(node, "at_least", line, "compound_growth"))
        rate = self.number(rate_node, line)
        return ir.CompoundGrowth(op, of, ir.shift_years(of, years), rate, years)

    def _fact_ref(self, node: Any, line: int) -> tuple[str, int | None]:
        name = node.get("fact") if isinstance(node, dict) else node
        parsed = parse_fact_name(str(name)) if isinstance(name, str) else None
        if parsed is None or parsed[0] not in BY_ID:
            raise CriteriaError(Code.UNKNOWN_FACT, f"未知指标“{name}”（不在指标目录中）", line)
        indicator, offset = parsed
        if isinstance(node, dict) and "year" in node:
            offset = node["year"]
        return indicator, self._default_offset(indicator, offset)

    @staticmethod
    def _default_offset(indicator: str, offset: int | None) -> int | None:
        """Annual facts written without @k mean 上年度 (offset 0)."""
        if offset is None and BY_ID[indicator].period is Period.ANNUAL:
            return 0
        return offset

    def _is_true(self, node: Any, line: int) -> BoolExpr:
        indicator, offset = self._fact_ref(node, line)
        return ir.IsTrue(indicator, offset)

    def _attested(self, node: Any, line: int) -> BoolExpr:
        indicator, offset = self._fact_ref(node, line)
        if offset is not None:
            raise CriteriaError(Code.WRONG_KIND, f"认定类指标“{indicator}”不分年度", line)
        return ir.Attested(indicator)

    def _enum_in(self, node: Any, line: int) -> BoolExpr:
        indicator, offset = self._fact_ref(require(node, "fact", line, "in"), line)
        codes = require(node, "codes", line, "in")
        codes = tuple(codes) if isinstance(codes, list) else (codes,)
        return ir.EnumIn(indicator, tuple(str(c) for c in codes), offset)

    def _holds_title(self, node: Any, line: int) -> BoolExpr:
        tier = require(node, "tier", line, "holds_title")
        levels = node.get("level", node.get("levels"))
        if levels is None:
            raise CriteriaError(Code.STRUCTURE, "holds_title 缺少“level”", line)
        levels = tuple(levels) if isinstance(levels, list) else (levels,)
        within = node.get("within_years")
        if within is not None:
            within = positive_int(within, line, "within_years")
        return ir.HoldsTitle(str(tier), tuple(str(lv) for lv in levels), within)

    def _application(self, node: Any, line: int) -> BoolExpr:
        names = node if isinstance(node, list) else [node]
        try:
            return ir.ApplicationIs(tuple(ir.ApplicationType(str(n)) for n in names))
        except ValueError:
            raise CriteriaError(
                Code.UNKNOWN_CODE, f"申报类型“{node}”无效（new 或 re_review）", line) from None

    # ---- numbers ----------------------------------------------------------------------
    def number(self, node: Any, line: int) -> NumExpr:
        if isinstance(node, str | int | Decimal) and not isinstance(node, bool):
            return self._scalar(node, line)
        key, arg, at = single_key(node, line, "数值表达式")
        with ir_errors(at):
            if key in _ARITH:
                return self._arith(_ARITH[key], arg, at, key)
            if key in _REDUCE:
                return ir.Reduce(_REDUCE[key], self._reduce_items(arg, at, key))
            if key == "fact":
                return self._fact(node, at)
            if key == "growth":
                return self._growth(arg, at)
            if key == "years_since":
                return self._years_since(arg, at)
            raise CriteriaError(Code.UNKNOWN_OPERATOR, f"未知的数值运算符“{key}”", at)

    def _scalar(self, node: str | int | Decimal, line: int) -> NumExpr:
        if isinstance(node, str) and not is_quantity(node):
            return self._name(node, line)
        value, dim, _ = parse_quantity(node, line)
        return ir.Const(value, dim)

    def _name(self, text: str, line: int) -> NumExpr:
        if text in self.params:
            self.used_params.add(text)
            return ir.Param(text, self.params[text].dim)
        indicator, offset = self._fact_ref(text, line)
        return self._numeric_fact(indicator, offset, line)

    def _numeric_fact(self, indicator: str, offset: int | None, line: int) -> NumExpr:
        kind = BY_ID[indicator].kind
        if kind in (Kind.YEAR, Kind.DATE):
            raise CriteriaError(
                Code.WRONG_KIND, f"“{indicator}”是年份/日期，请用 years_since 计算年限", line)
        with ir_errors(line):
            return ir.Fact(indicator, offset)

    def _fact(self, node: Any, line: int) -> NumExpr:
        indicator, offset = self._fact_ref(node, line)
        return self._numeric_fact(indicator, offset, line)

    def _pair(self, node: Any, line: int, what: str) -> tuple[NumExpr, NumExpr]:
        items = as_list(node, line, what)
        if len(items) != 2:
            raise CriteriaError(Code.STRUCTURE, f"“{what}”须恰有两项", line)
        return self.number(items[0], items.line_of(0)), self.number(items[1], items.line_of(1))

    def _arith(self, op: ir.ArithOp, node: Any, line: int, what: str) -> NumExpr:
        items = as_list(node, line, what)
        if op in (ir.ArithOp.DIV, ir.ArithOp.SUB) and len(items) != 2:
            raise CriteriaError(Code.STRUCTURE, f"“{what}”须恰有两项", line)
        exprs = [self.number(item, items.line_of(i)) for i, item in enumerate(items)]
        result = exprs[0]
        for expr in exprs[1:]:
            result = ir.Arith(op, result, expr)
        return result

    def _reduce_items(self, node: Any, line: int, what: str) -> tuple[NumExpr, ...]:
        if isinstance(node, dict):
            years = positive_int(require(node, "years", line, what), line, "years")
            template = self.number(require(node, "of", line, what), line_of(node, "of", line))
            return tuple(ir.shift_years(template, k) for k in range(years))
        items = as_list(node, line, what)
        return tuple(self.number(item, items.line_of(i)) for i, item in enumerate(items))

    def _growth(self, node: Any, line: int) -> NumExpr:
        if isinstance(node, list):
            current, base = self._pair(node, line, "growth")
            return ir.growth(current, base)
        current = self.number(node, line)
        return ir.growth(current, ir.shift_years(current, 1))

    def _years_since(self, node: Any, line: int) -> NumExpr:
        indicator, _ = self._fact_ref(node, line)
        at = node.get("at", "fiscal_year_end") if isinstance(node, dict) else "fiscal_year_end"
        try:
            reference = ir.Reference(at)
        except ValueError:
            raise CriteriaError(
                Code.BAD_LITERAL, "years_since 的 at 须为 fiscal_year_end 或 evaluation_date", line,
            ) from None
        return ir.YearsSince(indicator, reference)

    def constant_score(self, node: Any, line: int) -> NumExpr:
        """A score threshold or minimum: a number of 分, or a parameter in 分."""
        if isinstance(node, str) and node in self.params:
            return self._name(node, line)
        value, dim, _ = parse_quantity(node, line, default_unit="分")
        with ir_errors(line):
            return ir.Const(value, dim)

