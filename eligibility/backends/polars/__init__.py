"""The Polars backend: a lowered plan as native Polars expressions."""

from .compiler import PlanRenderer, apply_plan, plan_exprs

__all__ = ["PlanRenderer", "apply_plan", "plan_exprs"]
