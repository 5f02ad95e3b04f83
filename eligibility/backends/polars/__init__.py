"""The Polars backend: a lowered plan as native Polars expressions."""

from .compiler import apply_plan, int_expr, pred_expr, stage_exprs

__all__ = ["apply_plan", "int_expr", "pred_expr", "stage_exprs"]
