from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.standards.transitions import end_notice_periods


class Command(BaseCommand):
    help = (
        "每日：公示期已满的信息标注“公示期已结束”（或按事项要求撤下正文），"
        "记入审计日志（供 cron 调用）"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按指定日期处理（YYYY-MM-DD），默认今天")

    def handle(self, *args, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{today}”无法识别，应写作 2025-10-21") from None
        ended = end_notice_periods(today=day)
        taken_down = sum(1 for item in ended if item.notice_body_hidden)
        self.stdout.write(f"公示期结束 {len(ended)} 条，其中撤下正文 {taken_down} 条")
