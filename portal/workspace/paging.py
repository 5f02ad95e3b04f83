"""Pages of the enterprise list that stay cheap on a large registry.

Two costs dominate a page of 100 000 enterprises: counting the matches for the pager, and
PostgreSQL's habit of walking the name index in order and testing every row against a
selective filter (a title, a readiness rung, a small region) until it has filled the page.

* A small result (at most ``FILTER_FIRST_MAX`` rows) is read filter-first, in one statement:
  the matching ids are materialised without any order — which lets the database start from
  the selective side — then counted, and the page is sorted from those ids alone. Its count
  is exact and live.
* A large result keeps the ordered index walk (matches are dense, so the walk is short), and
  its count is cached for ``COUNT_TTL_SECONDS``: "共 29,800 家" a minute old is still right
  enough, and counting tens of thousands of rows on every page view is not.

Rows are read as plain values (name, code, region and industry names), never as model
instances: a list page shows twenty of them and needs nothing else.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import cached_property

from portal.enterprises.models import Enterprise

FILTER_FIRST_MAX = 5_000
COUNT_TTL_SECONDS = 60
# What a row of the list shows, in this order (see ``selectors.list_rows``).
ROW_FIELDS = ("pk", "name", "uscc", "region__name", "industry__name", "sme_size")
# What the filter-first statement materialises (model fields, then the CTE's column names):
# everything a row shows or an order uses.
_MATCH_FIELDS = ("pk", "name", "uscc", "region_id", "industry_id", "sme_size", "updated_at")
_MATCH_COLUMNS = ("id", "name", "uscc", "region_id", "industry_id", "sme_size", "updated_at")
_ORDER_COLUMNS = dict(zip(_MATCH_FIELDS, _MATCH_COLUMNS, strict=True))

Row = tuple[Any, ...]


class CountedPaginator(Paginator):
    """A paginator told its count instead of running ``COUNT(*)``."""

    def __init__(self, per_page: int, count: int) -> None:
        super().__init__([], per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def list_page(queryset: QuerySet[Enterprise], number: Any, per_page: int,
              count_key: str) -> Page:
    """Page ``number`` of ``queryset`` (ordered) as ``ROW_FIELDS`` tuples, counted and read as
    described above. A page past the end shows the last page; a malformed number the first."""
    wanted = _page_number(number)
    key = "workspace:list-count:" + hashlib.sha256(count_key.encode()).hexdigest()
    count = cache.get(key)
    if count is None or count <= FILTER_FIRST_MAX:
        count, rows = _filter_first(queryset, wanted, per_page)
        if count <= FILTER_FIRST_MAX:
            last = _last_page(count, per_page)
            if wanted > last:
                wanted = last
                count, rows = _filter_first(queryset, wanted, per_page)
            return Page(rows, wanted, CountedPaginator(per_page, count))
        count = queryset.count()
        cache.set(key, count, COUNT_TTL_SECONDS)
    wanted = min(wanted, _last_page(count, per_page))
    start = (wanted - 1) * per_page
    rows = list(queryset.values_list(*ROW_FIELDS)[start:start + per_page])
    return Page(rows, wanted, CountedPaginator(per_page, count))


def _page_number(number: Any) -> int:
    try:
        return max(1, int(number))
    except (TypeError, ValueError):
        return 1


def _last_page(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def _filter_first(queryset: QuerySet[Enterprise], number: int, per_page: int,
                  ) -> tuple[int, list[Row]]:
    """(matches, the page's rows) in one statement; matches stops counting past
    ``FILTER_FIRST_MAX`` (the caller then takes the large-result road). The matches are
    materialised with every column the page shows or sorts by, so the page is sorted from
    them without joining back to the enterprise table (PostgreSQL cannot estimate how many
    rows a CTE holds and would merge-join the whole table)."""
    try:
        ids_sql, params = (queryset.order_by().values("pk")[:FILTER_FIRST_MAX + 1]
                           .query.sql_with_params())
    except EmptyResultSet:  # a filter that can match nothing (none(), an empty IN list)
        return 0, []
    inner, outer = _order_sql(queryset, "e"), _order_sql(queryset, "p")
    (region, region_key), (industry, industry_key) = (_joined(f) for f in ("region", "industry"))
    chosen = ("e.id = ANY(ARRAY(SELECT id FROM m))" if connection.vendor == "postgresql"
              else "e.id IN (SELECT id FROM m)")
    sql = (f"WITH m(id) AS MATERIALIZED ({ids_sql}), "
           f"total AS (SELECT count(*) AS n FROM m) "
           f"SELECT total.n, p.id, p.name, p.uscc, r.name, i.name, p.sme_size "
           f"FROM total LEFT JOIN (SELECT {', '.join('e.' + c for c in _MATCH_COLUMNS)} "
           f"FROM {Enterprise._meta.db_table} e WHERE {chosen} "
           f"ORDER BY {inner} LIMIT %s OFFSET %s) p "
           f"ON 1 = 1 LEFT JOIN {region} r ON r.{region_key} = p.region_id "
           f"LEFT JOIN {industry} i ON i.{industry_key} = p.industry_id ORDER BY {outer}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, per_page, (number - 1) * per_page])
        fetched = cursor.fetchall()
    return fetched[0][0], [row[1:] for row in fetched if row[1] is not None]


def _joined(field: str) -> tuple[str, str]:
    """Table and key column of the model a foreign key of Enterprise points to."""
    model: Any = Enterprise._meta.get_field(field).related_model
    return model._meta.db_table, model._meta.pk.column


def _order_sql(queryset: QuerySet[Enterprise], alias: str) -> str:
    """The queryset's order as SQL over the materialised matches (as ``alias``)."""
    terms = []
    for field in map(str, queryset.query.order_by):  # SORT_FIELDS: field names only
        column = connection.ops.quote_name(_ORDER_COLUMNS[field.lstrip("-")])
        terms.append(f"{alias}.{column}{' DESC' if field.startswith('-') else ''}")
    return ", ".join(terms)
