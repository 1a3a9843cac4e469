import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Agency
from gongkai.reports.document import ReportRefused, build_document, live_document
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.render import FORMATS, render


def current_document(agency: Agency, year: int):
    """The published version if there is one, else the draft, else counted from the records
    with the pre-filled narrative (nothing is saved)."""
    from gongkai.reports.document import count_tables
    from gongkai.reports.drafts import all_sections

    report = (
        AnnualReport.objects.filter(agency=agency, year=year, status=ReportStatus.PUBLISHED)
        .select_related("agency", "item")
        .first()
        or AnnualReport.objects.filter(agency=agency, year=year, status=ReportStatus.DRAFT)
        .select_related("agency")
        .first()
    )
    if report is not None:
        return build_document(report)
    tables, fee, _ = count_tables(agency, year)
    return live_document(agency, year, sections=all_sections(agency, year, tables, fee))


class Command(BaseCommand):
    help = "年度报告：build 生成 HTML、DOCX、PDF、XLSX 或 JSON；rollup 汇总下级机构（XLSX）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{build}")
        build = sub.add_parser(
            "build", help="生成一个机构一个年度的报告（已发布的取发布版本，否则按记录统计）"
        )
        build.add_argument("--agency", required=True, help="机构的索引号前缀")
        build.add_argument("--year", type=int, required=True)
        build.add_argument("--format", choices=sorted(FORMATS), default="html")
        build.add_argument("-o", "--output", help="输出文件（默认写到标准输出）")
        rollup = sub.add_parser("rollup", help="汇总所属机构的年度报告（XLSX），如全省、全县汇总")
        rollup.add_argument("--agency", required=True, help="上级机构的索引号前缀")
        rollup.add_argument("--year", type=int, required=True)
        rollup.add_argument("--tree", action="store_true", help="包括各级下级机构，而非仅直属机构")
        rollup.add_argument("-o", "--output", required=True, help="输出的 XLSX 文件")

    def handle(self, *args, action, agency, year, output, **options):
        found = Agency.objects.filter(index_prefix=agency).first()
        if found is None:
            raise CommandError(f"没有索引号前缀为“{agency}”的机构")
        if action == "rollup":
            return self.rollup(found, year, output, options["tree"])
        format = options["format"]
        try:
            document = current_document(found, year)
            _, _, data = render(document, format)
        except ReportRefused as error:
            raise CommandError(str(error)) from None
        if output:
            Path(output).write_bytes(data)
            blocking = len(document.blocking)
            self.stdout.write(
                f"已生成 {output}（{len(data):,} 字节）"
                + (f"；注意：报告有 {blocking} 处勾稽问题" if blocking else "")
            )
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def rollup(self, parent: Agency, year: int, output: str, whole_tree: bool) -> None:
        from django.utils import timezone

        from gongkai.reports.rollup import roll_up, rollup_xlsx

        if not parent.children.exists():
            raise CommandError(f"“{parent.name}”没有下级机构，无可汇总")
        result = roll_up(parent, year, timezone.localdate(), whole_tree=whole_tree)
        Path(output).write_bytes(rollup_xlsx(parent, result))
        self.stdout.write(
            f"已生成 {output}：{len(result.states):,} 个机构，已发布 {result.published:,}，"
            f"逾期 {result.late:,}，有勾稽问题 {result.broken:,}"
        )
