"""Who serves which enterprise: commissioners and experts see only the enterprises assigned to
them (the scoping rule of issue 5), so these rows are also the permission data."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExpertPurpose(models.TextChoices):
    REVIEW = "review", "评审"
    DIAGNOSIS = "diagnosis", "诊断"


class CommissionerAssignment(models.Model):
    commissioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="服务专员", on_delete=models.CASCADE,
        related_name="commissioner_assignments", limit_choices_to={"role": "commissioner"})
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name="企业", on_delete=models.CASCADE,
        related_name="commissioner_assignments")
    assigned_at = models.DateTimeField("分配时间", auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="分配人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "服务专员分配"
        verbose_name_plural = "服务专员分配"
        ordering = ("commissioner", "enterprise")
        constraints = [models.UniqueConstraint(fields=["commissioner", "enterprise"],
                                               name="commissioner_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.commissioner} → {self.enterprise}"


class ExpertAssignment(models.Model):
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="专家", on_delete=models.CASCADE,
        related_name="expert_assignments", limit_choices_to={"role": "expert"})
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name="企业", on_delete=models.CASCADE,
        related_name="expert_assignments")
    purpose = models.CharField("任务", max_length=16, choices=ExpertPurpose.choices)
    assigned_at = models.DateTimeField("分配时间", auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="分配人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "专家分配"
        verbose_name_plural = "专家分配"
        ordering = ("expert", "enterprise", "purpose")
        constraints = [models.UniqueConstraint(fields=["expert", "enterprise", "purpose"],
                                               name="expert_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.expert} → {self.enterprise}（{self.get_purpose_display()}）"
