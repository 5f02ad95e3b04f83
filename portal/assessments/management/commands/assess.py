"""``manage.py assess [--stale]``: store every enterprise's ladder results (for lists)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from portal.assessments.services import population_assess


class Command(BaseCommand):
    help = "计算并保存企业的梯度评估结果（供企业列表筛选使用）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale", action="store_true",
                            help="只重算上次批量评估以来数据有变化的企业")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int, message: str) -> None:
            self.stdout.write(message)

        run = population_assess(only_stale=options["stale"], progress=progress)
        self.stdout.write(f"完成：评估 {run.enterprise_count} 户企业（评估日期 {run.on}）")
