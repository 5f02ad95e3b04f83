"""Small crafted fixtures for the certification tests: a region tree with two towns, one
enterprise whose facts pass 专精特新中小企业 (2026) today, one user per role and level, a
pool of experts, and an open round. Dates are relative to today so the tests never age."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from portal.accounts.models import Role, User
from portal.certification.models import Application, Round
from portal.certification.services.rounds import RoundSpec, round_create
from portal.enterprises import services as registry
from portal.enterprises import values
from portal.enterprises.models import Enterprise
from portal.enterprises.tests.codes import make_uscc
from portal.industries.models import Industry
from portal.regions.models import Region

CRITERIA = "cn-2026-srdi-sme"


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def build_regions() -> dict[str, Region]:
    def region(code: str, name: str, kind: str, parent: Region | None) -> Region:
        return Region.objects.create(code=code, name=name, kind=kind, parent=parent,
                                     official=kind != "town")

    province = region("320000", "江苏省", "province", None)
    suzhou = region("320500", "苏州市", "city", province)
    wujiang = region("320509", "吴江区", "district", suzhou)
    nanjing = region("320100", "南京市", "city", province)
    return {
        "province": province, "suzhou": suzhou, "wujiang": wujiang, "nanjing": nanjing,
        "town": region("320509101", "松陵街道", "town", wujiang),
        "other_town": region("320509102", "同里镇", "town", wujiang),
        "pukou": region("320111", "浦口区", "district", nanjing),
    }


def put(enterprise: Enterprise, indicator: str, year: int | None, raw: Any,
        actor: Any = None) -> None:
    """Record a value as a person would type it (money in 万元)."""
    ind = values.indicator(indicator)
    registry.fact_set(enterprise=enterprise, indicator=indicator, year=year,
                      value=values.parse_user_value(ind, raw), source=ind.source, actor=actor)


PASSING_STATIC = {
    "sme_size": "small", "on_abnormal_list": False, "on_dishonesty_list": False,
    "product_restricted": False, "niche_since": "2015", "class1_ip": "2",
    "rd_institution_level": "city",
}
PASSING_LAST_YEAR = {
    "revenue": "3000", "main_revenue": "2700", "main_product_revenue": "2000",
    "total_assets": "4000", "total_liabilities": "2000", "rd_expense": "150",
    "qualified_equity": "0", "development_score": "65",
}
CLEAN_RECORD = {"major_accidents": "0", "serious_violations": "0",
                "province_sti_award_top3": "0", "national_sti_award_top3": "0"}


def passing_enterprise(name: str, region: Region, industry: Industry, attester: User,
                       ) -> Enterprise:
    """An enterprise that meets every condition of 专精特新中小企业 (2026) today."""
    enterprise = registry.enterprise_create(uscc=make_uscc(division=region.code[:6]),
                                            name=name, actor=None, region=region,
                                            industry=industry)
    for indicator, raw in PASSING_STATIC.items():
        put(enterprise, indicator, None, raw)
    for indicator in ("class1_ip_applied", "market_position_leading"):
        put(enterprise, indicator, None, True, actor=attester)
    last = today().year - 1
    for indicator, raw in {**PASSING_LAST_YEAR, **CLEAN_RECORD}.items():
        put(enterprise, indicator, last, raw)
    for indicator, raw in {"revenue": "2800", "rd_expense": "140", "qualified_equity": "0",
                           **CLEAN_RECORD}.items():
        put(enterprise, indicator, last - 1, raw)
    for indicator, raw in CLEAN_RECORD.items():
        put(enterprise, indicator, last - 2, raw)
    registry.title_add(enterprise=enterprise, tier="innovative_sme", level="province",
                       valid_from=days(-365), valid_until=days(730), actor=None)
    return enterprise


def make_user(username: str, role: str, region: Region | None = None, **extra: Any) -> User:
    return User.objects.create_user(username=username, password="x" * 12, role=role,
                                    region=region, display_name=f"{username}",
                                    email=f"{username}@example.test", **extra)


@dataclass
class World:
    regions: dict[str, Region]
    industry: Industry
    enterprise: Enterprise
    users: dict[str, User]
    experts: list[User]
    round: Round

    def user(self, name: str) -> User:
        return self.users[name]


def build_world(panel_size: int = 2) -> World:
    regions = build_regions()
    section = Industry.objects.create(code="C", name="制造业", level="section")
    industry = Industry.objects.create(code="C3484", name="机械零部件加工", level="class",
                                       parent=section)
    users = {
        "province": make_user("province", Role.PROVINCE, regions["province"]),
        "suzhou": make_user("suzhou", Role.CITY, regions["suzhou"]),
        "nanjing": make_user("nanjing", Role.CITY, regions["nanjing"]),
        "wujiang": make_user("wujiang", Role.DISTRICT, regions["wujiang"]),
        "town": make_user("town", Role.TOWN, regions["town"]),
        "other_town": make_user("other_town", Role.TOWN, regions["other_town"]),
        "enterprise": make_user("enterprise", Role.ENTERPRISE),
        "commissioner": make_user("commissioner", Role.COMMISSIONER, regions["wujiang"]),
        "bank": make_user("bank", Role.BANK),
        "admin": make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True),
    }
    experts = [make_user("expert_a", Role.EXPERT), make_user("expert_b", Role.EXPERT),
               make_user("expert_local", Role.EXPERT, regions["town"]),
               make_user("expert_nanjing", Role.EXPERT, regions["pukou"])]
    enterprise = passing_enterprise("吴江精工机械有限公司", regions["town"], industry,
                                    users["wujiang"])
    registry.enterprise_member_add(user=users["enterprise"], enterprise=enterprise, actor=None)
    round_ = open_round(users["province"], panel_size=panel_size)
    return World(regions, industry, enterprise, users, experts, round_)


def open_round(actor: User, *, panel_size: int = 2, application_type: str = "new",
               expiring_by: dt.date | None = None, name: str = "2026年度专精特新中小企业认定",
               ) -> Round:
    spec = RoundSpec(
        name=name, tier="srdi_sme", level="province", criteria_set_id=CRITERIA,
        opens_on=days(-5), application_deadline=days(30),
        steps={"town": days(40), "district": days(50), "city": days(60),
               "province": days(70)},
        expert_deadline=days(80), panel_size=panel_size, application_type=application_type,
        expiring_by=expiring_by)
    return round_create(spec=spec, actor=actor)


def fresh(app: Application) -> Application:
    return Application.objects.get(pk=app.pk)
