import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency
from gongkai.inspection.findings import Severity
from gongkai.inspection.links import ExternalChecker
from gongkai.inspection.output import RENDERERS
from gongkai.inspection.selfcheck import agencies_under, run


class Command(BaseCommand):
    help = "网站自查：按国办秘函〔2019〕19号指标检查政府信息公开栏目（适合每晚由 cron 运行）"

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="机构的索引号前缀；不填则检查全部机构")
        parser.add_argument("--tree", action="store_true", help="连同其下级机构一起检查")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="text")
        parser.add_argument(
            "--no-external", action="store_true", help="不访问外部网站（只检查站内链接）"
        )
        parser.add_argument("--today", help="按哪一天检查（YYYY-MM-DD），默认今天")
        parser.add_argument("-o", "--output", help="写入文件而不是标准输出")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today 应为 YYYY-MM-DD 格式的日期") from None
        today = today or timezone.localdate()
        try:
            agencies = agencies_under(options["agency"], tree=options["tree"])
        except Agency.DoesNotExist:
            raise CommandError(f"没有索引号前缀为 {options['agency']} 的机构") from None
        external = None if options["no_external"] else ExternalChecker()
        result = run(agencies, today=today, calendar=current_calendar(), external=external)
        text = RENDERERS[options["format"]](result)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                out.write(text)
        else:
            self.stdout.write(text, ending="")
        # cron mails what a job prints to standard error and notices its exit status: a
        # single-veto finding fails the site, so it fails the run too.
        vetoes = sum(1 for f in result.findings if f.severity is Severity.VETO)
        if vetoes:
            self.stderr.write(f"发现 {vetoes} 条单项否决问题")
            sys.exit(1)
