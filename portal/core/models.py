"""Progress of long background work, stored so any page can show it."""

from __future__ import annotations

from django.db import models


class TaskProgress(models.Model):
    task_id = models.CharField("任务编号", max_length=64, unique=True)
    title = models.CharField("任务", max_length=200, blank=True)
    done = models.PositiveBigIntegerField("已完成", default=0)
    total = models.PositiveBigIntegerField("总量", null=True, blank=True)
    message = models.CharField("当前进展", max_length=500, blank=True)
    finished = models.BooleanField("已结束", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "后台任务进度"
        verbose_name_plural = "后台任务进度"

    def __str__(self) -> str:
        return f"{self.title or self.task_id}：{self.percent_label}"

    @property
    def percent_label(self) -> str:
        if not self.total:
            return f"{self.done}"
        return f"{self.done * 100 // self.total}%（{self.done}/{self.total}）"
