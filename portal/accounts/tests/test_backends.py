"""The signed-in user is read with the region that scopes every page, in one query."""

from __future__ import annotations

from typing import Any

import pytest

from portal.accounts.backends import ScopedUserBackend
from portal.accounts.models import Role, User
from portal.regions.models import Region

pytestmark = pytest.mark.django_db


def _town_user() -> User:
    suzhou = Region.objects.create(code="320500", name="苏州市", kind="city", path="32/320500/")
    return User.objects.create_user(username="town", password=None, role=Role.CITY,
                                    region=suzhou)


def test_the_user_comes_with_its_region(django_assert_num_queries: Any) -> None:
    user = _town_user()
    with django_assert_num_queries(1):
        found = ScopedUserBackend().get_user(user.pk)
        assert found.region.name == "苏州市"


def test_an_inactive_or_unknown_user_is_nobody() -> None:
    user = _town_user()
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert ScopedUserBackend().get_user(user.pk) is None
    assert ScopedUserBackend().get_user(user.pk + 1000) is None
