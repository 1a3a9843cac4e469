"""The 工作台 shows each agency's standing 单项否决 and 扣分 to its staff, each linked to the
page that fixes it (issue 25). The demo township through the real demo loader and the real
publishing steps; the day is fixed (Monday 30 November 2026)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as ct
from gongkai.core.calendar import current_calendar
from gongkai.core.workbench import Urgency, due_lines
from gongkai.inspection.workbench import KIND, selfcheck_lines

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _on_the_day(travel_to):
    travel_to(DAY, tick=False)


def agencies_of(user):
    held: dict = {}
    for m in user.memberships.select_related("agency"):
        held.setdefault(m.agency, set()).add(m.role)
    return held


def selfcheck(user):
    lines = due_lines(user=user, agencies=agencies_of(user), today=DAY, calendar=current_calendar())
    return [line for line in lines if line.kind == KIND]


def test_the_demo_townships_staff_see_its_deductions_linked_to_where_they_are_fixed(
    township, clerk, reviewer, outsider, client
):
    lines = selfcheck(clerk)
    guide = next(line for line in lines if "“政府信息公开指南”" in line.text)
    assert guide.text.startswith("扣分：栏目“政府信息公开指南”没有任何已公开的信息。（")
    assert guide.url.startswith(reverse("office:items") + f"?agency={township.pk}&category=")
    assert guide.urgency is Urgency.NOTICE
    # the demo has no 2025 annual report on the portal: 条例第五十条, by 31 January
    report = next(line for line in lines if "年度报告" in line.text)
    assert report.url == reverse("office:reports") + f"?agency={township.pk}"
    # hints are not scored by the indicators: the self-check page keeps them
    assert not any(line.text.startswith("提示") for line in lines)
    assert all(line.agency_name == township.name for line in lines)
    # every member of the agency sees them; staff of another agency do not
    assert [line.text for line in selfcheck(reviewer)] == [line.text for line in lines]
    theirs = selfcheck(outsider)  # their own township's, not the demo's
    assert theirs and {line.agency_name for line in theirs} == {"外县白沙乡人民政府"}
    client.force_login(clerk)
    page = client.get(reverse("office:home")).content.decode()
    assert "扣分：栏目“政府信息公开指南”没有任何已公开的信息。" in page
    assert guide.url.replace("&", "&amp;") in page


def test_a_veto_comes_first_and_the_self_check_page_refreshes_the_workbench(
    township, clerk, reviewer, client
):
    # the demo's items are dated from the real day, after DAY: on DAY its home page has
    # shown nothing new for two weeks — 19号's 单项否决 站点不更新
    lines = selfcheck(clerk)
    veto = lines[0]
    assert veto.text.startswith("单项否决：首页从未更新，前2周内没有任何更新。")
    assert veto.urgency is Urgency.WAITING
    assert veto.url.startswith(reverse("office:items") + f"?agency={township.pk}")
    assert not any("再接再励" in line.text for line in lines)
    item = ct.approve_and_publish(
        ct.submit(
            ct.create_draft(
                township,
                by=clerk,
                category=township_category(),
                title="关于表彰先进的通报",
                formed_on=DAY,
                body="<p>希望受表彰的同志再接再励，再创佳绩。</p>",
            ),
            by=clerk,
        ),
        by=reviewer,
        on=DAY,
    )
    # the 工作台 reads the computation it cached a moment ago…
    assert selfcheck(clerk) == lines
    # …until the self-check page computes afresh: the veto is gone, the new item's wording
    # error is listed by its title, linked to the item
    client.force_login(clerk)
    assert client.get(reverse("office:selfcheck") + f"?agency={township.pk}").status_code == 200
    lines = selfcheck(clerk)
    assert not any("首页" in line.text for line in lines)
    wording = next(line for line in lines if "再接再励" in line.text)
    assert "关于表彰先进的通报：“再接再励”应为“再接再厉”" in wording.text
    # linked to the item's 更正 step, opened (issue 25)
    assert wording.url == reverse("office:item", args=[item.pk]) + "?step=correct#correct"
    assert 'id="correct"' in client.get(wording.url).content.decode()
    # withdrawing hides the text, not the fact that it was public: the line stays, saying so
    # (tests/inspection/test_corrections.py gives the reasoning), and no 更正 is offered
    ct.withdraw(item, by=reviewer, on=DAY, reason="表述有误")
    client.get(reverse("office:selfcheck") + f"?agency={township.pk}")
    [still] = [line for line in selfcheck(clerk) if "再接再励" in line.text]
    assert "已于2026年11月30日撤回" in still.text
    assert still.url == reverse("office:item", args=[item.pk])


def township_category():
    from gongkai.catalogue.models import Category

    return Category.objects.get(name="社会救助", source="article21")


def test_a_cached_result_costs_one_statement(township, clerk, django_assert_num_queries):
    held, calendar = agencies_of(clerk), current_calendar()
    first = selfcheck_lines(user=clerk, agencies=held, today=DAY, calendar=calendar)
    with django_assert_num_queries(1):
        again = selfcheck_lines(user=clerk, agencies=held, today=DAY, calendar=calendar)
    assert again == first and first


def test_an_overdue_application_is_said_once_by_the_applications_line(township, clerk):
    from gongkai.applications.transitions import register_application
    from gongkai.statute.deadlines import Channel
    from tests.applications.conftest import APPLICANT

    # received Thu 8 October 2026: 20 working days end in November, long before the 30th
    application, _ = register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 10, 8),
        today=date(2026, 10, 8),
        **APPLICANT,
    )
    lines = due_lines(
        user=clerk, agencies=agencies_of(clerk), today=DAY, calendar=current_calendar()
    )
    url = reverse("office:application", args=[application.pk])
    about = [line for line in lines if line.url == url]
    assert [line.kind for line in about] == ["依申请公开"]
    assert "答复已超期" in about[0].text


def test_past_eight_findings_one_line_counts_the_rest(township, clerk, reviewer, client):
    """A column with many findings keeps only the lines shown and their number (the stored
    entry of a county's column at province scale held thousands)."""
    from gongkai.inspection.workbench import MAX_LINES

    before = selfcheck(clerk)
    assert len(before) <= MAX_LINES  # the demo township: every finding has its line
    for n in range(MAX_LINES):
        ct.approve_and_publish(
            ct.submit(
                ct.create_draft(
                    township,
                    by=clerk,
                    category=township_category(),
                    title=f"关于表彰第{n + 1}批先进的通报",
                    formed_on=DAY,
                    body="<p>希望受表彰的同志再接再励。</p>",
                ),
                by=clerk,
            ),
            by=reviewer,
            on=DAY,
        )
    client.force_login(clerk)
    client.get(reverse("office:selfcheck") + f"?agency={township.pk}")  # computed afresh
    after = selfcheck(clerk)
    # the eight new wording findings beside the others: the first eight lines, then a count
    # of the rest (before's findings, less the home page's veto the new items cleared)
    scored = len([line for line in before if "首页" not in line.text]) + MAX_LINES
    [rest] = [line for line in after if line.text.startswith("另有")]
    assert len(after) == MAX_LINES + 1
    assert rest.text == f"另有 {scored - MAX_LINES} 条单项否决或扣分问题，见网站自查"
    assert rest.url == reverse("office:selfcheck") + f"?agency={township.pk}"
    # what is kept is what is shown
    from gongkai.inspection.workbench import standing

    kept = standing([township], today=DAY, calendar=current_calendar())[township.pk]
    assert len(kept["findings"]) == MAX_LINES and kept["scored"] == scored
