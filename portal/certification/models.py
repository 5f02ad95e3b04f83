"""Certification rounds, applications and everything that happens to them.

An application moves through the review steps of its route (town → district → city →
province, as the round configures them and as the enterprise's region has them), then expert
review, public notice and certificate. Every move is a Transition row; the application's
``version`` grows with each move so a stale form or a concurrent second decision is refused.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from portal.enterprises.models import TITLE_CHOICES, TITLE_LEVEL_CHOICES


class ApplicationType(models.TextChoices):
    NEW = "new", "新申报"
    RE_REVIEW = "re_review", "复核"


class Level(models.TextChoices):
    """Review levels, bottom-up; the values equal the official roles (accounts.Role)."""

    TOWN = "town", "镇（街道）"
    DISTRICT = "district", "区（县）"
    CITY = "city", "设区市"
    PROVINCE = "province", "省"


class Round(models.Model):
    name = models.CharField("批次名称", max_length=200)
    tier = models.CharField("称号", max_length=32, choices=TITLE_CHOICES)
    level = models.CharField("称号级别", max_length=16, choices=TITLE_LEVEL_CHOICES)
    criteria_set_id = models.CharField("认定标准版本", max_length=100)
    application_type = models.CharField("申报类型", max_length=16,
                                        choices=ApplicationType.choices,
                                        default=ApplicationType.NEW)
    region = models.ForeignKey("regions.Region", verbose_name="组织范围",
                               on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField("申报开始日期")
    application_deadline = models.DateField("申报截止日期")
    expert_deadline = models.DateField("专家评审截止日期")
    panel_size = models.PositiveSmallIntegerField("每件申报评审专家人数", default=3)
    notice_days = models.PositiveSmallIntegerField("公示天数", default=7)
    validity_years = models.PositiveSmallIntegerField("证书有效期（年）", default=3)
    expiring_by = models.DateField("复核对象：称号有效期止不晚于", null=True, blank=True)
    certificate_prefix = models.CharField("证书编号前缀", max_length=40, default="苏专精特新")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "申报批次"
        verbose_name_plural = "申报批次"
        ordering = ("-opens_on", "-id")

    def __str__(self) -> str:
        return self.name


class RoundStep(models.Model):
    round = models.ForeignKey(Round, verbose_name="批次", on_delete=models.CASCADE,
                              related_name="steps")
    position = models.PositiveSmallIntegerField("顺序")
    level = models.CharField("审核层级", max_length=16, choices=Level.choices)
    deadline = models.DateField("本级审核截止日期")

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ("round", "position")
        constraints = [models.UniqueConstraint(fields=["round", "level"],
                                               name="round_step_level_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_level_display()}"


class Status(models.TextChoices):
    REVIEW = "review", "审核中"
    CORRECTION = "correction", "待补正"
    EXPERTS = "experts", "专家评审中"
    NOTICE = "notice", "公示中"
    CERTIFIED = "certified", "已认定"
    REJECTED = "rejected", "未通过"


OPEN_STATUSES = (Status.REVIEW, Status.CORRECTION, Status.EXPERTS, Status.NOTICE)


class Application(models.Model):
    round = models.ForeignKey(Round, verbose_name="批次", on_delete=models.PROTECT,
                              related_name="applications")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申报人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    renews = models.ForeignKey("enterprises.Title", verbose_name="复核的称号", null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=16, choices=Status.choices,
                              default=Status.REVIEW, db_index=True)
    # The review steps this application passes, fixed at submission:
    # [{"level": "town", "region": "320509101", "region_name": "…"}, …]
    route = models.JSONField("审核路径", default=list)
    step_index = models.PositiveSmallIntegerField("当前环节序号", default=0)
    current_level = models.CharField("当前审核层级", max_length=16, blank=True, db_index=True)
    version = models.PositiveIntegerField("版本", default=1)
    verdict = models.CharField("系统评估结论", max_length=8, blank=True)
    submitted_at = models.DateTimeField("提交时间")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    correction_note = models.TextField("补正要求", blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    reject_reason = models.TextField("未通过原因", blank=True)
    notice_start = models.DateField("公示开始", null=True, blank=True)
    notice_end = models.DateField("公示结束", null=True, blank=True)

    class Meta:
        verbose_name = "申报"
        verbose_name_plural = "申报"
        ordering = ("-submitted_at", "-id")
        constraints = [models.UniqueConstraint(fields=["round", "enterprise"],
                                               name="application_once_per_round")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.round}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def current_step(self) -> dict[str, str] | None:
        if self.status not in (Status.REVIEW, Status.CORRECTION):
            return None
        step: dict[str, str] = self.route[self.step_index]
        return step

    @property
    def last_transition(self) -> Transition | None:
        """The latest move (uses ``prefetch_related("transitions")`` when given)."""
        moves = list(self.transitions.all())
        return moves[-1] if moves else None

    @property
    def current_level_label(self) -> str:
        return str(Level(self.current_level).label) if self.current_level else ""

    @property
    def is_final_step(self) -> bool:
        return self.step_index == len(self.route) - 1


class Snapshot(models.Model):
    """The facts document and the engine's outcome frozen when the enterprise (re)submits."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="snapshots")
    taken_at = models.DateTimeField("冻结时间", auto_now_add=True)
    on = models.DateField("评估日期")
    facts = models.JSONField("企业数据（冻结）")
    outcome = models.JSONField("评估结果（冻结）")
    verdict = models.CharField("结论", max_length=8)

    class Meta:
        verbose_name = "申报数据快照"
        verbose_name_plural = "申报数据快照"
        ordering = ("application", "-taken_at", "-id")
        get_latest_by = ("taken_at", "id")

    def __str__(self) -> str:
        return f"{self.application} @ {self.taken_at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    AUDIT_REPORT = "audit_report", "审计报告"
    CERTIFICATE = "certificate", "资质证书或证明材料"
    OTHER = "other", "其他材料"


