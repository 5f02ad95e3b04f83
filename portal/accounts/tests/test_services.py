"""Creating users: scoped roles need a region, and every creation is audited."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.accounts.services import AccountError, user_create
from portal.audit.models import AuditEntry
from portal.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_town_official_without_a_region_is_refused() -> None:
    with pytest.raises(AccountError, match="必须指定管辖区域"):
        user_create(username="t1", password="x-Long-Pass-1", role=Role.TOWN)


def test_it_records_who_was_created_with_which_scope() -> None:
    province = Region.objects.create(code="320000", name="江苏省", kind="province")
    user = user_create(username="p1", password="x-Long-Pass-1", role=Role.PROVINCE,
                       region=province)
    assert user.check_password("x-Long-Pass-1")
    entry = AuditEntry.objects.get(action="user.create")
    assert entry.target_id == str(user.pk)
    assert entry.changes == {"role": "province", "region": "320000"}
