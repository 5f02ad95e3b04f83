"""Refusals and missing pages read in Chinese, with the view's own sentence when it gave one."""

from __future__ import annotations

from typing import Any

from django.test import Client

from portal.assessments.tests.fixtures import enterprises, places, users

__all__ = ["enterprises", "places", "users"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_refusal_says_why(users: dict[str, Any]) -> None:
    response = _client(users["bank"]).get("/enterprises/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in page and "金融机构账号只能查看已公示的名单" in page
    assert "Forbidden" not in page


def test_an_enterprise_out_of_scope_is_not_found_in_chinese(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    response = _client(users["town"]).get(f"/enterprises/{enterprises['nanjing'].pk}/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "未找到该企业，或您无权查看。" in page and "返回首页" in page


def test_framework_messages_give_way_to_a_general_one(users: dict[str, Any]) -> None:
    response = _client(users["province"]).get("/certification/applications/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "您访问的页面不存在" in page
    assert "Not Found" not in page and "matches the given query" not in page


def test_a_stale_form_is_told_to_refresh_in_chinese(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["province"])
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期" in page and "请返回上一页并刷新后重试" in page
    assert 'data-testid="error-page"' in page
    assert "CSRF" not in page and "Forbidden" not in page


def test_a_stale_sign_in_form_is_told_to_refresh_too() -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "请返回上一页并刷新后重试" in response.content.decode()
