"""The "by cluster" dashboard on a loaded generated population: the memberships the generator
draws reach the dashboard, and each cluster number opens the list filtered by that cluster
with exactly that many enterprises."""

from __future__ import annotations

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import population
from population.showcase import showcase
from portal.accounts.models import Role, User
from portal.dashboards.scope import dashboard_scope
from portal.dashboards.selectors import by_cluster
from portal.demo.reference import load_reference_data
from portal.enterprises.loading import load_population
from portal.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated() -> pl.DataFrame:
    for _ in load_reference_data():
        pass
    frame = population.generate(150, 3, extra=showcase())
    load_population(frame, actor=None)
    return frame


def _official(role: Role, code: str) -> User:
    return User.objects.create_user(username=f"{role}-{code}", password=None, role=role,
                                    region=Region.objects.get(code=code))


def _members(frame: pl.DataFrame) -> dict[str, int]:
    """Enterprises per cluster id, counted from the generated frame itself."""
    exploded = frame.select("uscc", cluster="clusters").explode("cluster").drop_nulls()
    return dict(exploded.group_by("cluster").agg(pl.col("uscc").n_unique()).rows())


def _follow(user: User, url: str) -> int:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    count: int = response.context["page"].paginator.count
    return count


def test_the_province_sees_every_generated_membership(generated: pl.DataFrame) -> None:
    scope = dashboard_scope(_official(Role.PROVINCE, "320000"))
    assert scope is not None
    rows = {row.key: row for row in by_cluster(scope, timezone.localdate())}
    expected = _members(generated)
    assert len(expected) >= 8  # most of the 13 clusters have generated members
    assert {key: row.total.count for key, row in rows.items() if row.total.count} == expected
    assert len(rows) == 13  # and the others show as 0


@pytest.mark.parametrize("code", ["320000", "320500"])
def test_each_cluster_number_opens_the_list_of_exactly_its_enterprises(
        generated: pl.DataFrame, code: str) -> None:
    user = _official(Role.PROVINCE if code == "320000" else Role.CITY, code)
    scope = dashboard_scope(user)
    assert scope is not None
    cells = [cell for row in by_cluster(scope, timezone.localdate())
             for cell in (row.total, *row.tiers) if cell.count]
    assert cells and all(cell.url for cell in cells)
    assert any("cluster=js13-" in str(cell.url) for cell in cells)
    for cell in cells:
        assert _follow(user, str(cell.url)) == cell.count, cell.url


def test_the_dashboard_page_draws_the_cluster_chart(generated: pl.DataFrame) -> None:
    client = Client()
    client.force_login(_official(Role.PROVINCE, "320000"))
    response = client.get(reverse("dashboards:overview"))
    html = response.content.decode()
    assert 'data-testid="dash-clusters-empty"' not in html
    assert 'id="chart-clusters"' in html
    chart = response.context["charts"]["clusters"]
    totals = dict(zip(chart["categories"], chart["series"][0]["data"], strict=True))
    assert totals["高端装备"] == _members(generated)["js13-09"]
