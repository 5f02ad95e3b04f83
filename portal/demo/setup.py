"""Builds the demo database: reference data, a generated population, one login per role."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from django.core.management import call_command

from portal.accounts.models import Role, User
from portal.demo.logins import (
    DEMO_ENTERPRISE_NAME,
    DEMO_PASSWORD,
    DemoLogin,
    demo_enterprise_login_named,
    ensure_demo_logins,
)
from portal.demo.reference import load_reference_data


def prepare_demo(*, enterprises: int, seed: int, address: str) -> Iterator[str]:
    """Yield progress lines while preparing; idempotent (a second run adds nothing)."""
    yield "==> 迁移数据库"
    call_command("migrate", verbosity=0)
    yield "==> 加载参考数据"
    yield from load_reference_data()
    yield from _ensure_population(enterprises, seed)
    yield "==> 创建演示账号"
    logins = ensure_demo_logins()
    link_enterprise_login(logins)
    yield from _assign_and_assess()
    yield from _seed_pool(logins)
    yield from _certification_round()
    yield from _login_table(logins, address)


def _assign_and_assess() -> Iterator[str]:
    from portal.services.services import assignments_ensure_demo

    created = assignments_ensure_demo()
    yield f"==> 为服务专员和评审专家分配演示企业（新增 {created} 条）"
    yield "==> 按现行认定标准评估全部企业（供列表筛选与首页统计）"
    call_command("assess", "--stale")


def _certification_round() -> Iterator[str]:
    from portal.certification.demo import certification_demo_ensure

    round_ = certification_demo_ensure()
    yield (f"==> 演示申报批次：{round_.name}" if round_ is not None
           else "==> 未创建演示申报批次（缺少区域数据或现行认定标准）")


def _seed_pool(logins: list[tuple[DemoLogin, User]]) -> Iterator[str]:
    """Put Wujiang's qualifying enterprises into the pool, so reviews have members to check."""
    from portal.enterprises.models import Enterprise
    from portal.pool.models import EntryScreening, PoolMembership
    from portal.pool.screening import screening_run, screening_start
    from portal.pool.services import pool_select
    from portal.regions.models import Region

    if PoolMembership.objects.exists():
        yield "==> 培育库已有成员，跳过示例入库"
        return
    official = next(user for login, user in logins if login.username == "wujiang")
    run = screening_start(actor=official, region=Region.objects.get(code="320509"))
    screening_run(run=run)
    passing = EntryScreening.objects.filter(verdict="pass").values("enterprise_id")
    chosen = Enterprise.objects.filter(pk__in=passing).order_by("pk")[:60]
    result = pool_select(enterprises=chosen, actor=official, note="演示数据：按入库标准遴选")
    yield f"==> 吴江区培育库示例入库 {len(result.entered)} 家（按入库标准筛选后遴选）"


def _ensure_population(count: int, seed: int) -> Iterator[str]:
    from portal.enterprises.models import Enterprise

    existing = Enterprise.objects.count()
    if existing >= count:
        yield f"==> 演示企业已存在（{existing} 家），跳过生成"
        return
    import population
    from population.showcase import showcase
    from portal.enterprises.loading import load_population

    yield f"==> 生成 {count} 家演示企业（种子 {seed}），另加示范企业"
    frame = population.generate(count, seed, extra=showcase())
    loaded = load_population(frame, actor=None)
    yield f"    已写入 {loaded} 家企业"


def link_enterprise_login(logins: list[tuple[DemoLogin, User]]) -> None:
    """Link the enterprise login to the showcase firm (without it, to a firm in its area) and
    name the login after the firm it is linked to; idempotent."""
    from portal.enterprises.models import Enterprise
    from portal.enterprises.services import enterprise_member_add, enterprise_member_ensure_demo

    for login, user in logins:
        if login.role != Role.ENTERPRISE:
            continue
        member = getattr(user, "enterprise_membership", None)
        if member is None:
            showcase = Enterprise.objects.filter(name=DEMO_ENTERPRISE_NAME).first()
            if showcase is None:  # a population built without the showcase
                member = enterprise_member_ensure_demo(user=user)
            else:
                member = enterprise_member_add(user=user, enterprise=showcase, actor=None)
        if member is not None:
            demo_enterprise_login_named(user, member.enterprise.name)


def _login_table(logins: list[tuple[DemoLogin, User]], address: str) -> Iterator[str]:
    yield ""
    yield f"演示平台地址：{address}    管理后台：{address}admin/"
    yield f"所有演示账号的密码均为：{DEMO_PASSWORD}"
    yield f"{_pad('用户名', 14)}{_pad('角色', 20)}管辖范围"
    for login, user in logins:
        scope = _scope_label(user)
        yield f"{_pad(login.username, 14)}{_pad(login.role.label, 20)}{scope}"


def _scope_label(user: User) -> str:
    membership = getattr(user, "enterprise_membership", None)
    if membership is not None:
        return membership.enterprise.name
    if user.role in (Role.COMMISSIONER, Role.EXPERT):
        return f"{user.region.name + '，' if user.region else ''}分配的企业"
    if user.role == Role.BANK:
        return "已公布名单"
    return user.region.name if user.region else "全部"


def _pad(text: str, width: int) -> str:
    # CJK characters take two terminal columns; pad by display width so columns line up.
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - shown)
