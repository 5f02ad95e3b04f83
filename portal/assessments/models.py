"""Stored assessment results: one row per enterprise and rung of the ladder (tier, level),
as of the day it was computed. Pages that show one enterprise evaluate live; these rows serve
lists, filters ("all but one criterion pass") and counts over the whole population."""

from __future__ import annotations

from django.db import models


class Verdict(models.TextChoices):
    PASS = "pass", "通过"
    FAIL = "fail", "未通过"
    UNKNOWN = "unknown", "待定"


# (verdict, failed, unknown) of a result one main criterion short of its rung. A tuple, compared
# by equality: a Verdict member and the plain string read from the database hash differently.
ONE_SHORT_CASES = ((Verdict.FAIL, 1, 0), (Verdict.UNKNOWN, 0, 1))


class Assessment(models.Model):
    # No separate FK index: the unique constraint (enterprise, tier, level) serves it.
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.CASCADE, related_name="assessments",
                                   db_index=False)
    tier = models.CharField("层级", max_length=32)
    level = models.CharField("级别", max_length=16)
    set_id = models.CharField("认定标准", max_length=80)
    set_version = models.CharField("版本", max_length=20)
    on = models.DateField("评估日期")
    verdict = models.CharField("结论", max_length=8, choices=Verdict.choices)
    # Main criteria that fail / are undecided (waived ones count as met).
    failed_count = models.PositiveSmallIntegerField("未通过条件数")
    unknown_count = models.PositiveSmallIntegerField("待定条件数")
    score_lower = models.IntegerField("得分下限（0.01分）", null=True, blank=True)
    score_upper = models.IntegerField("得分上限（0.01分）", null=True, blank=True)
    assessed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "评估结果"
        verbose_name_plural = "评估结果"
        constraints = [models.UniqueConstraint(fields=["enterprise", "tier", "level"],
                                               name="assessment_one_per_rung")]
        indexes = [models.Index(fields=["tier", "level", "verdict", "failed_count",
                                        "unknown_count"], name="assessment_readiness_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.set_id}: {self.verdict}"

    @property
    def tier_key(self) -> str:
        return f"{self.tier}:{self.level}"

    @property
    def is_one_short(self) -> bool:
        return (self.verdict, self.failed_count, self.unknown_count) in ONE_SHORT_CASES


class AssessmentRun(models.Model):
    """One re-assessment of a population; its start time is the watermark for "stale"."""

    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    on = models.DateField("评估日期")
    only_stale = models.BooleanField("仅重算数据有变化的企业", default=False)
    enterprise_count = models.PositiveIntegerField("企业数", default=0)
    task_id = models.CharField("后台任务进度编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "批量评估"
        verbose_name_plural = "批量评估"
        ordering = ("-started_at",)

    def __str__(self) -> str:
        return f"{self.on} {self.enterprise_count}"
