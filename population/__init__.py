"""Synthetic populations of Jiangsu enterprises for demos, tests and benchmarks.

Framework-free (never imports Django, the portal or config). ``generate`` returns a Polars
frame in the engine's columnar layout (docs/facts.md) plus each enterprise's cluster ids
(``frame_schema``); ``write_parquet`` stores one.
"""

from population.generation import DEFAULT_YEARS, generate, with_extra, write_parquet
from population.layout import frame_schema, schema

__all__ = ["DEFAULT_YEARS", "frame_schema", "generate", "schema", "with_extra", "write_parquet"]
