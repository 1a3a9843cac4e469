"""Where the county wants them, its submission counts go into section 一 of its annual report
(issue 28); the choice is the county administrator's declared step, and nobody else's."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.submissions import transitions as t
from tests.submissions.conftest import DAY

pytestmark = pytest.mark.django_db


def three_posts_two_adopted_one_returned(township, clerk, county_editor, news_column):
    posts = [
        t.submit_news(
            township, by=clerk, column=news_column, title=f"青石镇动态{n}", body="正文", on=DAY
        )
        for n in range(3)
    ]
    t.adopt(posts[0], by=county_editor, on=date(2026, 3, 10))
    t.adopt(posts[1], by=county_editor, on=date(2026, 4, 1))
    t.return_submission(posts[2], by=county_editor, on=date(2026, 4, 2), reason="请补充图片")


def test_section_one_says_what_the_county_received_only_once_it_chooses(
    client, county, township, clerk, county_editor, news_column, travel_to
):
    from gongkai.reports.transitions import start_report

    travel_to(date(2027, 1, 11))
    three_posts_two_adopted_one_returned(township, clerk, county_editor, news_column)
    # counted by hand from the three steps above: 3 submitted in March, 2 adopted (March,
    # April), 1 returned (April) — all in 2026
    sentence = "本年收到乡镇和部门报送信息3条，采用2条，退回1条。"
    assert t.year_totals(county, 2026) == {"submitted": 3, "adopted": 2, "returned": 1}
    # the township's clerk cannot choose for the county: a hand-made post is refused
    client.force_login(clerk)
    url = reverse("office:submission_reporting_action", args=["include"])
    client.post(url + f"?agency={county.pk}")
    from gongkai.submissions.models import ReportingChoice

    assert not ReportingChoice.objects.filter(agency=county).exists()
    # the county administrator does, on the counts page
    client.force_login(county_editor)
    page = client.get(reverse("office:submissions") + f"?agency={county.pk}").content.decode()
    assert "写入年度报告" in page and "年度报告第一部分：不写报送采用情况" in page
    client.post(url + f"?agency={county.pk}")
    assert ReportingChoice.objects.get(agency=county).in_annual_report
    report = start_report(county, 2026, by=county_editor, today=date(2027, 1, 11))
    assert sentence in report.section_one
    # turned off again, a new draft leaves it out
    client.post(
        reverse("office:submission_reporting_action", args=["exclude"]) + f"?agency={county.pk}"
    )
    assert not ReportingChoice.objects.get(agency=county).in_annual_report
    from gongkai.reports.document import live_document
    from gongkai.reports.drafts import section_one

    tables = live_document(county, 2026, sections={}).tables
    assert "报送信息" not in section_one(county, 2026, tables)


def test_a_township_has_no_such_choice(township, clerk, travel_to):
    from gongkai.core.steps import steps_for
    from gongkai.submissions.steps import CountyReporting

    travel_to(date(2027, 1, 11))
    offer = steps_for(CountyReporting(township), clerk, today=date(2027, 1, 11))
    assert offer.names == []