class Attachment(models.Model):
    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="attachments")
    kind = models.CharField("类别", max_length=16, choices=AttachmentKind.choices)
    file = models.FileField("文件", upload_to="certification/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "申报附件"
        verbose_name_plural = "申报附件"
        ordering = ("application", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name


class Action(models.TextChoices):
    SUBMIT = "submit", "提交申报"
    APPROVE = "approve", "审核通过"
    RETURN = "return", "退回补正"
    RESUBMIT = "resubmit", "补正后重新提交"
    REJECT = "reject", "不予通过"
    ASSIGN_EXPERTS = "assign_experts", "抽取评审专家"
    SCORE = "score", "专家提交评分"
    PUBLISH = "publish", "发布公示"
    OBJECT = "object", "登记异议"
    RESOLVE = "resolve", "处理异议"
    CERTIFY = "certify", "认定发证"
    ATTACH = "attach", "上传附件"


class Transition(models.Model):
    """Who moved the application, when, from which state to which, and why."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="transitions")
    action = models.CharField("操作", max_length=16, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=16, choices=Status.choices)
    level = models.CharField("办理层级", max_length=16, choices=Level.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("意见或理由", blank=True)
    details = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("application", "at", "id")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def correction_due(self) -> dt.date | None:
        """A return's correction deadline; ``details`` keeps it as an ISO string (JSON)."""
        due = self.details.get("due") if self.action == Action.RETURN else None
        try:
            return dt.date.fromisoformat(due) if due else None
        except (TypeError, ValueError):
            return None


class ConflictOfInterest(models.Model):
    """A recorded relationship that bars an expert from reviewing an enterprise."""

    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家",
                               on_delete=models.CASCADE, related_name="conflicts",
                               limit_choices_to={"role": "expert"})
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.CASCADE, related_name="expert_conflicts")
    relation = models.CharField("关系", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "回避关系"
        verbose_name_plural = "回避关系"
        constraints = [models.UniqueConstraint(fields=["expert", "enterprise"],
                                               name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.expert} ↔ {self.enterprise}：{self.relation}"


class ExpertDraw(models.Model):
    """The random draw of a review panel, stored so anyone can re-run it from the seed."""

    application = models.OneToOneField(Application, verbose_name="申报",
                                       on_delete=models.CASCADE, related_name="draw")
    seed = models.BigIntegerField("随机种子")
    candidates = models.JSONField("候选专家（编号，升序）")
    excluded = models.JSONField("回避专家及原因")
    chosen = models.JSONField("抽中专家（编号）")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)

    class Meta:
        verbose_name = "专家抽取记录"
        verbose_name_plural = "专家抽取记录"

    def __str__(self) -> str:
        return f"{self.application}：种子 {self.seed}"


class ExpertReview(models.Model):
    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="reviews")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家",
                               on_delete=models.PROTECT, related_name="certification_reviews")
    assigned_at = models.DateTimeField("分配时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    recommend = models.BooleanField("是否同意认定", null=True, blank=True)
    comment = models.TextField("综合意见", blank=True)

    class Meta:
        verbose_name = "专家评审"
        verbose_name_plural = "专家评审"
        ordering = ("application", "id")
        constraints = [models.UniqueConstraint(fields=["application", "expert"],
                                               name="review_once_per_expert")]

    def __str__(self) -> str:
        return f"{self.expert} → {self.application}"

    @property
    def total(self) -> int:
        return sum(item.points for item in self.items.all())


SCORE_MAX = 10


class ScoreItem(models.Model):
    """One line of a scoring sheet: one criterion of the round's criteria set."""

    review = models.ForeignKey(ExpertReview, verbose_name="评审", on_delete=models.CASCADE,
                               related_name="items")
    criterion_id = models.CharField("条件编号", max_length=100)
    title = models.CharField("条件", max_length=300)
    points = models.PositiveSmallIntegerField("得分（0–10）")
    comment = models.CharField("评语", max_length=500, blank=True)

    class Meta:
        verbose_name = "评分项"
        verbose_name_plural = "评分项"
        ordering = ("review", "id")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion_id"], name="score_item_once"),
            models.CheckConstraint(condition=models.Q(points__lte=SCORE_MAX),
                                   name="score_item_max"),
        ]

    def __str__(self) -> str:
        return f"{self.title}：{self.points}"


