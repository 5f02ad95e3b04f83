"""A small, realistic world for the cross-app tests: the reference data, a generated population,
the demo logins, and three enterprises placed where each role's scope can be told apart.

    inside   — in the demo town (吴江区's first 区镇): every official, the enterprise user, the
               commissioner and the expert may see it
    suzhou   — in 苏州市 but outside 吴江区: the city official sees it, the district and town
               officials do not
    outside  — in 南京市: only the province official and the administrator see it
"""

from __future__ import annotations

from dataclasses import dataclass

import population
from portal.accounts.models import User
from portal.demo.logins import DEMO_PASSWORD, demo_enterprise_login_named, ensure_demo_logins
from portal.demo.reference import load_reference_data
from portal.enterprises.loading import load_population
from portal.enterprises.models import Enterprise
from portal.enterprises.services import enterprise_member_add
from portal.regions.models import Region
from portal.services.services import commissioner_assign, expert_assign

PASSWORD = DEMO_PASSWORD
SUZHOU_NOT_WUJIANG = "320505"  # 虎丘区
NANJING_DISTRICT = "320102"  # 玄武区


@dataclass(frozen=True)
class World:
    users: dict[str, User]
    inside: Enterprise
    suzhou: Enterprise
    outside: Enterprise


def build_world(*, enterprises: int = 40, seed: int = 5) -> World:
    for _ in load_reference_data():
        pass
    load_population(population.generate(enterprises, seed), actor=None)
    users = {login.username: user for login, user in ensure_demo_logins()}
    inside, suzhou, outside = Enterprise.objects.order_by("pk")[:3]
    _move(inside, users["town"].region)
    _move(suzhou, Region.objects.get(code=SUZHOU_NOT_WUJIANG))
    _move(outside, Region.objects.get(code=NANJING_DISTRICT))
    enterprise_member_add(user=users["enterprise"], enterprise=inside, actor=None)
    demo_enterprise_login_named(users["enterprise"], inside.name)
    commissioner_assign(commissioner=users["commissioner"], enterprise=inside, actor=None)
    expert_assign(expert=users["expert"], enterprise=inside, purpose="review", actor=None)
    return World(users, *(Enterprise.objects.get(pk=e.pk) for e in (inside, suzhou, outside)))


def _move(enterprise: Enterprise, region: Region | None) -> None:
    # Placement is test set-up, not a registry change: no audit entry is wanted here.
    assert region is not None
    Enterprise.objects.filter(pk=enterprise.pk).update(region=region)
