"""The report as an official-looking DOCX: centred title, the six sections in order, the
three tables with merged header cells as the format prints them."""

from __future__ import annotations

import io

from gongkai.reports.document import ReportDocument
from gongkai.reports.render import layout
from gongkai.reports.render.html import laid_out

FONT = "宋体"
TEXT_WIDTH = 15_800 * 360  # A4 less 2.6 cm margins each side, in EMU (1 cm = 360,000)


def _set_font(run, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # CJK text uses the eastAsia font
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _table(doc, laid: layout.LaidTable, width: int) -> None:
    """Header rows with their spans, then one row per format row (group rows merged)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    has_labels = any(row.label for row in laid.rows)
    columns = width + (1 if has_labels else 0)
    table = doc.add_table(rows=len(laid.header) + len(laid.rows), cols=columns)
    table.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(laid.header):
        c = 0
        for cell in header_row:
            while (r, c) in taken:
                c += 1
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            target.text = cell.text
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    for offset, row in enumerate(laid.rows):
        r = len(laid.header) + offset
        cells = table.rows[r].cells
        start = 0
        if has_labels:
            indent = "　" * row.level
            cells[0].text = indent + row.label
            start = 1
        if row.group:
            cells[start].merge(cells[columns - 1])
            continue
        for index, value in enumerate(row.values):
            cells[start + index].text = value
            cells[start + index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _widths(table, has_labels, columns)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    _set_font(run, 9)


def _widths(table, has_labels: bool, columns: int) -> None:
    """A wide label column and equal narrow number columns across the text width, so a
    label wraps as the printed format's does rather than one character per line."""
    from docx.shared import Cm

    label = Cm(6.2) if has_labels else Cm(0)
    number = (TEXT_WIDTH - label) / (columns - (1 if has_labels else 0))
    table.autofit = False
    for index, column in enumerate(table.columns):  # the grid LibreOffice lays out by
        column.width = label if has_labels and index == 0 else int(number)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = label if has_labels and index == 0 else int(number)


def render_docx(document: ReportDocument) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = docx.Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(title.add_run(document.title), 16, bold=True)
    byline = doc.add_paragraph()
    byline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = [document.agency_name]
    if document.published_on:
        parts.append(
            f"{document.published_on.year}年{document.published_on.month}月"
            f"{document.published_on.day}日"
        )
    if document.number:
        parts.append(document.number)
    if document.index_number:
        parts.append(f"索引号 {document.index_number}")
    _set_font(byline.add_run("　".join(parts)), 11)
    # the same notices as the HTML and PDF (reports/standalone.html): which version this is
    # and, for a corrected version, what was corrected
    notices = []
    if document.status == "draft":
        notices.append("草稿（未发布）")
    elif document.status == "superseded":
        notices.append("本版本已被更正版本替代")
    if document.correction_note:
        notices.append(f"更正说明：{document.correction_note}")
    for notice in notices:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(paragraph.add_run(notice), 11, bold=True)
    laid = laid_out(document)
    for number, section_title, text in document.section_list:
        heading = doc.add_paragraph()
        _set_font(heading.add_run(f"{number}、{section_title}"), 12, bold=True)
        for line in (text or "").splitlines():
            if line.strip():
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(22)
                _set_font(paragraph.add_run(line.strip()), 11)
        if number == "二":
            for block in laid.two:
                _table(doc, block, len(block.header[-1]) - 1)
                doc.add_paragraph()
        elif number == "三":
            _table(doc, laid.three, 7)
        elif number == "四":
            _table(doc, laid.four, 15)
            _set_font(doc.add_paragraph().add_run(document.table_four_note), 9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
