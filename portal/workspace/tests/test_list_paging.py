"""The list's two reading strategies (filter-first for small results, ordered walk with a
cached count for large ones) give the same rows and counts; the filter form keeps selections."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from portal.enterprises.models import Enterprise
from portal.workspace import paging


def _page(user: Any, **params: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("workspace:list"), params)


def _rows(response: Any) -> list[str]:
    return [e.name for e in response.context["rows"]]


def test_it_lists_the_same_rows_whichever_way_it_reads_them(
        users: dict[str, Any], enterprises: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    filter_first = _page(users["province"], region="320500")
    monkeypatch.setattr(paging, "FILTER_FIRST_MAX", 1)
    cache.clear()
    walked = _page(users["province"], region="320500")
    expected = sorted(Enterprise.objects.filter(region__code__startswith="3205")
                      .values_list("name", flat=True))
    assert _rows(filter_first) == _rows(walked) == expected
    assert filter_first.context["page"].paginator.count == len(expected)
    assert walked.context["page"].paginator.count == len(expected)


def test_it_caches_only_counts_too_large_to_read_filter_first(
        users: dict[str, Any], enterprises: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    total = Enterprise.objects.count()
    assert _page(users["province"]).context["page"].paginator.count == total
    Enterprise.objects.filter(pk=enterprises["nanjing"].pk).delete()
    # Small results are counted live, so the deletion shows at once…
    assert _page(users["province"]).context["page"].paginator.count == total - 1
    monkeypatch.setattr(paging, "FILTER_FIRST_MAX", 1)
    counted = _page(users["province"]).context["page"].paginator.count
    Enterprise.objects.filter(pk=enterprises["wujiang"].pk).delete()
    # …while a large count is reused for a minute rather than recounted per page view.
    assert counted == total - 1
    assert _page(users["province"]).context["page"].paginator.count == total - 1


def test_it_keeps_the_chosen_filters_selected(users: dict[str, Any],
                                              enterprises: dict[str, Any]) -> None:
    html = _page(users["province"], region="320509", sort="region").content.decode()
    assert '<option value="320509" selected>' in html
    assert '<option value="region" selected>' in html
    assert html.count(" selected>") == 2
