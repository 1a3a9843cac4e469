"""The annual report's life: a draft counted from the records, table 二's figures entered
with their source, validation on every save, publication frozen with an 索引号 in the 年报
column, a corrected version superseding the first. Expected table 二 figures are counted by
hand from the demo's normative documents (gongkai/catalogue/demo.py NORMATIVE)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications.demo import DEMO_YEAR
from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.models import AuditEntry, User
from gongkai.core.transitions import TransitionError
from gongkai.portal.column import column_items
from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.statute.catalogue_subjects import ANNUAL_REPORTS
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)


@pytest.fixture
def demo(demo_records, township):
    return township


def figures(agency, clerk, year=DEMO_YEAR):
    return enter_table_two(agency, clerk, year, fee="1.25", licences=12, penalties=3)


def test_table_two_counts_normative_documents_by_year(demo, clerk):
    """2025: made 2 (临时救助实施细则, 资产管理办法（修订）); repealed 1 (the 2023 办法, on
    30 June 2025); in force on 31 December 3 (the 2024 筹资筹劳办法 and the two of 2025 —
    the 2024 秸秆禁烧规定 expired on 31 October). 2024: made 2, repealed 0, in force 3."""
    figures(demo, clerk)
    document = build_document(rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY))
    two = document.tables["二"]
    assert two["行政规范性文件"] == [2, 1, 3]
    assert two["规章"] == [0, 0, 0]
    assert two["行政许可"] == [12] and two["行政事业性收费"] == [Decimal("1.25")]
    assert build_document(rt.start_report(demo, 2024, by=clerk, today=TODAY)).tables["二"][
        "行政规范性文件"
    ] == [2, 0, 3]


def test_a_report_without_table_two_figures_cannot_be_published(demo, clerk, reviewer):
    report = rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)
    document = build_document(report)
    assert [f.rule for f in document.blocking] == ["T2"]
    with pytest.raises(TransitionError, match="尚未填写"):
        rt.publish_report(report, by=reviewer, on=date(2026, 1, 20))
    with pytest.raises(TransitionError, match="数据来源"):
        rt.enter_figures(
            demo,
            DEMO_YEAR,
            by=clerk,
            licences=1,
            penalties=0,
            enforcement=0,
            fee_amount=Decimal(0),
            source=" ",
        )


def test_the_draft_is_prefilled_from_the_records(demo, clerk):
    report = rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)
    from gongkai.applications.models import Application, ApplicationEvent

    received = Application.objects.filter(agency=demo, received_on__year=DEMO_YEAR).count()
    notices = ApplicationEvent.objects.filter(
        application__agency=demo, kind="fee_notice", on__year=DEMO_YEAR
    )
    assert "主动公开政府信息371条" in report.section_one
    assert f"本年新收政府信息公开申请{received}件" in report.section_one
    assert "微信公众号383条" in report.section_one and "中央级媒体采用3篇" in report.section_one
    assert f"收费通知{notices.count()}件" in report.section_six
    assert "4条信息未在形成或者变更之日起20个工作日内公开" in report.section_five
    with pytest.raises(TransitionError, match="已有草稿"):
        rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)
    with pytest.raises(TransitionError, match="尚未结束"):
        rt.start_report(demo, 2026, by=clerk, today=TODAY)


def test_publishing_freezes_the_numbers_and_files_the_report(demo, clerk, reviewer):
    figures(demo, clerk)
    report = rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)
    rt.save_sections(report, by=clerk, one="总体情况。", five="问题。", six="其他。")
    with pytest.raises(TransitionError, match="审核人"):
        rt.publish_report(report, by=clerk, on=date(2026, 1, 20))
    report = rt.publish_report(report, by=reviewer, on=date(2026, 1, 20))
    assert report.status == ReportStatus.PUBLISHED
    assert report.item.index_number == "012345671/2026-00001"  # first item published in 2026
    assert list(column_items(demo, ANNUAL_REPORTS)) == [report.item]
    frozen = build_document(report).tables
    # a record changed after publication does not move the published numbers
    Item.objects.filter(agency=demo, document_kind="normative").update(status=ItemStatus.WITHDRAWN)
    assert build_document(AnnualReport.objects.get(pk=report.pk)).tables == frozen
    with pytest.raises(TransitionError, match="不能修改"):
        rt.save_sections(report, by=clerk, one="改", five="", six="")
    assert AuditEntry.objects.filter(action="report.published").count() == 1


def test_a_correction_supersedes_and_keeps_the_first_version_visible(demo, clerk, reviewer):
    figures(demo, clerk)
    first = rt.publish_report(
        rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY), by=reviewer, on=date(2026, 1, 20)
    )
    second = rt.start_report(demo, DEMO_YEAR, by=clerk, today=date(2026, 2, 2))
    assert second.version == 2
    rt.save_sections(
        second,
        by=clerk,
        one=second.section_one,
        five="",
        six="",
        correction_note="更正表二收费金额",
    )
    second = rt.publish_report(second, by=reviewer, on=date(2026, 2, 3))
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED and second.status == ReportStatus.PUBLISHED
    assert "更正版" in second.item.title
    assert list(column_items(demo, ANNUAL_REPORTS)) == [second.item, first.item]


def test_a_rule_count_from_a_township_is_a_warning(demo, clerk, reviewer):
    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Category

    figures(demo, clerk)
    draft = ct.create_draft(
        demo,
        by=clerk,
        category=Category.objects.get(name="行政法规、规章和规范性文件"),
        title="误标为规章的文件",
        formed_on=date(2025, 5, 6),
        written_on=date(2025, 5, 6),
        document_kind="rule",
    )
    ct.approve_and_publish(ct.submit(draft, by=clerk), by=reviewer, on=date(2025, 5, 7))
    document = build_document(rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY))
    # (G2: section 六's government items, which the demo does not record — see
    # test_government_items.py)
    assert [(f.rule, f.severity) for f in document.findings if f.rule != "G2"] == [
        ("T3", "warning")
    ]
    assert document.blocking == []


def test_last_years_carried_over_must_match_this_years(demo, clerk, reviewer):
    """I6 across years: both reports counted from the same records agree; a 2024 report
    frozen before a late-registered 2024 application disagrees with the 2025 count."""
    from gongkai.applications import transitions as at
    from tests.applications.conftest import APPLICANT

    figures(demo, clerk, 2024)
    figures(demo, clerk)
    rt.publish_report(
        rt.start_report(demo, 2024, by=clerk, today=TODAY), by=reviewer, on=date(2025, 1, 20)
    )
    assert not [
        f
        for f in build_document(rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)).findings
        if f.rule == "I6"
    ]
    late_entry = {
        "by": clerk,
        "channel": at.Channel.IN_PERSON,
        "submitted_on": date(2024, 12, 30),
        "today": date(2024, 12, 30),
        **APPLICANT,
    }
    # issue 13: the published year is closed to backdated records until a correction starts
    with pytest.raises(at.TransitionError, match="2024年度报告已经发布"):
        at.register_application(demo, **late_entry)
    rt.start_report(demo, 2024, by=clerk, today=TODAY)  # the correction version, a draft
    at.register_application(demo, **late_entry)
    report = AnnualReport.objects.get(agency=demo, year=DEMO_YEAR, status="draft")
    i6 = [f for f in build_document(report).findings if f.rule == "I6"]
    assert i6 and i6[0].expected == "0" and i6[0].found == "1"


def test_an_administrator_cannot_draft_and_publish_the_report_alone(demo, reviewer):
    """Issue 14: the admin held both roles' powers; now a second person, a 审核人, approves."""
    from gongkai.core.models import Membership, Role

    admin = User.objects.get(username="guanli")
    figures(demo, admin)
    report = rt.start_report(demo, DEMO_YEAR, by=admin, today=TODAY)
    rt.save_sections(report, by=admin, one="总体情况。", five="问题。", six="其他。")
    with pytest.raises(TransitionError, match="审核人"):
        rt.publish_report(report, by=admin, on=date(2026, 1, 20))
    Membership.objects.create(user=admin, agency=demo, role=Role.REVIEWER)
    with pytest.raises(TransitionError, match="起草人以外"):  # a reviewer's hat is not enough
        rt.publish_report(report, by=admin, on=date(2026, 1, 20))
    assert rt.publish_report(report, by=reviewer, on=date(2026, 1, 20)).item.index_number


def test_the_reports_published_item_goes_through_the_personal_data_scan(demo, clerk, reviewer):
    figures(demo, clerk)
    report = rt.start_report(demo, DEMO_YEAR, by=clerk, today=TODAY)
    one = "总体情况。咨询请联系张三，手机 139 1234 5678。"
    rt.save_sections(report, by=clerk, one=one, five="问题。", six="其他。")
    with pytest.raises(TransitionError, match=r"手机号码 139\*\*\*\*5678"):
        rt.publish_report(report, by=reviewer, on=date(2026, 1, 20))
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
