"""Scoping of every workspace page: in-scope users get the page, everyone else a 404 (bank
viewers a 403: they never see enterprise data), forged ids included."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

ENTERPRISE_PAGES = ["workspace:detail", "workspace:ladder", "workspace:figures",
                    "workspace:records", "workspace:history", "workspace:report"]

# username → which fixture enterprises it may see
SCOPE = {
    "province": {"wujiang_town", "wujiang", "nanjing"},
    "admin": {"wujiang_town", "wujiang", "nanjing"},
    "suzhou": {"wujiang_town", "wujiang"},
    "nanjing": {"nanjing"},
    "wujiang": {"wujiang_town", "wujiang"},
    "town": {"wujiang_town"},
    "enterprise": {"wujiang_town"},
    "commissioner": {"wujiang"},
    "expert": {"nanjing"},
}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("username", sorted(SCOPE))
def test_it_shows_enterprise_pages_only_within_scope(
        username: str, users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    client = _client(users[username])
    for key, enterprise in enterprises.items():
        expected = 200 if key in SCOPE[username] else 404
        for name in ENTERPRISE_PAGES:
            response = client.get(reverse(name, args=[enterprise.pk]))
            assert response.status_code == expected, (username, key, name)
        if expected == 404:
            assert enterprise.name not in client.get(
                reverse("workspace:detail", args=[enterprise.pk])).content.decode()


def test_it_denies_bank_viewers_every_enterprise_page(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    client = _client(users["bank"])
    assert client.get(reverse("workspace:list")).status_code == 403
    assert client.get(reverse("workspace:export")).status_code == 403
    for name in ENTERPRISE_PAGES:
        response = client.get(reverse(name, args=[enterprises["wujiang"].pk]))
        assert response.status_code == 403
        assert enterprises["wujiang"].name not in response.content.decode()


def test_it_answers_404_for_an_id_that_does_not_exist(users: dict[str, Any]) -> None:
    response = _client(users["province"]).get(reverse("workspace:detail", args=[999_999]))
    assert response.status_code == 404


def test_it_lists_only_enterprises_in_scope(users: dict[str, Any],
                                            enterprises: dict[str, Any]) -> None:
    for username in ("province", "suzhou", "nanjing", "town", "commissioner", "expert"):
        page = _client(users[username]).get(reverse("workspace:list")).content.decode()
        for key, enterprise in enterprises.items():
            assert (enterprise.name in page) == (key in SCOPE[username]), (username, key)


def test_it_sends_enterprise_users_from_the_list_to_their_workspace(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    response = _client(users["enterprise"]).get(reverse("workspace:list"))
    assert response.status_code == 302
    own = enterprises["wujiang_town"].pk
    assert response["Location"] == reverse("workspace:detail", args=[own])


def test_it_refuses_a_forged_id_in_the_export_selection(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    client = _client(users["town"])
    own, other = enterprises["wujiang_town"].pk, enterprises["nanjing"].pk
    assert client.get(reverse("workspace:export"), {"id": [own]}).status_code == 200
    assert client.get(reverse("workspace:export"), {"id": [own, other]}).status_code == 404


def test_it_rejects_a_region_filter_outside_the_users_region(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    response = _client(users["town"]).get(reverse("workspace:list"), {"region": "320100"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="filter-errors"' in page
    assert enterprises["nanjing"].name not in page


def test_it_lets_only_the_enterprises_own_users_self_assess(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    own = reverse("workspace:self_assessment", args=[enterprises["wujiang_town"].pk])
    other = reverse("workspace:self_assessment", args=[enterprises["wujiang"].pk])
    assert _client(users["enterprise"]).get(own).status_code == 200
    assert _client(users["enterprise"]).get(other).status_code == 404
    assert _client(users["enterprise"]).post(other, {"f__revenue__2025": "9999"}).status_code == 404
    assert _client(users["wujiang"]).get(own).status_code == 403
    assert _client(users["nanjing"]).get(own).status_code == 404
