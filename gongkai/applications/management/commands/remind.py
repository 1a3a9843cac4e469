from datetime import date

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications.deadline_sweep import refresh_open_deadlines, reminders
from gongkai.core.calendar import current_calendar


class Command(BaseCommand):
    help = "每日提醒：重算答复期限，邮件提醒经办人3个工作日内到期和已超期的申请（供 cron 调用）"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{today}”无法识别，应写作 2024-10-21") from None
        calendar = current_calendar()
        refresh_open_deadlines(calendar=calendar, today=day)
        sent = 0
        for clerk, items in reminders(calendar=calendar, today=day).items():
            lines = "\n".join(item.line for item in items)
            self.stdout.write(f"{clerk}：{len(items)} 件\n{lines}")
            if clerk.email:
                send_mail(
                    f"依申请公开提醒：{len(items)} 件申请即将到期或已超期",
                    lines,
                    None,
                    [clerk.email],
                )
                sent += 1
        self.stdout.write(f"已向 {sent} 位经办人发送提醒邮件")
