"""A corrected version of a published report (issue 15): timeliness is the first
publication's (条例第四十九条 asks for the report by the deadline once; a later correction
does not make it late), the DOCX carries the 更正说明 as the PDF and HTML do, and the portal
lists the earlier versions. A township's report on 2025 is due 31 January 2026."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.models import User
from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.reports.render import render as render_report
from gongkai.reports.status import report_state
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(township, clerk):
    enter_table_two(township, clerk, 2025)
    reviewer = User.objects.get(username="shenhe")
    first = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10))
    rt.publish_report(first, by=reviewer, on=date(2026, 1, 20))  # 11 days early
    second = rt.start_report(township, 2025, by=clerk, today=date(2026, 3, 2))
    rt.save_sections(
        second,
        by=clerk,
        one=second.section_one,
        five=second.section_five,
        six=second.section_six,
        correction_note="更正第一部分的主动公开数量",
    )
    return rt.publish_report(second, by=reviewer, on=date(2026, 3, 3))  # after the deadline


def test_a_correction_after_the_deadline_keeps_the_report_on_time(corrected, township):
    state = report_state(township, 2025, date(2026, 3, 10))
    assert state.published == corrected and state.first_published_on == date(2026, 1, 20)
    assert not state.late and state.warning == ""


def test_a_report_first_published_late_stays_late_after_a_correction(township, clerk):
    enter_table_two(township, clerk, 2025)
    reviewer = User.objects.get(username="shenhe")
    first = rt.start_report(township, 2025, by=clerk, today=date(2026, 2, 2))
    rt.publish_report(first, by=reviewer, on=date(2026, 2, 3))
    rt.publish_report(
        rt.start_report(township, 2025, by=clerk, today=date(2026, 2, 4)),
        by=reviewer,
        on=date(2026, 2, 5),
    )
    assert report_state(township, 2025, date(2026, 3, 1)).warning == "逾期发布"


@time_machine.travel("2026-03-10 09:00 +0800", tick=False)
def test_no_staff_page_calls_the_corrected_report_late(client, corrected, township, county):
    client.force_login(User.objects.get(username="xian"))
    home = client.get(reverse("office:home")).content.decode()
    rollup = client.get(reverse("office:rollup") + f"?agency={county.pk}").content.decode()
    client.force_login(User.objects.get(username="guanli"))
    listing = client.get(reverse("office:reports") + f"?agency={township.pk}").content.decode()
    for page in (home, rollup, listing):
        assert "逾期发布" not in page
    assert "逾期 0 个" in rollup


def test_the_docx_carries_the_correction_note(corrected):
    import docx

    _, _, data = render_report(build_document(corrected), "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "更正说明：更正第一部分的主动公开数量" in text


def test_the_docx_of_the_earlier_version_says_it_was_superseded(corrected, township):
    import docx

    from gongkai.reports.models import AnnualReport

    first = AnnualReport.objects.get(agency=township, year=2025, version=1)
    _, _, data = render_report(build_document(first), "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "本版本已被更正版本替代" in text and "更正说明" not in text


def test_the_portal_lists_the_earlier_versions(client, corrected, township):
    prefix = township.index_prefix
    column = client.get(reverse("portal:reports", args=[prefix])).content.decode()
    assert "此前的 1 个版本" in column
    page = client.get(reverse("portal:report", args=[prefix, 2025])).content.decode()
    assert "首次发布 2026年1月20日" in page
    versions = page.split('id="versions-h"')[1]
    assert "第2版（正在查看）" in versions and '<a href="?version=1">第1版</a>' in versions
    assert "2026年1月20日 发布" in versions
