"""Signing in with lock-out after repeated failures; every attempt is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.accounts.models import User
from portal.audit.services import audit_record

MAX_FAILURES = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    message: str = ""


def sign_in(request: HttpRequest, username: str, password: str) -> SignInResult:
    """Authenticate unless the account is locked; count failures and lock after MAX_FAILURES."""
    known = User.objects.filter(username=username).first()
    if known is not None and _locked(known):
        audit_record(actor=known, action="login.refused_locked", target=known,
                     summary=f"账号 {username} 处于锁定状态，拒绝登录")
        return SignInResult(None, _locked_message(known))
    user = authenticate(request, username=username, password=password)
    if user is None:
        return SignInResult(None, _record_failure(known, username))
    _record_success(user)
    return SignInResult(user)


def _locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def _locked_message(user: User) -> str:
    until = timezone.localtime(user.locked_until)
    return f"连续登录失败次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或联系管理员。"


def _record_failure(user: User | None, username: str) -> str:
    generic = "用户名或密码不正确。"
    if user is None:
        audit_record(actor=None, action="login.failed", target=None,
                     summary=f"登录失败：用户名 {username[:50]} 不存在")
        return generic
    with transaction.atomic():
        user.failed_logins += 1
        locked = user.failed_logins >= MAX_FAILURES
        if locked:
            user.locked_until = timezone.now() + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        user.save(update_fields=["failed_logins", "locked_until"])
        suffix = "，账号已锁定" if locked else ""
        audit_record(actor=None, action="login.locked" if locked else "login.failed",
                     target=user, summary=f"登录失败：{username}{suffix}")
    if locked:
        return _locked_message(user)
    left = MAX_FAILURES - user.failed_logins
    return f"{generic}再失败 {left} 次账号将被锁定 {LOCK_MINUTES} 分钟。"


def _record_success(user: User) -> None:
    with transaction.atomic():
        if user.failed_logins or user.locked_until:
            user.failed_logins = 0
            user.locked_until = None
            user.save(update_fields=["failed_logins", "locked_until"])
        audit_record(actor=user, action="login.success", target=user,
                     summary=f"{user.username} 登录")
