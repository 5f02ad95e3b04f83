"""The list's two reading strategies (filter-first for small results, ordered walk with a
cached count for large ones) give the same rows and counts; the filter form keeps selections."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from portal.assessments.tests.fixtures import make_enterprise
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


@pytest.mark.parametrize("sort", ["name", "uscc", "region", "industry", "-updated"])
def test_both_strategies_sort_alike(users: dict[str, Any], enterprises: dict[str, Any],
                                    monkeypatch: pytest.MonkeyPatch, sort: str) -> None:
    filter_first = _rows(_page(users["province"], sort=sort))
    monkeypatch.setattr(paging, "FILTER_FIRST_MAX", 1)
    cache.clear()
    assert _rows(_page(users["province"], sort=sort)) == filter_first
    assert sorted(filter_first) == sorted(e.name for e in enterprises.values())


@pytest.mark.parametrize("large", [False, True])
def test_a_page_past_the_end_shows_the_last_page(
        users: dict[str, Any], enterprises: dict[str, Any], places: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch, large: bool) -> None:
    for n in range(23):
        make_enterprise(f"分页测试企业{n:02d}", places["wujiang"], places["chips"])
    if large:
        monkeypatch.setattr(paging, "FILTER_FIRST_MAX", 1)
    total = Enterprise.objects.count()
    last = _page(users["province"], page="999")
    assert last.context["page"].number == 2
    assert len(_rows(last)) == total - 20
    assert last.context["page"].paginator.count == total
    assert _page(users["province"], page="abc").context["page"].number == 1


def test_rows_are_escaped_and_show_titles_and_rungs(
        users: dict[str, Any], enterprises: dict[str, Any], places: dict[str, Any]) -> None:
    make_enterprise("<b>尖括号</b>测试有限公司", places["wujiang"], places["chips"])
    html = _page(users["province"]).content.decode()
    assert "&lt;b&gt;尖括号&lt;/b&gt;测试有限公司" in html
    assert "<b>尖括号" not in html
    row = next(r for r in _page(users["province"]).context["rows"]
               if r.pk == enterprises["wujiang"].pk)
    assert row.titles == ("省级创新型中小企业",)
    assert f'href="/enterprises/{row.pk}/"' in html


def test_an_impossible_filter_lists_nothing(users: dict[str, Any],
                                            enterprises: dict[str, Any]) -> None:
    response = _page(users["suzhou"], region="320100")  # outside Suzhou: rejected, no rows
    assert response.context["rows"] == []
    assert response.context["page"].paginator.count == 0
    assert "没有符合条件的企业" in response.content.decode()
