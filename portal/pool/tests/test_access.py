"""Denials: roles without pool work get 403, enterprises outside the user's jurisdiction 404,
forged ids included; the list only shows members in scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse

from portal.pool import services
from portal.pool.models import PoolMembership, PoolReview, RunStatus
from portal.pool.tests.conftest import client_for

pytestmark = pytest.mark.django_db

OFFICIAL_PAGES = ["pool:list", "pool:export", "pool:requests", "pool:candidates",
                  "pool:reviews", "pool:years", "pool:diff"]


@pytest.fixture
def members(ready: dict[str, Any], users: dict[str, Any]) -> dict[str, PoolMembership]:
    result = services.pool_select(enterprises=list(ready.values()), actor=users["province"])
    return {key: next(m for m in result.entered if m.enterprise == e)
            for key, e in ready.items()}


@pytest.mark.parametrize("username", ["commissioner", "expert", "bank"])
def test_it_refuses_pool_pages_to_roles_without_pool_work(username: str,
                                                          users: dict[str, Any]) -> None:
    client = client_for(users[username])
    for name in OFFICIAL_PAGES:
        assert client.get(reverse(name)).status_code == 403, name


def test_it_sends_an_enterprise_user_to_its_own_page_and_refuses_the_rest(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    client = client_for(users["enterprise"])
    response = client.get(reverse("pool:list"))
    assert response["Location"] == reverse("pool:enterprise",
                                           args=[enterprises["wujiang_town"].pk])
    for name in OFFICIAL_PAGES[1:]:
        assert client.get(reverse(name)).status_code == 403, name
    other = enterprises["wujiang"]
    assert client.get(reverse("pool:enterprise", args=[other.pk])).status_code == 404
    assert client.post(reverse("pool:apply", args=[other.pk])).status_code == 404


def test_it_hides_other_regions_enterprises(members: dict[str, PoolMembership],
                                            users: dict[str, Any]) -> None:
    nanjing = members["nanjing"]
    district = client_for(users["wujiang"])
    assert district.get(reverse("pool:enterprise",
                                args=[nanjing.enterprise_id])).status_code == 404
    assert district.post(reverse("pool:focus_override", args=[nanjing.pk]),
                         {"focus": "watch", "reason": "x"}).status_code == 404
    assert district.post(reverse("pool:select"),
                         {"id": [nanjing.enterprise_id]}).status_code == 404
    listing = district.get(reverse("pool:list")).content.decode()
    assert members["wujiang"].enterprise.name in listing
    assert nanjing.enterprise.name not in listing
    town = client_for(users["town"]).get(reverse("pool:list")).content.decode()
    assert members["wujiang_town"].enterprise.name in town
    assert members["wujiang"].enterprise.name not in town  # district level, not the town's


def test_it_lets_towns_look_but_not_decide(members: dict[str, PoolMembership],
                                           users: dict[str, Any]) -> None:
    town = client_for(users["town"])
    assert town.get(reverse("pool:list")).status_code == 200
    member = members["wujiang_town"]
    assert town.post(reverse("pool:focus_override", args=[member.pk]),
                     {"focus": "watch", "reason": "x"}).status_code == 403
    assert town.post(reverse("pool:review_start"), {"year": 2026}).status_code == 403
    assert town.post(reverse("pool:screening_refresh")).status_code == 403
    assert town.post(reverse("pool:snapshot_take"), {"year": 2026}).status_code == 403


def test_it_keeps_the_yearly_list_to_the_province(users: dict[str, Any]) -> None:
    assert client_for(users["wujiang"]).post(reverse("pool:snapshot_take"),
                                             {"year": 2026}).status_code == 403
    assert client_for(users["province"]).post(reverse("pool:snapshot_take"),
                                              {"year": 2026}).status_code == 302


def test_it_hides_reviews_of_a_wider_or_other_jurisdiction(users: dict[str, Any],
                                                           places: dict[str, Any]) -> None:
    province_wide = PoolReview.objects.create(year=2026, region=None, on="2026-11-01",
                                              started_by=users["province"],
                                              started_at="2026-11-01T00:00:00Z",
                                              status=RunStatus.FINISHED)
    nanjing = PoolReview.objects.create(year=2026, region=places["nanjing"], on="2026-11-01",
                                        started_by=users["nanjing"],
                                        started_at="2026-11-01T00:00:00Z",
                                        status=RunStatus.FINISHED)
    district = client_for(users["wujiang"])
    for review in (province_wide, nanjing):
        assert district.get(reverse("pool:review", args=[review.pk])).status_code == 404
        assert district.get(reverse("pool:review_progress", args=[review.pk])).status_code == 404
    assert client_for(users["province"]).get(
        reverse("pool:review", args=[nanjing.pk])).status_code == 200


def test_it_shows_the_nav_link_by_role(users: dict[str, Any]) -> None:
    assert 'data-testid="nav-pool"' in client_for(users["wujiang"]).get("/").content.decode()
    own = client_for(users["enterprise"]).get("/").content.decode()
    assert reverse("pool:enterprise", args=[users["enterprise"].enterprise_membership
                                            .enterprise_id]) in own
    assert 'data-testid="nav-pool"' not in client_for(users["bank"]).get("/").content.decode()


def test_it_renders_the_status_card_for_other_apps(members: dict[str, PoolMembership]) -> None:
    enterprise = members["wujiang"].enterprise
    html = Template("{% load pool_tags %}{% pool_status_card e %}").render(
        Context({"e": enterprise}))
    assert "在库（" in html and "三类培育对象" in html and "主管部门遴选" in html