class Objection(models.Model):
    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="objections")
    objector = models.CharField("异议人", max_length=100)
    content = models.TextField("异议内容")
    received_on = models.DateField("收到日期")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    upheld = models.BooleanField("异议成立", null=True, blank=True)
    resolution = models.TextField("处理结果", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ("application", "recorded_at", "id")

    def __str__(self) -> str:
        return f"{self.objector}：{self.content[:30]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class Certificate(models.Model):
    application = models.OneToOneField(Application, verbose_name="申报",
                                       on_delete=models.PROTECT, related_name="certificate")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="certificates")
    title = models.OneToOneField("enterprises.Title", verbose_name="称号记录", null=True,
                                 on_delete=models.SET_NULL, related_name="certificate")
    number = models.CharField("证书编号", max_length=64, unique=True)
    tier = models.CharField("称号", max_length=32, choices=TITLE_CHOICES)
    level = models.CharField("级别", max_length=16, choices=TITLE_LEVEL_CHOICES)
    issued_on = models.DateField("发证日期")
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期止")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发证人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "证书"
        verbose_name_plural = "证书"
        ordering = ("-issued_on", "-id")

    def __str__(self) -> str:
        return self.number


class RevocationGround(models.TextChoices):
    MAJOR_ACCIDENT = "major_accident", "发生重大安全（含网络、数据安全）、质量或环境污染事故"
    DISHONESTY = "dishonesty", "被列入严重失信主体名单或有偷税漏税等违法违规行为"
    DATA_FALSIFICATION = "data_falsification", "提供虚假材料、数据造假"
    MISSED_UPDATES = "missed_updates", "有效期内累计两次未按期（5月31日前）更新企业信息"


class Revocation(models.Model):
    """A withdrawn title. The registry's Title has no revoked flag, so revoking ends its
    validity the day before ``effective_on`` and the previous end date is kept here."""

    title = models.OneToOneField("enterprises.Title", verbose_name="称号",
                                 on_delete=models.PROTECT, related_name="revocation")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name="企业",
                                   on_delete=models.PROTECT, related_name="revocations")
    ground = models.CharField("撤销事由", max_length=24, choices=RevocationGround.choices)
    reason = models.TextField("事实与依据")
    effective_on = models.DateField("撤销生效日期")
    previous_valid_until = models.DateField("原有效期止", null=True, blank=True)
    missed_years = models.JSONField("未按期更新的年度", default=list, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("决定时间", auto_now_add=True)

    class Meta:
        verbose_name = "撤销认定"
        verbose_name_plural = "撤销认定"
        ordering = ("-decided_at", "-id")

    def __str__(self) -> str:
        return f"撤销 {self.title}（{self.get_ground_display()}）"
