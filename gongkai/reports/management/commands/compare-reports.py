import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.checker.compare import compare_paths, docx_bytes, write_json, write_text
from gongkai.statute.report_identities import Severity


class Command(BaseCommand):
    help = (
        "逐年对照同一机关的政府信息公开工作年度报告：上年结转与上年结转下年度是否一致、各项数字的变化、"
        "第五部分是否照搬上年。退出状态：0 未发现问题；1 发现问题；2 无法对照"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="上年和本年的报告，或存放多年报告的文件夹"
        )
        parser.add_argument(
            "--format", choices=("text", "json", "docx"), default="text", help="输出格式"
        )
        parser.add_argument("--output", help="DOCX 输出文件（--format docx 时必填）")

    def handle(self, *args, paths: list[str], format: str, output: str | None, **options):
        comparisons, problems = compare_paths([Path(p) for p in paths])
        for problem in problems:
            self.stderr.write(problem)
        if not comparisons:
            raise CommandError("没有可以对照的两年报告（需要同一机关相邻或不同年度的两份报告）")
        if format == "docx":
            if not output:
                raise CommandError("--format docx 需要 --output 文件名")
            Path(output).write_bytes(docx_bytes(comparisons))
            self.stdout.write(f"已写入 {output}")
        else:
            (write_json if format == "json" else write_text)(comparisons, self.stdout)
        found = any(f.severity is not Severity.NOTE for c in comparisons for f in c.findings)
        sys.exit(1 if found else 0)
