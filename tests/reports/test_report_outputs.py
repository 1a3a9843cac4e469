"""The demo township's report for its demo year, built in every format by the real command,
holds every identity, and its numbers match the demo records counted here independently.
Our own HTML and DOCX are then read back by the published-report checker (issue 6)."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications.demo import DEMO_YEAR
from gongkai.applications.models import Appeal, Application
from gongkai.core.models import User
from gongkai.reports import transitions as rt
from gongkai.reports.checker.check import check_report
from gongkai.statute.report_format import FORMAT_2021, SECTION_TITLES
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
COLUMNS = ["natural", "business", "research", "charity", "legal", "other"]


@pytest.fixture
def published(demo_records, township, clerk):
    enter_table_two(
        township, clerk, DEMO_YEAR, fee="1.2500", licences=12, penalties=3, enforcement=1
    )
    report = rt.start_report(township, DEMO_YEAR, by=clerk, today=date(2026, 1, 10))
    return rt.publish_report(report, by=User.objects.get(username="shenhe"), on=date(2026, 1, 20))


def build(township, fmt, tmp_path) -> Path:
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "build",
        "--agency",
        township.index_prefix,
        "--year",
        str(DEMO_YEAR),
        "--format",
        fmt,
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return out


def by_column(queryset) -> list[int]:
    counts = [queryset.filter(applicant_type=c).count() for c in COLUMNS]
    return [*counts, sum(counts)]


def test_every_format_builds_and_the_json_matches_the_records(published, township, tmp_path):
    import jsonschema

    from gongkai.reports.render.json import SCHEMA

    data = json.loads(build(township, "json", tmp_path).read_text())
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["agency"] == {"name": township.name, "prefix": township.index_prefix}
    assert (data["year"], data["format"], data["status"]) == (DEMO_YEAR, "2021", "published")
    assert [s["number"] for s in data["sections"]] == list(SECTION_TITLES)
    assert [s["title"] for s in data["sections"]] == list(SECTION_TITLES.values())
    three = data["tables"]["三"]
    assert three["columns"] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    block = FORMAT_2021.tables["三"].blocks[0]
    assert [r["label"] for r in three["rows"]] == [r.label for r in block.value_rows]
    rows = {r["label"]: r["values"] for r in three["rows"]}
    # counted independently of reports/compute.py, straight from the application records
    mine = Application.objects.filter(agency=township)
    assert rows["一、本年新收政府信息公开申请数量"] == by_column(
        mine.filter(received_on__year=DEMO_YEAR)
    )
    assert rows["（七）总计"] == by_column(mine.filter(concluded_on__year=DEMO_YEAR))
    assert rows["四、结转下年度继续办理"] == by_column(
        mine.filter(received_on__year=DEMO_YEAR, concluded_on__isnull=True)
        | mine.filter(received_on__year=DEMO_YEAR, concluded_on__year__gt=DEMO_YEAR)
    )
    appeals = Appeal.objects.filter(application__agency=township, filed_on__year=DEMO_YEAR)
    four = data["tables"]["四"]["rows"][0]["values"]
    assert four[4] == appeals.filter(kind="reconsideration").count()
    two = {r["label"]: r["values"] for b in data["tables"]["二"]["blocks"] for r in b["rows"]}
    assert two["行政规范性文件"] == [2, 1, 3] and two["行政事业性收费"] == [1.25]
    assert [f for f in data["findings"] if f["severity"] == "finding"] == []
    assert data["index_number"] == "012345671/2026-00001"


def test_the_checker_reads_our_html_and_docx_back_exactly(published, township, tmp_path):
    from gongkai.reports.document import build_document

    tables = build_document(published).tables
    for fmt in ("html", "docx"):
        checked = check_report(build(township, fmt, tmp_path))
        assert (checked.agency, checked.year) == (township.name, DEMO_YEAR), fmt
        assert checked.tables["三"] == tables["三"], fmt
        assert checked.tables["四"] == tables["四"], fmt
        assert checked.problems == [], fmt


def test_xlsx_docx_and_pdf_carry_the_tables(published, township, tmp_path):
    import docx
    import pdfplumber
    from openpyxl import load_workbook

    book = load_workbook(build(township, "xlsx", tmp_path))
    assert book.sheetnames == ["表二", "表三", "表四"]
    labels = [row[0] for row in book["表三"].iter_rows(values_only=True)]
    assert "（七）总计" in labels and "四、结转下年度继续办理" in labels
    document = docx.Document(build(township, "docx", tmp_path))
    assert len(document.tables) == 6  # four blocks of table 二, table 三, table 四
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(f"{n}、{title}" in text for n, title in SECTION_TITLES.items())
    with pdfplumber.open(build(township, "pdf", tmp_path)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert f"{township.name}{DEMO_YEAR}年政府信息公开工作年度报告" in text
    assert "收到和处理政府信息公开申请情况" in text and "012345671/2026-00001" in text


def test_without_a_chinese_font_the_pdf_is_refused_with_the_package_to_install(
    township, monkeypatch, tmp_path
):
    from gongkai.reports.render import pdf

    monkeypatch.setattr(pdf, "cjk_font_installed", lambda: False)
    with pytest.raises(CommandError, match="fonts-noto-cjk"):
        build(township, "pdf", tmp_path)
    assert not (tmp_path / "report.pdf").exists()


def test_the_command_explains_bad_input(township, tmp_path):
    with pytest.raises(CommandError, match="没有索引号前缀"):
        call_command("report", "build", "--agency", "999999999", "--year", "2025")
    with pytest.raises(CommandError, match="试行格式"):
        build_year = ["report", "build", "--agency", township.index_prefix, "--year", "2020"]
        call_command(*build_year, "-o", str(tmp_path / "x.html"), stdout=io.StringIO())
