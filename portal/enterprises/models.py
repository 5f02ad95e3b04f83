"""The enterprise registry: enterprises, their dated and provenanced facts, and their records.

Facts are versioned rows: a correction inserts a new row and stamps the previous one
``superseded_at``; at most one row per (enterprise, indicator, year) is current, enforced by the
database. Values are stored in the vocabulary's storage units (money in 元, percent in 0.01 %).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from indicators.vocabulary import (
    AWARD_LEVELS,
    LEVEL_LABELS,
    RD_INSTITUTION_LEVELS,
    SME_SIZES,
    SOURCE_LABELS,
    TITLE_TIERS,
)

SOURCE_CHOICES = [(source.value, label) for source, label in SOURCE_LABELS.items()]
TITLE_CHOICES = [(tier.id, tier.name) for tier in TITLE_TIERS]
TITLE_LEVEL_CHOICES = list(LEVEL_LABELS.items())
# "none" is a fact value (no institution, no award), never a record's level.
RD_LEVEL_CHOICES = [c for c in RD_INSTITUTION_LEVELS if c[0] != "none"]
AWARD_LEVEL_CHOICES = [c for c in AWARD_LEVELS if c[0] != "none"]


class Enterprise(models.Model):
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("企业名称", max_length=200, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name="所属区域",
                               on_delete=models.PROTECT, related_name="enterprises")
    industry = models.ForeignKey("industries.Industry", verbose_name="国民经济行业",
                                 on_delete=models.PROTECT, related_name="enterprises")
    main_products = models.TextField("主导产品", blank=True)
    clusters = models.ManyToManyField("industries.Cluster", verbose_name="所属集群/产业链",
                                      blank=True, related_name="enterprises")
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    # Mirrors of static facts, written only by the fact services (see services.MIRRORED_FIELDS)
    # so lists and filters need no join; the facts keep the history and provenance.
    founded_on = models.DateField("成立日期", null=True, blank=True, editable=False)
    niche_since = models.PositiveSmallIntegerField("进入细分市场年份", null=True, blank=True,
                                                   editable=False)
    sme_size = models.CharField("企业规模", max_length=8, choices=SME_SIZES, blank=True,
                                editable=False)
    is_chain_leader = models.BooleanField("链主企业", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "企业"
        verbose_name_plural = "企业"
        ordering = ("uscc",)

    def __str__(self) -> str:
        return self.name


class EnterpriseMember(models.Model):
    """Links an enterprise user to the one enterprise they act for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户",
                                on_delete=models.CASCADE, related_name="enterprise_membership")
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="members")
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        verbose_name = "企业用户关联"
        verbose_name_plural = "企业用户关联"

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "导入中"
    SUCCEEDED = "succeeded", "已导入"
    CHECKED = "checked", "校验通过（试运行，未写入）"
    REJECTED = "rejected", "校验未通过（未写入）"
    FAILED = "failed", "导入失败（未写入）"


class ImportRecord(models.Model):
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField("文件名", max_length=255)
    dry_run = models.BooleanField("试运行", default=False)
    status = models.CharField("状态", max_length=12, choices=ImportStatus.choices,
                              default=ImportStatus.PENDING)
    counts = models.JSONField("统计", default=dict, blank=True)
    errors = models.JSONField("问题清单", default=list, blank=True)
    task_id = models.CharField("后台任务进度编号", max_length=64, blank=True,
                               help_text="portal.core 任务进度（TaskProgress）的编号")

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"


class Fact(models.Model):
    """One version of one indicator value of one enterprise (for one fiscal year if annual)."""

    # No separate index: fact_history_idx (enterprise, indicator, year) serves it.
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="facts", db_index=False)
    indicator = models.CharField("指标", max_length=64)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    # Exactly one typed column carries the value, chosen by the indicator's kind; all null
    # records an explicit retraction (the value became unknown).
    value_int = models.BigIntegerField("数值（存储单位）", null=True, blank=True)
    value_bool = models.BooleanField("是/否", null=True, blank=True)
    value_text = models.CharField("代码", max_length=32, null=True, blank=True)
    value_date = models.DateField("日期", null=True, blank=True)
    source = models.CharField("来源", max_length=16, choices=SOURCE_CHOICES)
    # Unindexed on purpose: imports add millions of rows, and the only lookups by these
    # columns (deleting a user or an import record, both exceptional) may scan.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+",
                                   db_index=False)
    entered_at = models.DateTimeField("录入时间")
    superseded_at = models.DateTimeField("被更正时间", null=True, blank=True)
    import_record = models.ForeignKey(ImportRecord, verbose_name="导入批次", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="facts",
                                      db_index=False)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "企业指标值"
        verbose_name_plural = "企业指标值"
        ordering = ("enterprise", "indicator", "year", "-entered_at")
        constraints = [
            # Two partial constraints because NULL years are distinct in unique indexes on
            # both SQLite and PostgreSQL.
            models.UniqueConstraint(
                fields=["enterprise", "indicator", "year"],
                condition=Q(superseded_at__isnull=True, year__isnull=False),
                name="fact_one_current_annual",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "indicator"],
                condition=Q(superseded_at__isnull=True, year__isnull=True),
                name="fact_one_current_static",
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "indicator", "year"],
                                name="fact_history_idx")]

    def __str__(self) -> str:
        return f"{self.indicator}{f'@{self.year}' if self.year else ''}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class RecordBase(models.Model):
    """Provenance shared by every record kind."""

    source = models.CharField("来源", max_length=16, choices=SOURCE_CHOICES,
                              default="third_party")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        abstract = True


