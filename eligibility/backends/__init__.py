"""Compilers from the IR to batch engines: one lowering (``lowering``) to an exact integer
term language (``terms``), rendered by ``polars`` (native expressions) and ``sql`` (sqlglot:
DuckDB, PostgreSQL, SQLite, Spark SQL)."""
