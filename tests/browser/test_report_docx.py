"""The generated DOCX opens cleanly in LibreOffice: converted headless to PDF, it has pages
and carries the report's title, every section title and table 三's labels."""

import subprocess
from datetime import date

import pytest

from gongkai.applications import transitions as at
from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.reports.render.docx import render_docx
from gongkai.statute.report_format import FORMAT_2021, SECTION_TITLES
from tests.applications.conftest import APPLICANT
from tests.conftest import LIBREOFFICE, enter_table_two

pytestmark = [pytest.mark.libreoffice, pytest.mark.django_db]


def test_libreoffice_converts_the_report_to_pdf(township, clerk, tmp_path):
    import pdfplumber

    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=date(2025, 3, 3),
        today=date(2025, 3, 3),
        **APPLICANT,
    )
    at.reply(
        application,
        by=clerk,
        on=date(2025, 3, 10),
        outcome="三（二）",
        text="部分公开",
        withheld=[{"what": "讨论记录", "ground": "三（三）6"}],
    )
    enter_table_two(township, clerk, 2025, fee="0.3", licences=1)
    document = build_document(rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5)))
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx(document))
    done = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "report.pdf") as pdf:
        pages = len(pdf.pages)
        # table cells wrap their labels over lines: compare without any whitespace
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert 2 <= pages <= 8
    assert document.title in text
    for number, title in SECTION_TITLES.items():
        assert f"{number}、{title}" in text
    for row in FORMAT_2021.tables["三"].blocks[0].rows:
        # a long label wraps, and its row's numbers interleave with the second line
        assert row.label[:10] in text, row.label
