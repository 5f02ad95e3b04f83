"""Small fixtures shared by the assessment and workspace tests: two cities, a district and a
town, one user per role, and a few enterprises with crafted facts (never the demo)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from portal.accounts.models import Role, User
from portal.enterprises import services as registry
from portal.enterprises.tests.codes import make_uscc
from portal.industries.models import Cluster, Industry
from portal.regions.models import Region
from portal.services.services import commissioner_assign, expert_assign

ON = dt.date(2026, 6, 1)  # the 2026 criteria are in force; fiscal year 2025
WAN = 10_000  # 元 per 万元


@pytest.fixture
def places(db: None) -> dict[str, Any]:
    province = Region.objects.create(code="320000", name="江苏省", kind="province")
    suzhou = Region.objects.create(code="320500", name="苏州市", kind="city", parent=province)
    wujiang = Region.objects.create(code="320509", name="吴江区", kind="district", parent=suzhou)
    town = Region.objects.create(code="320509901", name="吴江开发区", kind="town",
                                 parent=wujiang, official=False)
    nanjing = Region.objects.create(code="320100", name="南京市", kind="city", parent=province)
    section = Industry.objects.create(code="C", name="制造业", level="section")
    division = Industry.objects.create(code="C34", name="通用设备制造业", level="division",
                                       parent=section)
    machine = Industry.objects.create(code="C3484", name="机械零部件加工", level="class",
                                      parent=division)
    chips = Industry.objects.create(code="C3973", name="集成电路制造", level="class",
                                    parent=section)
    cluster = Cluster.objects.create(slug="high-end-equipment", name="高端装备", kind="cluster",
                                     programme="江苏省先进制造业集群")
    return {"province": province, "suzhou": suzhou, "wujiang": wujiang, "town": town,
            "nanjing": nanjing, "machine": machine, "chips": chips, "cluster": cluster}


def _annual(enterprise: Any, year: int, actor: Any, **figures: int) -> None:
    for indicator, value in figures.items():
        registry.fact_set(enterprise=enterprise, indicator=indicator, year=year, value=value,
                          source="audit_report", actor=actor)


def make_enterprise(name: str, region: Region, industry: Industry, *,
                    revenue_wan: int = 1_200) -> Any:
    enterprise = registry.enterprise_create(uscc=make_uscc(division=region.code[:6]),
                                            name=name, actor=None, region=region,
                                            industry=industry)
    registry.fact_set(enterprise=enterprise, indicator="sme_size", year=None, value="small",
                      source="statistics", actor=None)
    registry.fact_set(enterprise=enterprise, indicator="niche_since", year=None, value=2015,
                      source="self_reported", actor=None)
    for year in (2024, 2025):
        _annual(enterprise, year, None, revenue=revenue_wan * WAN,
                main_revenue=revenue_wan * WAN * 9 // 10, rd_expense=150 * WAN,
                qualified_equity=0, total_assets=3_000 * WAN,
                total_liabilities=1_000 * WAN, employees=80)
    return enterprise


@pytest.fixture
def enterprises(places: dict[str, Any]) -> dict[str, Any]:
    wj = make_enterprise("吴江精工机械有限公司", places["town"], places["machine"])
    wj2 = make_enterprise("吴江芯片科技有限公司", places["wujiang"], places["chips"],
                          revenue_wan=2_000)
    nj = make_enterprise("南京示例装备有限公司", places["nanjing"], places["machine"])
    registry.enterprise_clusters_set(enterprise=wj, clusters=[places["cluster"]], actor=None)
    registry.title_add(enterprise=wj2, tier="innovative_sme", level="province",
                       valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2028, 12, 31),
                       actor=None)
    return {"wujiang_town": wj, "wujiang": wj2, "nanjing": nj}


def _user(username: str, role: Role, region: Region | None = None) -> User:
    # No password: tests sign in with force_login, and hashing one costs ~1 s on these machines.
    return User.objects.create_user(username=username, password=None, role=role,
                                    region=region, display_name=f"{role.label} {username}",
                                    is_staff=role == Role.ADMIN,
                                    is_superuser=role == Role.ADMIN)


@pytest.fixture
def users(places: dict[str, Any], enterprises: dict[str, Any]) -> dict[str, User]:
    found = {
        "province": _user("province", Role.PROVINCE, places["province"]),
        "suzhou": _user("suzhou", Role.CITY, places["suzhou"]),
        "nanjing": _user("nanjing", Role.CITY, places["nanjing"]),
        "wujiang": _user("wujiang", Role.DISTRICT, places["wujiang"]),
        "town": _user("town", Role.TOWN, places["town"]),
        "enterprise": _user("enterprise", Role.ENTERPRISE),
        "commissioner": _user("commissioner", Role.COMMISSIONER, places["wujiang"]),
        "expert": _user("expert", Role.EXPERT),
        "bank": _user("bank", Role.BANK),
        "admin": _user("admin", Role.ADMIN),
    }
    registry.enterprise_member_add(user=found["enterprise"],
                                   enterprise=enterprises["wujiang_town"], actor=None)
    commissioner_assign(commissioner=found["commissioner"], enterprise=enterprises["wujiang"],
                        actor=found["wujiang"])
    expert_assign(expert=found["expert"], enterprise=enterprises["nanjing"],
                  purpose="diagnosis", actor=found["province"])
    return found
