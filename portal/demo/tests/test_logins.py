"""The demo's enterprise login names the firm it acts for, with or without the showcase."""

from __future__ import annotations

from typing import Any

import pytest

import population
from population.showcase import showcase
from portal.demo.logins import DEMO_ENTERPRISE_NAME, ensure_demo_logins
from portal.demo.reference import load_reference_data
from portal.demo.setup import link_enterprise_login
from portal.enterprises.loading import load_population

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_data(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for _ in load_reference_data():
        pass


def _enterprise_login() -> Any:
    logins = ensure_demo_logins()
    link_enterprise_login(logins)
    link_enterprise_login(logins)  # a second demo run changes nothing
    user = next(user for login, user in logins if login.username == "enterprise")
    user.refresh_from_db()
    return user


def test_the_enterprise_login_speaks_for_the_showcase_firm_in_shengze() -> None:
    load_population(showcase(), actor=None)
    user = _enterprise_login()
    firm = user.enterprise_membership.enterprise
    assert firm.name == DEMO_ENTERPRISE_NAME and "盛泽镇" in firm.region.name
    assert user.display_name == f"{DEMO_ENTERPRISE_NAME} 演示账号"


def test_without_the_showcase_the_login_is_named_after_the_firm_it_gets() -> None:
    load_population(population.generate(5, 7), actor=None)
    user = _enterprise_login()
    firm = user.enterprise_membership.enterprise
    assert firm.name != DEMO_ENTERPRISE_NAME
    assert user.display_name == f"{firm.name} 演示账号"
