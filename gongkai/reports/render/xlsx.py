"""The report's three tables in a workbook, one sheet each, headers merged as printed."""

from __future__ import annotations

from decimal import Decimal

from gongkai.reports.document import ReportDocument
from gongkai.reports.render import layout
from gongkai.reports.render.html import laid_out


def _number(text: str):
    if text == "":
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral() else float(value)


def write_table(sheet, top: int, laid: layout.LaidTable, width: int) -> int:
    """Write `laid` from row `top` (1-based); returns the next free row."""
    from openpyxl.styles import Alignment, Font

    has_labels = any(row.label for row in laid.rows)
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(laid.header):
        c = 1
        for cell in header_row:
            while (top + r, c) in taken:
                c += 1
            sheet.cell(top + r, c, cell.text).font = Font(bold=True)
            sheet.cell(top + r, c).alignment = Alignment(horizontal="center", wrap_text=True)
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=top + r,
                    start_column=c,
                    end_row=top + r + cell.rowspan - 1,
                    end_column=c + cell.colspan - 1,
                )
            taken |= {
                (top + r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            }
            c += cell.colspan
    row_number = top + len(laid.header)
    for row in laid.rows:
        column = 1
        if has_labels:
            sheet.cell(row_number, 1, row.label).alignment = Alignment(indent=row.level * 2)
            column = 2
        for index, value in enumerate(row.values):
            sheet.cell(row_number, column + index, _number(value))
        row_number += 1
    return row_number + 1


def render_xlsx(document: ReportDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gongkai.core.xlsx import workbook_bytes

    laid = laid_out(document)
    book = Workbook()
    sheets = []
    for index, number in enumerate(("二", "三", "四")):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = f"表{number}"
        title = dict((n, t) for n, t, _ in document.section_list)[number]
        sheet.cell(1, 1, f"{document.title} · {number}、{title}").font = Font(bold=True)
        sheet.column_dimensions["A"].width = 48 if number != "四" else 12
        sheets.append(sheet)
    row = 3
    for block in laid.two:
        row = write_table(sheets[0], row, block, len(block.header[-1]) - 1)
    write_table(sheets[1], 3, laid.three, 7)
    below = write_table(sheets[2], 3, laid.four, 15)
    sheets[2].cell(below, 1, document.table_four_note)
    return workbook_bytes(book)
