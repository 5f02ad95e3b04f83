"""Fixtures for the registry tests: a small region tree, industries, clusters and users."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portal.accounts.models import Role, User
from portal.enterprises.tests.codes import make_uscc
from portal.industries.models import Cluster, Industry
from portal.regions.models import Region


@pytest.fixture
def uscc() -> Callable[[], str]:
    return make_uscc


@pytest.fixture
def regions(db: None) -> dict[str, Region]:
    province = Region.objects.create(code="320000", name="江苏省", kind="province")
    suzhou = Region.objects.create(code="320500", name="苏州市", kind="city", parent=province)
    wujiang = Region.objects.create(code="320509", name="吴江区", kind="district", parent=suzhou)
    nanjing = Region.objects.create(code="320100", name="南京市", kind="city", parent=province)
    return {"province": province, "suzhou": suzhou, "wujiang": wujiang, "nanjing": nanjing}


@pytest.fixture
def industries(db: None) -> dict[str, Industry]:
    section = Industry.objects.create(code="C", name="制造业", level="section")
    machine = Industry.objects.create(code="C3484", name="机械零部件加工", level="class",
                                      parent=section)
    chips = Industry.objects.create(code="C3973", name="集成电路制造", level="class",
                                    parent=section)
    return {"machine": machine, "chips": chips}


@pytest.fixture
def clusters(db: None) -> dict[str, Cluster]:
    return {slug: Cluster.objects.create(slug=slug, name=name, kind="cluster",
                                         programme="江苏省先进制造业集群")
            for slug, name in (("high-end-equipment", "高端装备"),
                               ("integrated-circuits", "集成电路"))}


@pytest.fixture
def official(regions: dict[str, Region]) -> User:
    return User.objects.create_user(username="official", password="x" * 12,
                                    role=Role.DISTRICT, region=regions["wujiang"],
                                    display_name="吴江区 王某")


@pytest.fixture
def expert(db: None) -> User:
    return User.objects.create_user(username="expert", password="x" * 12, role=Role.EXPERT,
                                    display_name="专家 李某")
