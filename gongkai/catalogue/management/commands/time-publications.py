from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.catalogue.timing import time_publications


class Command(BaseCommand):
    help = (
        "为已发布的政府信息记录逾期公开的工作日数（条例第二十六条），供工作台直接读取："
        "节假日安排有变的地区，本年度发布的信息重新计时；尚未计时的信息补记。"
        "可随时中断，再次运行从中断处继续"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按指定日期处理（YYYY-MM-DD），默认今天")
        parser.add_argument(
            "--all-years",
            action="store_true",
            help="补记所有年度尚未计时的信息（默认只补记本年度发布的）",
        )

    def handle(self, *args, today: str | None, all_years: bool, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{today}”无法识别，应写作 2026-12-06") from None
        timed = time_publications(day, all_years=all_years, say=self.stdout.write)
        self.stdout.write(f"共计时 {timed} 条")
