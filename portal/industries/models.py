"""Industry classification (GB/T 4754-2017) and Jiangsu's clusters and chains."""

from __future__ import annotations

from django.db import models


class IndustryLevel(models.TextChoices):
    SECTION = "section", "门类"
    DIVISION = "division", "大类"
    GROUP = "group", "中类"
    CLASS = "class", "小类"


class Industry(models.Model):
    code = models.CharField("行业代码", max_length=8, primary_key=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=10, choices=IndustryLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "国民经济行业"
        verbose_name_plural = "国民经济行业分类"
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", "先进制造业集群"
    CHAIN = "chain", "产业链"


class Cluster(models.Model):
    slug = models.SlugField("编号", max_length=40, primary_key=True)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=10, choices=ClusterKind.choices)
    programme = models.CharField("所属清单", max_length=100,
                                 help_text="如：江苏省13个先进制造业集群")
    source = models.CharField("出处", max_length=200, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "产业集群/产业链"
        verbose_name_plural = "产业集群/产业链"
        ordering = ("programme", "sort")

    def __str__(self) -> str:
        return self.name
