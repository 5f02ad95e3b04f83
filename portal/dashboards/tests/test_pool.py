"""The cultivation pool on the dashboard: members by effective focus category, pending entry
requests, the by-region column, each number's list, and scoping to the viewer's region."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.dashboards.overview import overview
from portal.dashboards.pool import pool_figures
from portal.dashboards.scope import dashboard_scope
from portal.dashboards.selectors import Cell, Row, by_region

LIST = reverse("workspace:list")


def _scope(users: dict[str, Any], name: str) -> Any:
    scope = dashboard_scope(users[name])
    assert scope is not None
    return scope


def _figures(users: dict[str, Any], name: str) -> dict[str, Cell]:
    figures = pool_figures(_scope(users, name))
    return {"在库企业": figures.members, **dict(figures.focus), "待审核": figures.pending}


def _regions(users: dict[str, Any], name: str) -> dict[str, Row]:
    return {row.label: row for row in by_region(_scope(users, name), timezone.localdate())}


def test_it_counts_members_by_effective_focus_and_pending_requests(
        users: dict[str, Any], pool_members: dict[str, Any]) -> None:
    # The 吴江开发区 firm counts once (its earlier, exited membership does not count) and
    # under 重点关注, the official's category, not the rule's 重点推荐.
    assert _figures(users, "province") == {
        "在库企业": Cell(3, f"{LIST}?pool=in"),
        "重点推荐": Cell(1, f"{LIST}?pool=in%3Arecommend"),
        "重点提升": Cell(1, f"{LIST}?pool=in%3Aimprove"),
        "重点关注": Cell(1, f"{LIST}?pool=in%3Awatch"),
        "待审核": Cell(2, f"{LIST}?pool=pending"),
    }


def test_a_city_counts_only_its_own_members_and_requests(
        users: dict[str, Any], pool_members: dict[str, Any]) -> None:
    assert {label: cell.count for label, cell in _figures(users, "suzhou").items()} == {
        "在库企业": 2, "重点推荐": 0, "重点提升": 1, "重点关注": 1, "待审核": 1}
    assert _figures(users, "suzhou")["重点推荐"] == Cell(0, None)  # zero: not linked
    assert {label: cell.count for label, cell in _figures(users, "nanjing").items()} == {
        "在库企业": 1, "重点推荐": 1, "重点提升": 0, "重点关注": 0, "待审核": 1}
    rows = _regions(users, "suzhou")
    assert set(rows) == {"吴江区"}
    assert rows["吴江区"].pool == Cell(2, f"{LIST}?region=320509&pool=in")


def test_it_rolls_pool_members_up_the_region_table(users: dict[str, Any],
                                                   pool_members: dict[str, Any]) -> None:
    province = _regions(users, "province")
    assert province["苏州市"].pool == Cell(2, f"{LIST}?region=320500&pool=in")
    assert province["南京市"].pool == Cell(1, f"{LIST}?region=320100&pool=in")
    wujiang = _regions(users, "wujiang")
    # As for the other counts, no list filter selects "directly in 吴江区" only.
    assert wujiang["吴江区（本级）"].pool == Cell(1, None)
    assert wujiang["吴江开发区"].pool == Cell(1, f"{LIST}?region=320509901&pool=in")
    assert _regions(users, "town")["吴江开发区"].pool == Cell(
        1, f"{LIST}?region=320509901&pool=in")


def test_only_the_region_table_has_a_pool_column(users: dict[str, Any],
                                                 pool_members: dict[str, Any]) -> None:
    page = overview(_scope(users, "province"))
    assert all(row.pool is not None for row in page.regions)
    assert all(row.pool is None for row in [*page.industries, *page.clusters])
    client = Client()
    client.force_login(users["province"])
    html = client.get(reverse("dashboards:overview")).content.decode()
    assert html.count("培育库在库") == 1
    assert html.count('data-testid="dash-pool-cell"') == len(page.regions)
    assert 'data-testid="dash-pool"' in html and "入库申请待审核" in html


# viewer → the enterprises behind each pool number (section labels, region rows by label)
EXPECTED = {
    "province": {"在库企业": {"wujiang_town", "wujiang", "nanjing"}, "重点推荐": {"nanjing"},
                 "重点提升": {"wujiang"}, "重点关注": {"wujiang_town"},
                 "待审核": {"returning", "nanjing"}, "苏州市": {"wujiang_town", "wujiang"},
                 "南京市": {"nanjing"}},
    "suzhou": {"在库企业": {"wujiang_town", "wujiang"}, "重点推荐": set(),
               "重点提升": {"wujiang"}, "重点关注": {"wujiang_town"}, "待审核": {"returning"},
               "吴江区": {"wujiang_town", "wujiang"}},
    "wujiang": {"在库企业": {"wujiang_town", "wujiang"}, "重点推荐": set(),
                "重点提升": {"wujiang"}, "重点关注": {"wujiang_town"},
                "待审核": {"returning"}, "吴江开发区": {"wujiang_town"}},
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_pool_number_lists_exactly_the_enterprises_it_counts(
        username: str, users: dict[str, Any], pool_members: dict[str, Any]) -> None:
    cells = {**_figures(users, username),
             **{label: row.pool for label, row in _regions(users, username).items()
                if row.pool is not None and row.pool.url}}
    client = Client()
    client.force_login(users[username])
    for label, names in EXPECTED[username].items():
        cell = cells.pop(label)
        assert cell.count == len(names), label
        if not names:
            assert cell.url is None, label
            continue
        assert cell.url is not None, label
        shown = {row.name for row in client.get(cell.url).context["rows"]}
        assert shown == {pool_members[name].name for name in names}, label
    assert not cells  # every linked number was checked
