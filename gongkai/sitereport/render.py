"""The 年度报表 as HTML rows, DOCX and CSV — one row list, in the format's order, for every
renderer, and the sign-off under the table (format.FOOTER) the same way for each. `render_*`
return (filename, content_type, bytes) as the reports' renderers do."""

from __future__ import annotations

import io
from dataclasses import dataclass

from gongkai.sitereport.compute import Cell, compute
from gongkai.sitereport.format import BLOCKS, FIELDS, TITLE
from gongkai.sitereport.models import ReportStatus, SiteReport

STAFF_MARK = "人工填报"
COMPUTED_MARK = "系统统计"


def cells_of(report: SiteReport) -> dict[str, Cell]:
    """As published (frozen), or — for a draft — from the records now."""
    if report.status == ReportStatus.PUBLISHED:
        return {
            f.key: Cell(
                f.key,
                report.published_cells[f.key]["value"],
                report.published_cells[f.key]["staff"],
            )
            for f in FIELDS
        }
    return compute(report.agency, report.year, report.staff_values)


@dataclass(frozen=True)
class Row:
    block: str
    group: str
    label: str
    value: str
    staff: bool
    key: str
    first_of_block: bool
    block_rows: int


def shown(value) -> str:
    return "" if value is None else str(value)


def rows(cells: dict[str, Cell]) -> list[Row]:
    out = []
    for block in BLOCKS:
        fields = [f for f in FIELDS if f.block == block]
        for i, f in enumerate(fields):
            cell = cells[f.key]
            out.append(
                Row(
                    block,
                    f.group,
                    f.full_label,
                    shown(cell.value),
                    cell.staff,
                    f.key,
                    i == 0,
                    len(fields),
                )
            )
    return out


def title_of(report: SiteReport) -> str:
    return f"{TITLE}（{report.year}年度）"


def render_csv(report: SiteReport) -> tuple[str, str, bytes]:
    """One line per cell in the 报送系统's order: 板块, 分项, 指标, 数值, 填报方式."""
    from defusedcsv import csv as safe_csv

    out = io.StringIO()
    writer = safe_csv.writer(out)
    writer.writerow(["板块", "分项", "指标", "数值", "填报方式"])
    for row in rows(cells_of(report)):
        writer.writerow(
            [row.block, row.group, row.label, row.value, STAFF_MARK if row.staff else COMPUTED_MARK]
        )
    # the sign-off last, after 创新发展 (format.py: this position is not verified)
    for signed in report.sign_off():
        writer.writerow(
            ["", "", signed.label, signed.value, STAFF_MARK if signed.staff else COMPUTED_MARK]
        )
    data = ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel reads it as UTF-8
    return f"{report.agency.name}{report.year}年度{TITLE}.csv", "text/csv; charset=utf-8", data


def _font(run, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = "宋体"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    run.font.size = Pt(size)
    run.bold = bold


def render_docx(report: SiteReport) -> tuple[str, str, bytes]:
    """The table as published sites print it: 板块 | 指标 | 数值, blocks merged down."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = docx.Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title_of(report)), 16, bold=True)
    byline = doc.add_paragraph()
    _font(byline.add_run(f"填报单位：{report.agency.name}"), 11)
    if report.status != ReportStatus.PUBLISHED:
        _font(doc.add_paragraph().add_run("草稿（未发布）"), 11, bold=True)
    all_rows = rows(cells_of(report))
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    start = None
    for row in all_rows:
        cells = table.add_row().cells
        label = f"{row.group}·{row.label}" if row.group else row.label
        for cell, text in ((cells[1], label), (cells[2], row.value)):
            _font(cell.paragraphs[0].add_run(text), 10.5)
        if row.first_of_block:
            start = cells[0]
            _font(start.paragraphs[0].add_run(row.block), 10.5, bold=True)
        elif start is not None:
            start = start.merge(cells[0])
    # the sign-off under the table, on one line as the published tables print it
    signed = doc.add_paragraph()
    _font(
        signed.add_run("　".join(f"{s.label}：{s.value}" for s in report.sign_off())),
        10.5,
    )
    out = io.BytesIO()
    doc.save(out)
    return (
        f"{report.agency.name}{report.year}年度{TITLE}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        out.getvalue(),
    )
