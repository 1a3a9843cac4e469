"""Reminders on the 工作台 90 calendar days before a 规范性文件's 有效期 ends — started on the
last working day before when the 90th day falls on a holiday — and past the end."""

from datetime import date

from gongkai.core.calendar import current_calendar
from gongkai.core.workbench import Urgency, due_lines
from gongkai.policies.workbench import reminder_starts
from tests.policies.conftest import registered


def lines(user, agency, today):
    return [
        line
        for line in due_lines(
            user=user, agencies={agency: {"clerk"}}, today=today, calendar=current_calendar()
        )
        if line.kind == "规范性文件"
    ]


def test_the_reminder_starts_ninety_calendar_days_before_on_a_working_day(
    township, clerk, reviewer
):
    # valid until 2026-09-29 (Tuesday): 90 days before is 2026-07-01, a Wednesday
    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 9, 29),
    )
    assert lines(clerk, township, date(2026, 6, 30)) == []
    [line] = lines(clerk, township, date(2026, 7, 1))
    assert line.urgency == Urgency.NOTICE and line.due_on == record.valid_until


def test_when_the_ninetieth_day_is_a_holiday_the_reminder_starts_before_it(
    township, clerk, reviewer
):
    # valid until 2026-12-30: 90 days before is 2026-10-01, National Day (off 10-1..10-7);
    # the last working day before is Wednesday 2026-09-30, so the clerk sees it at work
    # 91 days ahead instead of first on 10-8, 83 days ahead
    registered(
        township,
        clerk,
        reviewer,
        "乙办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 12, 30),
    )
    assert reminder_starts(date(2026, 12, 30), current_calendar()) == date(2026, 9, 30)
    assert lines(clerk, township, date(2026, 9, 29)) == []
    assert len(lines(clerk, township, date(2026, 9, 30))) == 1


def test_the_last_working_days_are_due_soon_and_after_the_end_overdue(township, clerk, reviewer):
    registered(
        township,
        clerk,
        reviewer,
        "丙办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 9, 29),
    )
    assert lines(clerk, township, date(2026, 9, 25))[0].urgency == Urgency.DUE_SOON
    [line] = lines(clerk, township, date(2026, 9, 30))
    assert line.urgency == Urgency.OVERDUE
    assert "有效期已于2026年9月29日届满" in line.text


def test_a_reviewer_gets_no_register_lines(township, clerk, reviewer):
    registered(
        township,
        clerk,
        reviewer,
        "丁办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 9, 29),
    )
    found = due_lines(
        user=reviewer,
        agencies={township: {"reviewer"}},
        today=date(2026, 9, 1),
        calendar=current_calendar(),
    )
    assert [line for line in found if line.kind == "规范性文件"] == []


def test_the_reminder_shows_on_the_clerks_workbench_page(client, township, clerk, reviewer):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate()
    registered(
        township,
        clerk,
        reviewer,
        "戊办法",
        effective=today - timedelta(days=300),
        valid_until=today + timedelta(days=30),
    )
    client.force_login(clerk)
    page = client.get(reverse("office:home")).content.decode()
    assert "《戊办法》有效期至" in page and "请评估是否继续施行" in page
