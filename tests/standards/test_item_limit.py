"""An item bound to a 标准目录 matter is due by the stricter of 条例第二十六条's 20 working days
and the matter's own limit, on every page that shows its 公开时限."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.core.calendar import current_calendar
from gongkai.standards import transitions as s

pytestmark = pytest.mark.django_db


def test_a_matter_of_seven_working_days_binds_before_the_twenty(
    township, clerk, reviewer, county_admin, model, relief
):
    catalogue, matters = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 3))
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="低保对象认定结果公示",
        formed_on=date(2024, 11, 4),
    )
    calendar = current_calendar()
    # formed Mon 4 Nov 2024 (no holiday that month): 20 working days → Mon 2 Dec
    assert item.timeliness(calendar=calendar, today=date(2024, 11, 5)).due == date(2024, 12, 2)
    s.link_item(item, matters["低保"], by=clerk)
    item.refresh_from_db()
    # the matter's 7 working days → Wed 13 Nov; on Fri 15 Nov it is 2 working days late
    timeliness = item.timeliness(calendar=calendar, today=date(2024, 11, 15))
    assert timeliness.due == date(2024, 11, 13) and timeliness.late_by == 2
    # a quarterly matter's items are due by their period, not by a shorter event limit
    s.link_item(item, matters["财务"], by=clerk)
    item.refresh_from_db()
    assert item.timeliness(calendar=calendar, today=date(2024, 11, 5)).due == date(2024, 12, 2)
