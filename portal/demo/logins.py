"""The demo's logins: one per role, scoped to the seed documents' regions."""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import Role, User
from portal.accounts.services import user_create, user_rename
from portal.regions.models import Region

# The enterprise login speaks for a showcase firm one criterion short of 专精特新中小企业 (2025
# R&D intensity 2.9 %), in the town login's area, so the journeys of issues 5 and 6 fit together.
DEMO_ENTERPRISE_NAME = "吴江盛泽锦纶纺织科技有限公司"

# A shared password keeps the printed table short; the demo database never leaves the machine.
DEMO_PASSWORD = "zjtx-Demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    region_code: str | None
    display_name: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("province", Role.PROVINCE, "320000", "江苏省工信厅 演示账号"),
    DemoLogin("suzhou", Role.CITY, "320500", "苏州市工信局 演示账号"),
    DemoLogin("wujiang", Role.DISTRICT, "320509", "吴江区工信局 演示账号"),
    DemoLogin("town", Role.TOWN, "320509903", "吴江高新区（盛泽镇） 演示账号"),
    DemoLogin("enterprise", Role.ENTERPRISE, None, f"{DEMO_ENTERPRISE_NAME} 演示账号"),
    DemoLogin("commissioner", Role.COMMISSIONER, "320509", "服务专员 演示账号"),
    DemoLogin("expert", Role.EXPERT, None, "评审专家 演示账号"),
    DemoLogin("bank", Role.BANK, None, "银行 演示账号"),
    DemoLogin("admin", Role.ADMIN, None, "系统管理员"),
)


def ensure_demo_logins() -> list[tuple[DemoLogin, User]]:
    """Create the demo users that do not exist yet; return every demo login with its user."""
    created: list[tuple[DemoLogin, User]] = []
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            region = _region_for(login)
            user = user_create(username=login.username, password=DEMO_PASSWORD, role=login.role,
                               region=region, display_name=login.display_name,
                               is_superuser=login.role == Role.ADMIN)
        created.append((login, user))
    return created


def demo_enterprise_login_named(user: User, enterprise_name: str) -> None:
    """Name the enterprise login after the firm it is linked to, so that the page header and
    the records it signs never name another firm (the showcase may be absent, tests link
    another)."""
    user_rename(user=user, display_name=f"{enterprise_name} 演示账号")


def _region_for(login: DemoLogin) -> Region | None:
    if login.region_code is None:
        return None
    return Region.objects.get(code=login.region_code)