class Title(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="titles")
    tier = models.CharField("称号", max_length=32, choices=TITLE_CHOICES)
    level = models.CharField("级别", max_length=16, choices=TITLE_LEVEL_CHOICES)
    year = models.PositiveSmallIntegerField("认定年份", null=True, blank=True)
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期止", null=True, blank=True)
    certificate_no = models.CharField("证书编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "称号"
        verbose_name_plural = "称号"
        ordering = ("enterprise", "tier", "-valid_from")
        constraints = [models.UniqueConstraint(fields=["enterprise", "tier", "level", "valid_from"],
                                               name="title_unique_grant")]

    def __str__(self) -> str:
        return f"{LEVEL_LABELS.get(self.level, self.level)}{self.get_tier_display()}"


class StandardLevel(models.TextChoices):
    INTERNATIONAL = "international", "国际标准"
    NATIONAL = "national", "国家标准"
    INDUSTRY = "industry", "行业标准"
    GROUP = "group", "团体标准"


class StandardRole(models.TextChoices):
    LEAD = "lead", "主导"
    PARTICIPATE = "participate", "参与"


class Standard(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="standards")
    name = models.CharField("标准名称", max_length=200)
    code = models.CharField("标准号", max_length=64, blank=True)
    level = models.CharField("级别", max_length=16, choices=StandardLevel.choices)
    role = models.CharField("角色", max_length=12, choices=StandardRole.choices)
    year = models.PositiveSmallIntegerField("发布年份")

    class Meta:
        verbose_name = "标准制修订"
        verbose_name_plural = "标准制修订"
        ordering = ("enterprise", "-year")

    def __str__(self) -> str:
        return self.name


class QualityAward(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="quality_awards")
    name = models.CharField("奖项名称", max_length=200)
    level = models.CharField("级别", max_length=16, choices=AWARD_LEVEL_CHOICES)
    year = models.PositiveSmallIntegerField("获奖年份")

    class Meta:
        verbose_name = "政府质量奖"
        verbose_name_plural = "政府质量奖"
        ordering = ("enterprise", "-year")

    def __str__(self) -> str:
        return self.name


class Brand(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="brands")
    name = models.CharField("品牌/商标", max_length=200)
    famous_trademark = models.BooleanField("驰名商标", default=False)
    registered_on = models.DateField("注册日期", null=True, blank=True)

    class Meta:
        verbose_name = "品牌"
        verbose_name_plural = "品牌"
        ordering = ("enterprise", "name")

    def __str__(self) -> str:
        return self.name


class CertificationKind(models.TextChoices):
    QUALITY = "quality", "质量管理体系（ISO 9001 等）"
    ENVIRONMENT = "environment", "环境管理体系（ISO 14001）"
    SAFETY = "safety", "职业健康安全管理体系（ISO 45001）"
    INFORMATION_SECURITY = "infosec", "信息安全管理体系（ISO 27001）"
    ENERGY = "energy", "能源管理体系（ISO 50001）"
    OTHER_SYSTEM = "other_system", "其他管理体系"
    DEVELOPED_MARKET_PRODUCT = "developed_market_product", "发达国家和地区产品认证（CE、UL 等）"


class Certification(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="certifications")
    kind = models.CharField("类别", max_length=32, choices=CertificationKind.choices)
    name = models.CharField("认证名称", max_length=200, blank=True)
    certificate_no = models.CharField("证书编号", max_length=64, blank=True)
    valid_from = models.DateField("有效期起", null=True, blank=True)
    valid_until = models.DateField("有效期止", null=True, blank=True)

    class Meta:
        verbose_name = "体系与产品认证"
        verbose_name_plural = "体系与产品认证"
        ordering = ("enterprise", "kind")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class RdInstitution(RecordBase):
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE,
                                   related_name="rd_institutions")
    name = models.CharField("研发机构名称", max_length=200)
    level = models.CharField("级别", max_length=16, choices=RD_LEVEL_CHOICES)
    year = models.PositiveSmallIntegerField("认定年份", null=True, blank=True)

    class Meta:
        verbose_name = "研发机构"
        verbose_name_plural = "研发机构"
        ordering = ("enterprise", "name")

    def __str__(self) -> str:
        return self.name
