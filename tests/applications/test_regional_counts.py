"""An agency whose region has its own holidays (放假办法第四条) counts every period in its
region's calendar: its deadlines, and also what its staff read of them — the 工作台's
"还有 N 个工作日", the daily reminder, the county's overview, the self-check and the item
page's 公开时限 (issue 23).

The case, counted by hand from the 2026 arrangement (no national holiday in November): an
application handed in on Mon 2026-11-02 is due 20 working days later. Nationally that is
Mon 11-30 (11-03…06 = 4, 09…13 = 9, 16…20 = 14, 23…27 = 19, 30 = 20). In the 自治州, whose
own holiday falls on Fri 11-27, the 19th working day is 11-30 and the 20th Tue 12-01."""

from datetime import date

import pytest

from gongkai.applications.deadline_sweep import reminders
from gongkai.core.calendar import current_calendar, import_arrangements
from gongkai.core.workbench import Urgency, due_lines
from gongkai.office.overview import township_overview
from gongkai.statute.workdays import Arrangement, DayKind

pytestmark = pytest.mark.django_db
REGION = "云岭自治州"
RECEIVED, REGIONAL_DUE = date(2026, 11, 2), date(2026, 12, 1)


@pytest.fixture
def regional(township):
    import_arrangements(
        [Arrangement(date(2026, 11, 27), DayKind.HOLIDAY, "自治州人民政府规定（测试）")],
        by=None,
        actor_label="测试",
        region=REGION,
    )
    township.holiday_region = REGION
    township.save(update_fields=["holiday_region"])
    return township


@pytest.fixture
def application(regional, in_person):
    return in_person(RECEIVED)


def lines(clerk, township, today):
    return [
        line
        for line in due_lines(
            user=clerk, agencies={township: {"clerk"}}, today=today, calendar=current_calendar()
        )
        if line.kind == "依申请公开"
    ]


def test_the_deadline_itself_is_the_regions(application):
    assert current_calendar().add(RECEIVED, 20).date == date(2026, 11, 30)  # nationally
    assert application.due_on == REGIONAL_DUE


def test_the_workbench_counts_the_days_left_in_the_regions_calendar(application, clerk, regional):
    # Thu 11-26: 11-27 is the region's holiday, so 11-30 and 12-01 are left — 2, not 3
    [line] = lines(clerk, regional, date(2026, 11, 26))
    assert line.urgency == Urgency.DUE_SOON
    assert "还有 2 个工作日" in line.text and "2026年12月1日" in line.text


def test_the_workbench_counts_days_overdue_in_the_regions_calendar(application, clerk, regional):
    # Wed 12-09 is 6 working days after 12-01 in both calendars (12-02…04, 07…09): the
    # region's own holiday lies before the due date, so it does not shorten the count
    [line] = lines(clerk, regional, date(2026, 12, 9))
    assert line.urgency == Urgency.OVERDUE and "已超期 6 个工作日" in line.text


def test_the_reminder_reaches_as_far_as_the_regions_three_working_days(application, clerk):
    # Wed 11-25: three working days ahead are 11-26, 11-30, 12-01 in the region (11-27 is its
    # holiday) — the application is due within them; nationally they would end on 11-30
    assert current_calendar().add(date(2026, 11, 25), 3).date == date(2026, 11, 30)
    found = reminders(calendar=current_calendar(), today=date(2026, 11, 25))
    [reminder] = [r for items in found.values() for r in items]
    assert reminder.application == application and reminder.workdays_left == 3
    assert "剩余 3 个工作日" in reminder.line


def test_the_countys_overview_counts_the_regions_due_soon(application, regional):
    [row] = township_overview([regional], today=date(2026, 11, 25), calendar=current_calendar())
    assert (row.open_applications, row.due_soon_applications) == (1, 1)


def test_the_self_check_counts_days_overdue_in_the_regions_calendar(application, regional):
    from gongkai.inspection.selfcheck import run

    # a second day of the region's own, Thu 12-03, after the due date: at Fri 12-04 the reply
    # is 2 working days late there (12-02, 12-04), not 3
    import_arrangements(
        [Arrangement(date(2026, 12, 3), DayKind.HOLIDAY, "自治州人民政府规定（测试）")],
        by=None,
        actor_label="测试",
        region=REGION,
    )
    result = run([regional], today=date(2026, 12, 4), calendar=current_calendar())
    [late] = [f for f in result.findings if f.indicator == "late_reply"]
    assert "答复期限 2026年12月1日，至今未答复，逾期 2 个工作日" in late.detail


def test_an_agency_without_a_region_still_counts_nationally(in_person, clerk, township):
    import_arrangements(
        [Arrangement(date(2026, 11, 27), DayKind.HOLIDAY, "自治州人民政府规定（测试）")],
        by=None,
        actor_label="测试",
        region=REGION,
    )
    application = in_person(RECEIVED)
    assert application.due_on == date(2026, 11, 30)
    [line] = lines(clerk, township, date(2026, 11, 26))
    assert "还有 2 个工作日" in line.text  # 11-27, 11-30: the region's holiday is not its own


def test_the_item_page_counts_the_publication_limit_in_the_regions_calendar(
    client, clerk, regional
):
    from django.urls import reverse

    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Category

    # 条例第二十六条's 20 working days from forming on 11-02: 12-01 in the region, as above
    item = ct.create_draft(
        regional,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="青石镇临时救助对象公示",
        formed_on=RECEIVED,
        body="<p>正文</p>",
    )
    client.force_login(clerk)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "公开时限 2026年12月1日" in page
