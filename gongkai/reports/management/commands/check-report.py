import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.checker.check import (
    CheckedReport,
    check_report,
    compare_years,
    report_files,
)
from gongkai.reports.checker.output import write_csv, write_json, write_text

WRITERS = {"text": write_text, "json": write_json, "csv": write_csv}


class Command(BaseCommand):
    help = (
        "核查已发布的政府信息公开工作年度报告（HTML、文本、DOCX、PDF），列出不符合格式勾稽关系之处"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）")
        parser.add_argument("--format", choices=sorted(WRITERS), default="text", help="输出格式")
        parser.add_argument("--year", type=int, help="报告年度（无法从标题识别时指定）")

    def handle(self, *args, paths: list[str], format: str, year: int | None, **options):
        files, missing = report_files([Path(p) for p in paths])
        if not files and not missing:
            raise CommandError("没有找到可核查的报告文件（.html .txt .md .docx .pdf）")
        reports = [CheckedReport(path, error="文件或文件夹不存在") for path in missing]
        reports += [check_report(path, year) for path in self._progress(files)]
        compare_years(reports)
        try:
            WRITERS[format](reports, self.stdout)
            self.stdout.flush()
        except BrokenPipeError:  # the reader (head, less) has gone; nothing more to say
            sys.stderr.close()
            sys.exit(1)
        if any(r.error for r in reports):
            sys.exit(2)
        if any(r.problems for r in reports):
            sys.exit(1)

    def _progress(self, files: list[Path]):
        if len(files) < 10 or not sys.stderr.isatty():
            yield from files
            return
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("核查报告", total=len(files))
            for path in files:
                yield path
                progress.advance(task)
