"""Consistent tables rendered by the project's own renderers (HTML, DOCX, PDF by WeasyPrint),
and printed to PDF by Chromium and LibreOffice, are read back exactly; one changed cell is
found in every one of them (issue 16). The real samples give the same findings from their
original, from a Chromium print and from a LibreOffice DOCX conversion."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.checker.check import check_report

from . import layouts
from .conftest import SAMPLES, requires_samples, sample_names
from .test_layouts import expected_breaks

FEW = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ROWS = [r.key for r in layouts.BLOCK_THREE.value_rows]


def check_bytes(tmp_path, data: bytes, suffix: str):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    return check_report(path)


def assert_read_exactly(report, tables):
    for number in ("二", "三", "四"):
        assert report.tables[number] == tables[number], number
    assert report.problems == []
    assert report.outcome_text == "已核对"


def broken(tables, row: str, column: int, by: int):
    tables = copy.deepcopy(tables)
    tables["三"][row][column] += by
    return tables


def found_breaks(report):
    return {(f.rule, f.row if f.rule == "I2" else f.column) for f in report.problems}


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
@FEW
@given(tables=layouts.consistent_tables())
def test_the_projects_own_renderings_are_read_back_exactly(tmp_path, kind, tables):
    report = check_bytes(tmp_path, layouts.rendered(tables, kind), f".{kind}")
    assert (report.agency, report.year) == ("测试市人民政府", 2023)
    assert_read_exactly(report, tables)


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
@FEW
@given(
    tables=layouts.consistent_tables(),
    row=st.sampled_from(ROWS),
    column=st.integers(0, 6),
    by=st.integers(1, 9),
)
def test_one_changed_cell_is_found_in_the_projects_renderings(
    tmp_path, kind, tables, row, column, by
):
    changed = broken(tables, row, column, by)
    report = check_bytes(tmp_path, layouts.rendered(changed, kind), f".{kind}")
    assert report.tables["三"] == changed["三"]
    assert found_breaks(report) - {("X1", "总计")} == expected_breaks(row, column)


@pytest.mark.parametrize("kind", ["pdf"])
@FEW
@given(tables=layouts.consistent_tables(), data=st.data())
def test_blank_cells_in_a_pdf_stay_blank_in_their_own_column(tmp_path, kind, tables, data):
    row = data.draw(st.sampled_from(ROWS))
    column = data.draw(st.integers(0, 5))
    tables["三"][row][column] = None
    report = check_bytes(tmp_path, layouts.rendered(tables, kind), f".{kind}")
    assert report.tables["三"][row] == tables["三"][row]


@pytest.mark.browser
@FEW
@given(tables=layouts.consistent_tables(), row=st.sampled_from(ROWS), column=st.integers(0, 6))
def test_a_page_printed_to_pdf_by_chromium_is_read_exactly_and_a_changed_cell_found(
    tmp_path, tables, row, column
):
    page = tmp_path / "page.html"
    page.write_text(layouts.html(tables), encoding="utf-8")
    assert_read_exactly(check_bytes(tmp_path, layouts.chromium_pdf(page, tmp_path), ".pdf"), tables)
    changed = broken(tables, row, column, 3)
    page.write_text(layouts.html(changed, with_narrative=False), encoding="utf-8")
    report = check_bytes(tmp_path, layouts.chromium_pdf(page, tmp_path), ".pdf")
    assert found_breaks(report) == expected_breaks(row, column)


@pytest.mark.libreoffice
@FEW
@given(tables=layouts.consistent_tables(), row=st.sampled_from(ROWS), column=st.integers(0, 6))
def test_the_projects_docx_printed_to_pdf_by_libreoffice_is_read_exactly(
    tmp_path, tables, row, column
):
    source = tmp_path / "report.docx"
    source.write_bytes(layouts.rendered(tables, "docx"))
    pdf = layouts.libreoffice_convert(source, tmp_path, "pdf")
    assert_read_exactly(check_bytes(tmp_path, pdf, ".pdf"), tables)
    source.write_bytes(layouts.rendered(broken(tables, row, column, 2), "docx"))
    report = check_bytes(tmp_path, layouts.libreoffice_convert(source, tmp_path, "pdf"), ".pdf")
    assert found_breaks(report) - {("X1", "总计")} == expected_breaks(row, column)


def findings_of(report):
    return sorted((f.rule, f.table, f.row, f.column, f.expected, f.found) for f in report.problems)


@requires_samples
@pytest.mark.browser
@pytest.mark.parametrize("name", [n for n in sample_names() if n.endswith(".html")])
def test_a_real_html_sample_printed_by_chromium_gives_the_same_findings(tmp_path, name):
    original = check_report(SAMPLES / name)
    printed = check_bytes(tmp_path, layouts.chromium_pdf(SAMPLES / name, tmp_path), ".pdf")
    assert findings_of(printed) == findings_of(original)
    assert printed.tables == original.tables


@requires_samples
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sample_names())
def test_a_real_sample_converted_to_docx_by_libreoffice_gives_the_same_findings(tmp_path, name):
    original = check_report(SAMPLES / name)
    converted = layouts.libreoffice_convert(SAMPLES / name, tmp_path, "docx")
    report = check_bytes(tmp_path, converted, ".docx")
    assert findings_of(report) == findings_of(original)
    assert report.tables == original.tables
