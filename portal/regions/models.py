"""The region tree: province → city → district/zone → town/street."""

from __future__ import annotations

from django.db import models


class RegionKind(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "设区市"
    DISTRICT = "district", "市辖区"
    COUNTY = "county", "县"
    COUNTY_CITY = "county_city", "县级市"
    ZONE = "zone", "开发区/功能区"
    TOWN = "town", "镇/街道/区镇"


class Region(models.Model):
    code = models.CharField("区划代码", max_length=12, primary_key=True)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级区域", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    official = models.BooleanField(
        "国标代码", default=True, help_text="是否为 GB/T 2260 正式代码；否则为本平台自定代码"
    )
    # Materialised path of codes ("320000/320500/320509/") so subtree filters are one LIKE query.
    path = models.CharField("路径", max_length=200, db_index=True, editable=False)
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "区域"
        verbose_name_plural = "区域"
        ordering = ("path",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        # The path is derived data; keeping it in save() guarantees admin edits stay consistent.
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]
