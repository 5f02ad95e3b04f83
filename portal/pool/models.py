"""The cultivation pool (培育库): who is in it, how they entered, how they are classified,
the yearly review that proposes exits, and the published list of every year.

Statuses are rows, never overwritten flags: a membership that ends keeps its row (status
``exited`` with when, who and why); re-entering creates a new membership. Evaluations are
stored as compact JSON summaries with the criteria-set ids and the date they were read on, so a
decision can be replayed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class EntryRoute(models.TextChoices):
    APPLICATION = "application", "企业申报"
    SELECTION = "selection", "主管部门遴选"
    NOMINATION = "nomination", "举荐"


class MembershipStatus(models.TextChoices):
    IN = "in", "在库"
    EXITED = "exited", "已出库"


class Focus(models.TextChoices):
    RECOMMEND = "recommend", "重点推荐"
    IMPROVE = "improve", "重点提升"
    WATCH = "watch", "重点关注"


class Cohort(models.IntegerChoices):
    FIRST = 1, "一类培育对象"
    SECOND = 2, "二类培育对象"
    THIRD = 3, "三类培育对象"


class NominatorKind(models.TextChoices):
    CHAIN_LEADER = "chain_leader", "链主（龙头）企业"
    INVESTOR = "investor", "投资机构"
    CONSULTANCY = "consultancy", "管理咨询机构"
    EXPERT = "expert", "行业专家"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已入库"
    REJECTED = "rejected", "未通过"
    CLOSED = "closed", "已关闭（企业已入库）"


class Verdict(models.TextChoices):
    PASS = "pass", "满足"
    FAIL = "fail", "不满足"
    UNKNOWN = "unknown", "待定"


class PoolConfig(models.Model):
    """Which criteria sets decide pool entry; the newest row wins, else settings.POOL_ENTRY_SETS,
    else the upgrade_pool sets in force (see portal.pool.standards)."""

    entry_set_ids = models.CharField(
        "入库标准（认定标准编号，逗号分隔）", max_length=400,
        help_text="如 js-2020-pool-manufacturing,js-2020-pool-innovative；满足其中任一即可入库")
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("设置时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "培育库入库标准设置"
        verbose_name_plural = "培育库入库标准设置"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.entry_set_ids

    @property
    def set_ids(self) -> list[str]:
        return [part.strip() for part in self.entry_set_ids.split(",") if part.strip()]


class PoolMembership(models.Model):
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="pool_memberships")
    year = models.PositiveSmallIntegerField("入库年度")
    route = models.CharField("入库方式", max_length=12, choices=EntryRoute.choices)
    status = models.CharField("状态", max_length=8, choices=MembershipStatus.choices,
                              default=MembershipStatus.IN)
    entered_at = models.DateTimeField("入库时间")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey("EntryRequest", verbose_name="入库申请/举荐", null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    entry_note = models.CharField("入库说明", max_length=500, blank=True)
    entry_evaluation = models.JSONField("入库评估", default=dict, blank=True)
    # The SRDI honours ("tier:level") held at entry or at the last review: a title missing at
    # the next review was lost or revoked in between.
    titles_seen = models.JSONField("上次核查时持有的专精特新称号", default=list, blank=True)
    focus = models.CharField("重点分类（按规则）", max_length=10, choices=Focus.choices,
                             blank=True)
    focus_basis = models.CharField("分类依据", max_length=300, blank=True)
    focus_at = models.DateTimeField("分类时间", null=True, blank=True)
    focus_override = models.CharField("重点分类（人工调整）", max_length=10,
                                      choices=Focus.choices, blank=True)
    focus_override_reason = models.CharField("调整理由", max_length=300, blank=True)
    focus_override_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="调整人",
                                          null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    focus_override_at = models.DateTimeField("调整时间", null=True, blank=True)
    exited_at = models.DateTimeField("出库时间", null=True, blank=True)
    exited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="出库确认人",
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    exit_reason = models.TextField("出库原因", blank=True)

    class Meta:
        verbose_name = "培育库成员"
        verbose_name_plural = "培育库成员"
        ordering = ("-entered_at", "-id")
        constraints = [models.UniqueConstraint(
            fields=["enterprise"], condition=Q(status="in"), name="pool_one_current_membership")]
        indexes = [models.Index(fields=["status", "focus_override", "focus"],
                                name="pool_member_focus_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year} {self.get_status_display()}"

    @property
    def effective_focus(self) -> str:
        return self.focus_override or self.focus

    @property
    def effective_focus_label(self) -> str:
        return Focus(self.effective_focus).label if self.effective_focus else "未分类"


class EntryRequest(models.Model):
    """An enterprise's application, or a nomination (举荐) on its behalf, awaiting a decision."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="pool_requests")
    route = models.CharField("方式", max_length=12, choices=EntryRoute.choices)
    status = models.CharField("状态", max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人",
                                     on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("提交时间")
    nominator_name = models.CharField("举荐单位/人", max_length=100, blank=True)
    nominator_kind = models.CharField("举荐方类别", max_length=16,
                                      choices=NominatorKind.choices, blank=True)
    reason = models.TextField("申请说明/举荐理由", blank=True)
    evaluation = models.JSONField("提交时的入库评估", default=dict, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.CharField("审核意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "入库申请与举荐"
        verbose_name_plural = "入库申请与举荐"
        ordering = ("-submitted_at", "-id")
        constraints = [models.UniqueConstraint(
            fields=["enterprise"], condition=Q(status="pending", route="application"),
            name="pool_one_pending_application")]

    def __str__(self) -> str:
        return f"{self.get_route_display()} {self.enterprise_id}"


class EntryScreening(models.Model):
    """The latest entry verdict of one enterprise (for officials' selection lists)."""

    enterprise = models.OneToOneField("enterprises.Enterprise", verbose_name="企业",
                                      on_delete=models.CASCADE, related_name="pool_screening")
    verdict = models.CharField("结论", max_length=8, choices=Verdict.choices)
    evaluation = models.JSONField("评估摘要", default=dict)
    on = models.DateField("评估日期")
    screened_at = models.DateTimeField("筛选时间")

    class Meta:
        verbose_name = "入库筛选结果"
        verbose_name_plural = "入库筛选结果"
        indexes = [models.Index(fields=["verdict"], name="pool_screening_verdict_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise_id}: {self.verdict}"


class RunStatus(models.TextChoices):
    RUNNING = "running", "进行中"
    FINISHED = "finished", "已完成"
    FAILED = "failed", "失败"


class ScreeningRun(models.Model):
    """One background screening of a jurisdiction against the entry criteria."""

    region = models.ForeignKey("regions.Region", verbose_name="范围", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人",
                                   on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=RunStatus.choices,
                              default=RunStatus.RUNNING)
    on = models.DateField("评估日期")
    counts = models.JSONField("统计", default=dict, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)

    class Meta:
        verbose_name = "入库筛选"
        verbose_name_plural = "入库筛选"
        ordering = ("-started_at", "-id")

    def __str__(self) -> str:
        return f"筛选 {self.pk}"

    @property
    def progress_id(self) -> str:
        return f"pool-screening-{self.pk}"


class PoolReview(models.Model):
    """The yearly review (动态管理) of the members in one jurisdiction."""

    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey("regions.Region", verbose_name="范围", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    on = models.DateField("评估日期")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人",
                                   on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=RunStatus.choices,
                              default=RunStatus.RUNNING)
    standard = models.JSONField("采用的入库标准", default=dict, blank=True)
    counts = models.JSONField("统计", default=dict, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)

    class Meta:
        verbose_name = "培育库年度复核"
        verbose_name_plural = "培育库年度复核"
        ordering = ("-started_at", "-id")

    def __str__(self) -> str:
        return f"{self.year}年度复核 #{self.pk}"

    @property
    def progress_id(self) -> str:
        return f"pool-review-{self.pk}"


class ItemDecision(models.TextChoices):
    NONE = "", "—"
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认出库"
    KEPT = "kept", "保留在库"


class ReviewItem(models.Model):
    """One member's result in a review; ``propose_exit`` items wait for an official."""

    review = models.ForeignKey(PoolReview, verbose_name="复核", on_delete=models.CASCADE,
                               related_name="items")
    membership = models.ForeignKey(PoolMembership, verbose_name="成员", on_delete=models.PROTECT,
                                   related_name="review_items")
    verdict = models.CharField("入库标准复核结论", max_length=8, choices=Verdict.choices)
    evaluation = models.JSONField("评估摘要", default=dict)
    reasons = models.JSONField("出库理由", default=list, blank=True)
    propose_exit = models.BooleanField("建议出库", default=False)
    # Safe = every entry track fails by the engine, so confirming needs no judgement.
    safe = models.BooleanField("可批量确认", default=False)
    focus = models.CharField("重点分类（按规则）", max_length=10, choices=Focus.choices,
                             blank=True)
    decision = models.CharField("处理", max_length=10, choices=ItemDecision.choices,
                                blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decision_note = models.CharField("处理意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "复核结果"
        verbose_name_plural = "复核结果"
        ordering = ("review", "-propose_exit", "id")
        constraints = [models.UniqueConstraint(fields=["review", "membership"],
                                               name="pool_review_item_once")]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.membership_id}: {self.verdict}"


class PoolSnapshot(models.Model):
    """The published pool list of one year; taking it again makes a new version."""

    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本")
    taken_at = models.DateTimeField("生成时间")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人",
                                 on_delete=models.PROTECT, related_name="+")
    note = models.CharField("说明", max_length=200, blank=True)
    member_count = models.PositiveIntegerField("企业数", default=0)

    class Meta:
        verbose_name = "年度培育库名单"
        verbose_name_plural = "年度培育库名单"
        ordering = ("-year", "-version")
        constraints = [models.UniqueConstraint(fields=["year", "version"],
                                               name="pool_snapshot_version")]

    def __str__(self) -> str:
        return f"{self.year}年度名单（第{self.version}版）"


class SnapshotEntry(models.Model):
    """One enterprise on a published list, copied so the list never changes afterwards."""

    snapshot = models.ForeignKey(PoolSnapshot, verbose_name="名单", on_delete=models.CASCADE,
                                 related_name="entries")
    membership = models.ForeignKey(PoolMembership, verbose_name="成员", on_delete=models.PROTECT,
                                   related_name="+")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="+")
    name = models.CharField("企业名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18)
    region_name = models.CharField("所属区域", max_length=100)
    route = models.CharField("入库方式", max_length=12, choices=EntryRoute.choices)
    entered_on = models.DateField("入库日期")
    focus = models.CharField("重点分类", max_length=10, choices=Focus.choices, blank=True)
    cohort = models.PositiveSmallIntegerField("培育对象类别", choices=Cohort.choices)

    class Meta:
        verbose_name = "名单条目"
        verbose_name_plural = "名单条目"
        ordering = ("snapshot", "region_name", "name")
        constraints = [models.UniqueConstraint(fields=["snapshot", "enterprise"],
                                               name="pool_snapshot_entry_once")]

    def __str__(self) -> str:
        return self.name
