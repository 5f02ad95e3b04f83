"""Pages of the enterprise list that stay cheap on a large registry.

Two costs dominate a page of 100 000 enterprises: counting the matches for the pager, and
PostgreSQL's habit of walking the name index in order and testing every row against a
selective filter (a title, a readiness rung, a small region) until it has filled the page.

* A small result (at most ``FILTER_FIRST_MAX`` rows) is read filter-first: the matching ids
  are fetched without any order — which lets the database start from the selective side —
  and the page is then sorted from those ids alone. Its count is exact and live.
* A large result keeps the ordered index walk (matches are dense, so the walk is short), and
  its count is cached for ``COUNT_TTL_SECONDS``: "共 29,800 家" a minute old is still right
  enough, and counting tens of thousands of rows on every page view is not.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from portal.enterprises.models import Enterprise

FILTER_FIRST_MAX = 5_000
COUNT_TTL_SECONDS = 60


class CountedPaginator(Paginator):
    """A paginator told its count instead of running ``COUNT(*)``."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def list_page(queryset: QuerySet[Enterprise], number: Any, per_page: int,
              count_key: str) -> Page:
    """Page ``number`` of ``queryset`` (ordered), counted and read as described above."""
    key = "workspace:list-count:" + hashlib.sha256(count_key.encode()).hexdigest()
    count = cache.get(key)
    if count is None or count <= FILTER_FIRST_MAX:
        ids = list(queryset.order_by().values_list("pk", flat=True)[:FILTER_FIRST_MAX + 1])
        if len(ids) <= FILTER_FIRST_MAX:
            narrowed = (Enterprise.objects.select_related("region", "industry")
                        .filter(pk__in=_id_set(ids)).order_by(*queryset.query.order_by))
            return CountedPaginator(narrowed, per_page, len(ids)).get_page(number)
        count = queryset.count()
        cache.set(key, count, COUNT_TTL_SECONDS)
    return CountedPaginator(queryset, per_page, count).get_page(number)


def _id_set(ids: list[int]) -> Any:
    """``ids`` for an IN test. PostgreSQL takes them as one array parameter: thousands of
    separate placeholders cost more to build and parse than the query costs to run."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids
