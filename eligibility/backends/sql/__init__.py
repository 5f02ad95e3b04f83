"""The SQL backend: one sqlglot compiler, rendered per dialect."""

from .compiler import DIALECTS, SqlRenderer, plan_query, plan_sql

__all__ = ["DIALECTS", "SqlRenderer", "plan_query", "plan_sql"]
