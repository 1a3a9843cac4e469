from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications.retention import (
    anonymise,
    due_for_anonymising,
    sweep_orphaned_files,
)


class Command(BaseCommand):
    help = "匿名化办结超过保存年限的申请中的申请人个人信息（默认年限见 RETENTION_YEARS）"

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="保存年限（年）")
        parser.add_argument("--today", help="以哪一天为准（默认今天），如 2030-01-01")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不修改")

    def handle(self, *args, years, today, dry_run, **options):
        years = years if years is not None else settings.RETENTION_YEARS
        if years < 1:
            raise CommandError("保存年限至少为 1 年")
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{today}”无法识别，应写作 2030-01-01") from None
        if dry_run:
            count = due_for_anonymising(day, years).count()
            self.stdout.write(f"办结超过 {years} 年、待匿名化的申请：{count} 件（未修改）")
            return
        count = anonymise(day, years)
        self.stdout.write(f"已匿名化办结超过 {years} 年的申请 {count} 件")
        swept = sweep_orphaned_files()
        if swept:
            self.stdout.write(f"已删除无申请对应的残留上传文件 {swept} 个")
