"""A report published as PDF: printed by chromium from a generated page, read back exactly."""

import pytest

from gongkai.reports.checker.check import check_report
from tests.reports import layouts

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_pdf_report_is_read_back_exactly(browser, tmp_path, seed):
    tables = layouts.seeded_tables(seed)
    page = browser.new_page()
    page.set_content(layouts.html(tables))
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    report = check_report(pdf)
    assert report.kind == "pdf"
    assert (report.agency, report.year) == ("测试市人民政府", 2023)
    assert report.tables["三"] == tables["三"]
    assert report.tables["四"] == tables["四"]
    assert report.tables["二"] == tables["二"]
    assert report.problems == []


def test_a_broken_pdf_report_is_caught(browser, tmp_path):
    tables = layouts.seeded_tables(4)
    tables["三"]["三（七）"][6] += 1
    page = browser.new_page()
    page.set_content(layouts.html(tables, with_narrative=False))
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf))
    page.close()
    rules = sorted((f.rule, f.column) for f in check_report(pdf).problems)
    assert rules == [("I1", "总计"), ("I2", "（七）总计"), ("I3", "总计")] or rules == [
        ("I1", "总计"),
        ("I2", "总计"),
        ("I3", "总计"),
    ]
