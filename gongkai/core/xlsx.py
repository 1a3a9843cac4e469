"""Every spreadsheet gongkai writes is saved through this module, so that no text a clerk, an
applicant or an imported file typed can run as a formula when the XLSX is opened or edited.

Text that starts with = + - @ (or a tab or carriage return, which Excel skips before it looks)
is written as text with Excel's "quote prefix" (what typing ' before it does): shown as typed,
never evaluated, not even after the cell is edited. The CSV exports have the same rule through
defusedcsv. openpyxl alone would store "=HYPERLINK(…)" as a live formula.

Ordinary workbooks: build them as usual and call workbook_bytes(book). Write-only workbooks
(the province-scale library) cannot be walked afterwards: add their rows with row(sheet, …).
"""

from __future__ import annotations

import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _as_text(cell) -> None:
    cell.data_type = "s"  # openpyxl made "=…" a formula ("f"); the value itself is kept
    cell.quotePrefix = True


def row(sheet, values) -> list:
    """A row for a write-only sheet's append(), formula-like text wrapped as text cells."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        if formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            _as_text(cell)
            value = cell
        out.append(value)
    return out


def workbook_bytes(book) -> bytes:
    """The workbook as XLSX bytes, every formula-like text cell written as text first."""
    if not book.write_only:
        for sheet in book.worksheets:
            for cells in sheet.iter_rows():
                for cell in cells:
                    if formula_like(cell.value):
                        _as_text(cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
