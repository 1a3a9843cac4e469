"""The report of a 人民政府: section 一（五） carries 工作考核、社会评议和责任追究结果情况
(条例第五十条第四项) and section 六 the government items of the 2021 format; a county
department's report does not. Table 四's counting reading (spec/annual-report.md: a case is
counted by the agency whose decision is challenged, not by the reconsideration body) is
printed under the table in every format."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User
from gongkai.core.transitions import TransitionError
from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.statute.report_format import TABLE_FOUR_NOTE
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
OVERSIGHT = "县政务公开办年度考核结果为良好；开展群众评议1次；未发生责任追究情况。"


def warnings(report, rule):
    return [f for f in build_document(report).findings if f.rule == rule]


def test_a_government_cannot_enter_its_figures_without_the_oversight_results(township, clerk):
    with pytest.raises(TransitionError, match="条例第五十条第四项"):
        enter_table_two(township, clerk, 2025, oversight=" ")


def test_a_township_report_carries_the_oversight_results_in_one_five(township, clerk):
    enter_table_two(township, clerk, 2025, oversight=OVERSIGHT)
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    lines = report.section_one.splitlines()
    five = lines.index("（五）监督保障")
    assert lines[five + 2] == f"工作考核、社会评议和责任追究结果情况：{OVERSIGHT}"
    assert warnings(report, "G1") == []


def test_a_draft_started_before_the_figures_quotes_them_once_entered(township, clerk):
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    assert "工作考核" not in report.section_one
    assert [f.severity for f in warnings(report, "G1")] == ["warning"]
    enter_table_two(township, clerk, 2025, oversight=OVERSIGHT)
    report.refresh_from_db()
    assert f"工作考核、社会评议和责任追究结果情况：{OVERSIGHT}" in report.section_one
    assert warnings(report, "G1") == []
    # entered again, the line is replaced, not repeated
    enter_table_two(township, clerk, 2025, oversight="考核优秀。")
    report.refresh_from_db()
    assert report.section_one.count("工作考核、社会评议和责任追究结果情况") == 1
    assert "工作考核、社会评议和责任追究结果情况：考核优秀。" in report.section_one


def test_section_six_of_a_government_names_the_government_items(township, clerk):
    from gongkai.standards.workpoints import enter_proposal_figures

    enter_table_two(township, clerk, 2025, oversight=OVERSIGHT)
    enter_proposal_figures(
        township,
        2025,
        by=clerk,
        suggestions=3,
        proposals=2,
        results_published=5,
        source="镇人大主席团、政协联络组台账",
    )
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    assert (
        "人大代表建议和政协提案办理结果公开情况：本年办理人大代表建议3件、政协提案2件，"
        "公开办理结果5件。"
    ) in report.section_six
    assert "人大代表建议3件" not in report.section_one  # a government reports them in 六
    # nothing recorded for the 工作要点 and the innovations: the clerk is told what is missing
    missing = [f.message for f in warnings(report, "G2")]
    assert len(missing) == 2
    assert "落实上级年度政务公开工作要点情况" in missing[0]
    assert "年度政务公开工作创新情况" in missing[1]


def test_a_county_department_reports_neither(county, clerk):
    department = Agency.objects.create(
        name="云岭县民政局",
        level=AgencyLevel.COUNTY_DEPARTMENT,
        parent=county,
        index_prefix="012345679",
    )
    Membership.objects.create(user=clerk, agency=department, role=Role.CLERK)
    enter_table_two(department, clerk, 2025, oversight="")
    report = rt.start_report(department, 2025, by=clerk, today=date(2026, 1, 5))
    assert "工作考核" not in report.section_one
    assert warnings(report, "G1") == warnings(report, "G2") == []


def build(township, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "build",
        "--agency",
        township.index_prefix,
        "--year",
        "2025",
        "--format",
        fmt,
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return out


def test_table_four_prints_its_counting_reading_under_the_table_in_every_format(
    township, clerk, tmp_path
):
    import docx
    import pdfplumber
    from openpyxl import load_workbook

    enter_table_two(township, clerk, 2025, oversight=OVERSIGHT)
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    rt.publish_report(report, by=User.objects.get(username="shenhe"), on=date(2026, 1, 20))
    assert "不计入复议机关" in TABLE_FOUR_NOTE  # the spec's counting rule, in Chinese

    html = build(township, "html", tmp_path).read_text()
    table_four = html.index("四、政府信息公开行政复议、行政诉讼情况")
    note = html.index(TABLE_FOUR_NOTE)
    assert table_four < html.index("</table>", table_four) < note < html.index("五、存在")

    document = docx.Document(build(township, "docx", tmp_path))
    body = [child.tag.rsplit("}", 1)[-1] for child in document.element.body]
    texts = [p.text for p in document.paragraphs]
    assert TABLE_FOUR_NOTE in texts
    # the note is the paragraph straight after the last table (table 四)
    last_table = len(body) - 1 - body[::-1].index("tbl")
    from docx.text.paragraph import Paragraph

    after = Paragraph(document.element.body[last_table + 1], document)
    assert after.text == TABLE_FOUR_NOTE

    with pdfplumber.open(build(township, "pdf", tmp_path)) as pdf:
        text = "".join((page.extract_text() or "").replace("\n", "") for page in pdf.pages)
    assert TABLE_FOUR_NOTE[:40] in text
    assert text.index("四、政府信息公开行政复议") < text.index("计数口径") < text.index("五、存在")

    sheet = load_workbook(build(township, "xlsx", tmp_path))["表四"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert cells[-1] == TABLE_FOUR_NOTE

    data = json.loads(build(township, "json", tmp_path).read_text())
    assert data["table_notes"] == {"四": TABLE_FOUR_NOTE}
