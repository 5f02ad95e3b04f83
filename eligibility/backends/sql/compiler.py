"""Render a lowered plan as one SQL query (sqlglot), for DuckDB, PostgreSQL, SQLite and Spark.

Exactness per dialect: integers are BIGINT, and where a term's proven bound passes 2⁶³ − 1
they are cast to the dialect's exact wide integer (DuckDB HUGEINT, PostgreSQL NUMERIC, Spark
DECIMAL(38, 0)). SQLite has no wider integer and turns an overflowing product into a REAL
silently; there every comparison and null test of a wide term first checks
``typeof(x) = 'integer'`` — an overflow anywhere below makes the value REAL for good — and
yields NULL (unknown) otherwise, so a result is exact or honestly unknown, never wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlglot
from sqlglot import exp

from .. import terms as t
from ..lowering import Plan

DIALECTS = ("duckdb", "postgres", "sqlite", "spark")

_WIDE_TYPE = {"duckdb": "HUGEINT", "postgres": "NUMERIC", "spark": "DECIMAL(38, 0)"}

_COMPARE: dict[t.Cmp, type[exp.Binary]] = {
    t.Cmp.GE: exp.GTE, t.Cmp.GT: exp.GT, t.Cmp.LE: exp.LTE,
    t.Cmp.LT: exp.LT, t.Cmp.EQ: exp.EQ, t.Cmp.NE: exp.NEQ,
}


def column(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


@dataclass(frozen=True)
class SqlRenderer:
    dialect: str

    @property
    def sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def int_sql(self, term: t.Term) -> exp.Expression:
        if isinstance(term, t.Col):
            return column(t.input_name(term.name))
        if isinstance(term, t.RawCol):
            bound = exp.Literal.number(term.bound)
            inside = exp.Between(this=column(term.name), low=exp.Neg(this=bound), high=bound)
            return exp.Case(ifs=[exp.If(this=inside, true=column(term.name))])
        if isinstance(term, t.Lit):
            return self._literal(term)
        if isinstance(term, t.NullInt):
            return exp.cast(exp.null(), "BIGINT")
        if isinstance(term, t.Add | t.Sub | t.Mul):
            return self._arith(term)
        if isinstance(term, t.IntRef):
            return column(term.name)
        return self._conditional(term)

    def _literal(self, term: t.Lit) -> exp.Expression:
        number: exp.Expression = exp.Literal.number(abs(term.value))
        if term.wide and not self.sqlite:
            number = exp.cast(exp.Literal.string(str(abs(term.value))), self._wide())
        return exp.Paren(this=exp.Neg(this=number)) if term.value < 0 else number

    def _wide(self) -> exp.DataType:
        return exp.DataType.build(_WIDE_TYPE[self.dialect], dialect=self.dialect)

    def _widen(self, node: exp.Expression) -> exp.Expression:
        return node if self.sqlite else exp.cast(node, self._wide())

    def _arith(self, term: t.Add | t.Sub | t.Mul) -> exp.Expression:
        left, right = self.int_sql(term.left), self.int_sql(term.right)
        if term.wide:
            left, right = self._widen(left), self._widen(right)
        kind = {t.Add: exp.Add, t.Sub: exp.Sub, t.Mul: exp.Mul}[type(term)]
        return exp.Paren(this=kind(this=left, expression=right))

    def _conditional(self, term: t.Term) -> exp.Expression:
        if isinstance(term, t.Choose):
            cond = self.pred_sql(term.cond)
            return exp.Case(ifs=[exp.If(this=cond, true=self.int_sql(term.then)),
                                 exp.If(this=exp.Not(this=exp.Paren(this=cond.copy())),
                                        true=self.int_sql(term.otherwise))])
        if isinstance(term, t.Case):
            ifs = [exp.If(this=self.pred_sql(c), true=self.int_sql(v)) for c, v in term.branches]
            return exp.Case(ifs=ifs, default=self.int_sql(term.otherwise))
        if isinstance(term, t.Guard):
            return exp.Case(ifs=[exp.If(this=self.pred_sql(term.cond),
                                        true=self.int_sql(term.value))])
        if isinstance(term, t.DateOf):
            return self._date_part(term)
        if isinstance(term, t.Lookup):
            ifs = [exp.If(this=exp.Literal.number(i), true=exp.Literal.number(v))
                   for i, v in enumerate(term.table)]
            return exp.Case(this=self.int_sql(term.index), ifs=ifs,
                            default=self._literal(t.Lit(term.missing)))
        raise TypeError(f"unknown integer term {term!r}")

    def _date_part(self, term: t.DateOf) -> exp.Expression:
        col = column(term.column).sql(dialect=self.dialect)
        year, month_day = {
            "sqlite": ("CAST(SUBSTR({c}, 1, 4) AS INTEGER)",
                       "CAST(SUBSTR({c}, 6, 2) AS INTEGER) * 100 + CAST(SUBSTR({c}, 9, 2) "
                       "AS INTEGER)"),
            "postgres": ("CAST(EXTRACT(YEAR FROM {c}) AS BIGINT)",
                         "CAST(EXTRACT(MONTH FROM {c}) * 100 + EXTRACT(DAY FROM {c}) AS BIGINT)"),
        }.get(self.dialect, ("YEAR({c})", "MONTH({c}) * 100 + DAY({c})"))
        text = year if term.part is t.DatePart.YEAR else month_day
        return exp.Paren(this=sqlglot.parse_one(text.format(c=col), read=self.dialect))

    def pred_sql(self, pred: t.Pred) -> exp.Expression:
        if isinstance(pred, t.Compare):
            return self._compare(pred)
        if isinstance(pred, t.And | t.Or):
            kind = exp.And if isinstance(pred, t.And) else exp.Or
            items = [exp.Paren(this=self.pred_sql(item)) for item in pred.items]
            node: exp.Expression = items[0]
            for item in items[1:]:
                node = kind(this=node, expression=item)
            return exp.Paren(this=node)
        if isinstance(pred, t.Not):
            return exp.Not(this=exp.Paren(this=self.pred_sql(pred.item)))
        if isinstance(pred, t.Otherwise):
            return exp.Coalesce(this=self.pred_sql(pred.item),
                                expressions=[self._truth(pred.default)])
        return self._leaf(pred)

    def _compare(self, pred: t.Compare) -> exp.Expression:
        left, right = self.int_sql(pred.left), self.int_sql(pred.right)
        wide = pred.left.wide or pred.right.wide
        if wide and not self.sqlite:
            left, right = self._widen(left), self._widen(right)
        node = exp.Paren(this=_COMPARE[pred.op](this=left, expression=right))
        if not (wide and self.sqlite):
            return node
        exact = exp.and_(self._is_integer(left.copy()), self._is_integer(right.copy()))
        return exp.Case(ifs=[exp.If(this=exact, true=node)])

    @staticmethod
    def _is_integer(node: exp.Expression) -> exp.Expression:
        typeof = exp.Anonymous(this="typeof", expressions=[node])
        return exp.EQ(this=typeof, expression=exp.Literal.string("integer"))

    def _truth(self, value: bool | None) -> exp.Expression:
        if value is None:
            return exp.cast(exp.null(), "BOOLEAN")
        return exp.true() if value else exp.false()

    def _leaf(self, pred: t.Pred) -> exp.Expression:
        if isinstance(pred, t.Truth):
            return self._truth(pred.value)
        if isinstance(pred, t.BoolCol | t.PredRef):
            return column(pred.name)
        if isinstance(pred, t.NullBool):
            return self._truth(None)
        if isinstance(pred, t.CodeIn):
            return exp.In(this=column(pred.name),
                          expressions=[exp.Literal.string(c) for c in pred.codes])
        if isinstance(pred, t.IsNull):
            return self._is_null(pred.item)
        if isinstance(pred, t.Decide):
            return exp.Case(ifs=[exp.If(this=self.pred_sql(pred.passes), true=exp.true()),
                                 exp.If(this=self.pred_sql(pred.fails), true=exp.false())],
                            default=self._truth(None))
        if isinstance(pred, t.TitleHeld):
            return self._title_held(pred)
        raise TypeError(f"unknown predicate {pred!r}")

    def _is_null(self, term: t.Term) -> exp.Expression:
        node = self.int_sql(term)
        null = exp.Is(this=node, expression=exp.null())
        if not (term.wide and self.sqlite):
            return null
        return exp.Paren(this=exp.or_(null, exp.Not(this=self._is_integer(node.copy()))))

    def _date(self, value: date) -> exp.Expression:
        text = exp.Literal.string(value.isoformat())
        return text if self.sqlite else exp.cast(text, "DATE")

    def _title_held(self, pred: t.TitleHeld) -> exp.Expression:
        if pred.from_column is None:
            return exp.false()
        held: exp.Expression = exp.LTE(this=column(pred.from_column),
                                       expression=self._date(pred.on))
        if pred.until_column is not None:
            until = column(pred.until_column)
            open_ended = exp.or_(exp.Is(this=until, expression=exp.null()),
                                 exp.GTE(this=until.copy(), expression=self._date(pred.since)))
            held = exp.And(this=held, expression=exp.Paren(this=open_ended))
        return exp.Coalesce(this=exp.Paren(this=held), expressions=[exp.false()])

    def output_sql(self, term: t.Term | t.Pred) -> exp.Expression:
        return self.int_sql(term) if isinstance(term, t.Term) else self.pred_sql(term)


def plan_query(plan: Plan, table: str, dialect: str, keep: Sequence[str] = ()) -> exp.Select:
    """One SELECT computing ``plan`` over ``table``: a nested sub-query per stage."""
    if dialect not in DIALECTS:
        raise ValueError(f"不支持的SQL方言：{dialect}")
    render = SqlRenderer(dialect)
    source: exp.Expression = exp.to_table(table, quoted=True)
    for number, stage in enumerate(plan.stages, start=1):
        outputs = [exp.alias_(render.output_sql(o.term), o.name, quoted=True) for o in stage]
        query = exp.select(exp.Star(), *outputs).from_(source)
        source = exp.Subquery(this=query, alias=exp.TableAlias(
            this=exp.to_identifier(f"stage{number}")))
    names = [*keep, *plan.public_columns]
    return exp.select(*(column(name) for name in names)).from_(source)


def plan_sql(plan: Plan, table: str, dialect: str, keep: Sequence[str] = ()) -> str:
    return plan_query(plan, table, dialect, keep).sql(dialect=dialect)
