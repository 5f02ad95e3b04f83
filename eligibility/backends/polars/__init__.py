"""The Polars backend: a lowered plan as native Polars expressions."""

from .compiler import PlanRenderer, apply_plan, apply_plans, plan_steps, split_results

__all__ = ["PlanRenderer", "apply_plan", "apply_plans", "plan_steps", "split_results"]
