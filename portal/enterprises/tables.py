"""Raw multi-row inserts for bulk writes (imports, the demo loader).

Django's ``bulk_create`` compiles SQL per batch and, on SQLite, caps a batch at 999 bound
parameters (about 70 enterprises); at 100,000 rows that compilation costs more than the
database work. These helpers run one prepared statement through ``executemany`` instead.
Callers supply every NOT NULL column; values must already be database-ready.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from portal.enterprises.models import Enterprise

CHUNK = 5_000
ENTERPRISE_TEXT = ("main_products", "contact_name", "contact_phone", "contact_email")


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for chunk in chunks(rows, CHUNK):
            cursor.executemany(sql, chunk)


def insert_enterprises(rows: Sequence[dict[str, Any]]) -> None:
    """Register enterprises given as {uscc, name, region_id, industry_id, optional texts}."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = ("uscc", "name", "region_id", "industry_id", *ENTERPRISE_TEXT, "sme_size",
               "created_at", "updated_at")
    insert_rows(Enterprise, columns, [
        (r["uscc"], r["name"], r["region_id"], r["industry_id"],
         *(r.get(k) or "" for k in ENTERPRISE_TEXT), "", now, now) for r in rows])


def update_column(model: type[models.Model], field: str, rows: Sequence[tuple[Any, Any]]) -> None:
    """Set one column by primary key: ``rows`` are (value, pk) pairs."""
    quote = connection.ops.quote_name
    column = next(f.column for f in model._meta.concrete_fields if f.name == field)
    key = next(f.column for f in model._meta.concrete_fields if f.primary_key)
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s "
           f"WHERE {quote(key)} = %s")
    with connection.cursor() as cursor:
        for chunk in chunks(rows, CHUNK):
            cursor.executemany(sql, chunk)
