from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.interaction.retention import SHORTEST_MONTHS, due_for_removal, remove_askers


class Command(BaseCommand):
    help = (
        "删除答复已满保存期限的留言中留言人的姓名和联系方式（留言、答复和统计数字保留；"
        "默认期限见 MESSAGE_ASKER_MONTHS）"
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="保存期限（月）")
        parser.add_argument("--today", help="以哪一天为准（默认今天），如 2030-01-01")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不修改")

    def handle(self, *args, months, today, dry_run, **options):
        months = months if months is not None else settings.MESSAGE_ASKER_MONTHS
        if months < SHORTEST_MONTHS:
            raise CommandError(
                f"保存期限至少为 {SHORTEST_MONTHS} 个月（《行政诉讼法》第四十六条的起诉期限）"
            )
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{today}”无法识别，应写作 2030-01-01") from None
        if dry_run:
            count = due_for_removal(day, months).count()
            self.stdout.write(
                f"答复已满 {months} 个月、待删除留言人信息的留言：{count} 条（未修改）"
            )
            return
        count = remove_askers(day, months)
        self.stdout.write(f"已删除答复满 {months} 个月的 {count} 条留言中的留言人信息")
