"""The rules engine's intermediate representation: typed, immutable expression nodes.

Semantics of every node: docs/engine-ir.md. The reference interpreter
(``eligibility.evaluation``) and the compilers (``eligibility.backends``) implement exactly that.
"""

from .base import BoolExpr, Expr, NumExpr
from .context import (
    APPLICATION_LABELS,
    ApplicationType,
    EvaluationContext,
    annual_column,
    fiscal_year,
    year_of_offset,
)
from .errors import IRTypeError
from .logic import (
    AllOf,
    AnyOf,
    ApplicationIs,
    AtLeast,
    Attested,
    Clause,
    Compare,
    CompareOp,
    CompoundGrowth,
    EnumIn,
    Exemption,
    HoldsTitle,
    IsTrue,
    Not,
    NotFormalised,
)
from .numeric import (
    Aggregate,
    Arith,
    ArithOp,
    Const,
    Fact,
    Param,
    Reduce,
    Reference,
    YearsSince,
    growth,
    ratio,
)
from .program import ParamSpec, Program
from .scoring import (
    Band,
    Banded,
    Case,
    Cases,
    ScoreCategory,
    ScoredIndicator,
    ScoreRule,
    ScoreTable,
    band_problems,
)
from .traversal import (
    FactRef,
    clauses,
    fact_refs,
    params_used,
    rewrite,
    shift_years,
    titles_used,
    walk,
)
from .types import (
    MONEY,
    RATIO,
    SCORE,
    YEARS,
    Dim,
    DimKind,
    Sort,
    count,
    indicator_dim,
    parse_unit,
    quantity,
    storage_factor,
)

__all__ = [
    "APPLICATION_LABELS", "MONEY", "RATIO", "SCORE", "YEARS", "Aggregate", "AllOf", "AnyOf",
    "ApplicationIs", "ApplicationType", "Arith", "ArithOp", "AtLeast", "Attested", "Band",
    "Banded", "BoolExpr", "Case", "Cases", "Clause", "Compare", "CompareOp", "CompoundGrowth",
    "Const", "Dim", "DimKind", "EnumIn", "EvaluationContext", "Exemption", "Expr", "Fact",
    "FactRef", "HoldsTitle", "IRTypeError", "IsTrue", "Not", "NotFormalised", "NumExpr",
    "Param", "ParamSpec", "Program", "Reduce", "Reference", "ScoreCategory", "ScoreRule",
    "ScoreTable", "ScoredIndicator", "Sort", "YearsSince", "annual_column", "band_problems",
    "clauses", "count", "fact_refs", "fiscal_year", "growth", "indicator_dim", "params_used",
    "parse_unit", "quantity", "ratio", "rewrite", "shift_years", "storage_factor",
    "titles_used", "walk", "year_of_offset",
]
