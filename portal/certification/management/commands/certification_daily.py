"""`manage.py certification_daily [--on YYYY-MM-DD]`: run the daily reminders (idempotent;
schedule it once a day, e.g. from cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from portal.certification.reminders import send_daily_reminders

LABELS = {"review_steps": "审核截止提醒", "corrections": "补正期限提醒",
          "expert_reviews": "专家评审提醒", "title_expiry": "称号到期提醒"}


class Command(BaseCommand):
    help = "发送认定流程的每日提醒（审核、补正、专家评审截止前 3 天；称号到期前 90 天和 30 天）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="按哪一天计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["on"]) if options["on"] else \
                timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{options['on']}”格式不正确，应为 YYYY-MM-DD。") from None
        counts = send_daily_reminders(day)
        for key, count in counts.items():
            self.stdout.write(f"{LABELS[key]}：{count} 条")
