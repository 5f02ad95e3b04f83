"""Users and their roles; every role except province and admin is scoped to a region."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    PROVINCE = "province", "省级主管部门"
    CITY = "city", "市级主管部门"
    DISTRICT = "district", "区（县）级主管部门"
    TOWN = "town", "镇（街道）工作人员"
    ENTERPRISE = "enterprise", "企业用户"
    COMMISSIONER = "commissioner", "服务专员"
    EXPERT = "expert", "评审专家"
    BANK = "bank", "金融机构"
    ADMIN = "admin", "系统管理员"


OFFICIAL_ROLES = frozenset({Role.PROVINCE, Role.CITY, Role.DISTRICT, Role.TOWN})


class User(AbstractUser):
    role = models.CharField("角色", max_length=16, choices=Role.choices, default=Role.ENTERPRISE)
    region = models.ForeignKey(
        "regions.Region", verbose_name="管辖区域", null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)
    failed_logins = models.PositiveSmallIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_official(self) -> bool:
        return self.role in OFFICIAL_ROLES
