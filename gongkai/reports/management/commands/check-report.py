import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.checker.check import (
    OUTCOME_WORDS,
    CheckedReport,
    Outcome,
    check_report,
    collect_reports,
    compare_years,
)
from gongkai.reports.checker.output import write_csv, write_json, write_text

WRITERS = {"text": write_text, "json": write_json, "csv": write_csv}


class Command(BaseCommand):
    help = (
        "核查已发布的政府信息公开工作年度报告（HTML、文本、DOCX、PDF、图片），列出不符合格式勾稽关系之处。"
        "退出状态：0 全部已核对且未发现问题；1 发现问题；2 有文件无法读取；3 有报告未能全部核对"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）")
        parser.add_argument("--format", choices=sorted(WRITERS), default="text", help="输出格式")
        parser.add_argument("--year", type=int, help="报告年度（无法从标题识别时指定）")

    def handle(self, *args, paths: list[str], format: str, year: int | None, **options):
        collected = collect_reports([Path(p) for p in paths])
        files, missing = collected.files, collected.missing
        if not files and not missing:
            raise CommandError(
                "没有找到可核查的报告文件（.html .pdf .docx 图片，或像年度报告的 .txt .md）"
                + (f"，跳过了 {len(collected.skipped)} 个其他文件" if collected.skipped else "")
            )
        reports = [CheckedReport(path, error="文件或文件夹不存在") for path in missing]
        reports += [check_report(path, year) for path in self._progress(files)]
        compare_years(reports)
        try:
            WRITERS[format](reports, self.stdout)
            self.stdout.flush()
        except BrokenPipeError:  # the reader (head, less) has gone; nothing more to say
            sys.stderr.close()
            sys.exit(1)
        if len(reports) > 1 or collected.skipped:
            self.stderr.write(summary(reports, len(collected.skipped)), ending="")
        sys.exit(exit_status(reports))

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


def summary(reports: list[CheckedReport], skipped: int) -> str:
    counts = {outcome: 0 for outcome in Outcome}
    for report in reports:
        counts[report.outcome] += 1
    with_problems = sum(1 for r in reports if r.problems)
    parts = "，".join(f"{OUTCOME_WORDS[o]} {n} 份" for o, n in counts.items())
    line = f"共 {len(reports)} 份报告：{parts}；其中 {with_problems} 份发现问题"
    if skipped:
        line += f"；跳过 {skipped} 个不是报告的文件"
    return line + "\n"


def exit_status(reports: list[CheckedReport]) -> int:
    """0 only when every report was checked in full and nothing was found."""
    if any(r.error for r in reports):
        return 2
    if any(r.problems for r in reports):
        return 1
    if any(r.outcome is not Outcome.CHECKED for r in reports):
        return 3
    return 0
