"""Writes on users. Every write is audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from portal.accounts.models import Role, User
from portal.audit.services import audit_record
from portal.regions.models import Region

# Roles whose scope is a region subtree; the province role's region is the province itself.
REGION_SCOPED = frozenset({Role.PROVINCE, Role.CITY, Role.DISTRICT, Role.TOWN,
                           Role.COMMISSIONER})


class AccountError(ValueError):
    """A user cannot be created or changed as asked; the message is for people."""


def user_create(
    *, username: str, password: str, role: Role, region: Region | None = None,
    display_name: str = "", actor: Any = None, is_superuser: bool = False,
) -> User:
    if role in REGION_SCOPED and region is None:
        raise AccountError(f"角色“{role.label}”必须指定管辖区域。")
    with transaction.atomic():
        user = User(username=username, role=role, region=region, display_name=display_name,
                    is_staff=is_superuser or role == Role.ADMIN, is_superuser=is_superuser)
        user.set_password(password)
        user.save()
        audit_record(actor=actor, action="user.create", target=user,
                     summary=f"创建用户 {username}（{role.label}）",
                     changes={"role": role.value, "region": region.code if region else None})
    return user


def user_rename(*, user: User, display_name: str, actor: Any = None) -> User:
    """Change the name shown for ``user`` (page header, records it signs); no-op if unchanged."""
    if user.display_name == display_name:
        return user
    with transaction.atomic():
        before = user.display_name
        user.display_name = display_name
        user.save(update_fields=["display_name"])
        audit_record(actor=actor, action="user.rename", target=user,
                     summary=f"用户 {user.username} 的显示名称改为“{display_name}”",
                     changes={"old": before, "new": display_name})
    return user
