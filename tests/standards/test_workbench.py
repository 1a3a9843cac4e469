"""A draft linked to a matter of the 标准目录 appears once on the 工作台 (issue 17), due by
the stricter of two limits: 条例第二十六条's 20 working days from forming, and its matter's
公开时限. Dates hand-counted on the 2025 calendar (no holiday between 10/9 and 12/31)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.core.workbench import Urgency, due_lines
from gongkai.standards import transitions as s
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements

pytestmark = pytest.mark.django_db
CALENDAR = WorkdayCalendar(builtin_arrangements())


@pytest.fixture
def adopted(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    return rows


def draft_of(township, clerk, relief, matter, title="低保对象认定结果公示"):
    # formed Wed 15 October 2025; 20 working days: 10/16–17 (2), 10/20–24 (7),
    # 10/27–31 (12), 11/3–7 (17), 11/10–12 (20) → due Wed 12 November
    item = t.create_draft(
        township, by=clerk, category=relief, title=title, formed_on=date(2025, 10, 15)
    )
    s.link_item(item, matter, by=clerk)
    return item


def lines_for(item, user, agencies, today):
    url = reverse("office:item", args=[item.pk])
    lines = due_lines(user=user, agencies=agencies, today=today, calendar=CALENDAR)
    return [line for line in lines if line.url == url]


def test_a_draft_of_a_seven_day_matter_appears_once_by_the_matters_limit(
    adopted, township, clerk, relief
):
    item = draft_of(township, clerk, relief, adopted["低保"])
    # on Mon 10 November both limits have a line to give: the 20 days end 11/12 (due soon),
    # the matter's 7 working days (10/16–17, 10/20–24) ended Fri 24 October, 11 working
    # days ago (10/27–31, 11/3–7, 11/10)
    [line] = lines_for(item, clerk, {township: {"clerk"}}, date(2025, 11, 10))
    assert (line.urgency, line.due_on) == (Urgency.OVERDUE, date(2025, 10, 24))
    assert "公开时限 2025年10月24日 已过 11 个工作日" in line.text


def test_a_draft_of_a_laxer_matter_appears_once_by_the_twenty_days(
    adopted, township, clerk, relief
):
    row = s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 10, 1),
        domain="社会救助",
        level1="临时救助",
        level2="临时救助对象",
        limit_kind="workdays",
        limit_days=30,
        # longer than 20 working days only where a law allows it (条例第二十六条)
        limit_law="《中华人民共和国社会救助法》",
    )
    item = draft_of(township, clerk, relief, row.matter, title="临时救助对象公示")
    # Mon 24 November: the 20 days ended 11/12, 8 working days ago (11/13–14, 11/17–21,
    # 11/24); the matter's 30 days end Wed 26 November (11/13–26 are the 21st–30th days)
    [line] = lines_for(item, clerk, {township: {"clerk"}}, date(2025, 11, 24))
    assert (line.urgency, line.due_on) == (Urgency.OVERDUE, date(2025, 11, 12))
    assert "公开时限 2025年11月12日 已过 8 个工作日" in line.text


def test_a_draft_not_yet_due_by_either_limit_has_no_line(adopted, township, clerk, relief):
    item = draft_of(township, clerk, relief, adopted["低保"])
    # Thu 16 October: the matter's 7 days end 10/24, 6 working days away
    assert lines_for(item, clerk, {township: {"clerk"}}, date(2025, 10, 16)) == []


def test_the_reviewer_sees_a_submitted_item_once_by_the_stricter_limit(
    adopted, township, clerk, reviewer, relief
):
    item = t.submit(draft_of(township, clerk, relief, adopted["低保"]), by=clerk)
    [line] = lines_for(item, reviewer, {township: {"reviewer"}}, date(2025, 10, 27))
    assert line.kind == "保密审查" and line.due_on == date(2025, 10, 24)
    assert "公开时限 2025年10月24日 已过 1 个工作日" in line.text


def test_the_county_counts_still_see_the_overdue_draft(adopted, township, clerk, relief):
    from gongkai.standards.due import standings

    item = draft_of(township, clerk, relief, adopted["低保"])
    standing = standings([township.pk], today=date(2025, 10, 27), calendar=CALENDAR)
    [line] = [line for line in standing[township.pk].lines if line.item_id == item.pk]
    assert (line.standing.value, line.due) == ("overdue", date(2025, 10, 24))
