"""One definition of overdue and due soon (Urgency.of) for the 工作台, the inbox and the
overview. Dates counted by hand on the 2024 calendar (no holiday in December)."""

from datetime import date

import pytest

from gongkai.core.workbench import DUE_SOON_WORKDAYS, Urgency
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements

CALENDAR = WorkdayCalendar(builtin_arrangements())


def test_due_soon_means_within_three_working_days():
    assert DUE_SOON_WORKDAYS == 3


@pytest.mark.parametrize(
    "today, due, urgency",
    [
        (date(2024, 12, 16), date(2024, 12, 13), Urgency.OVERDUE),  # Mon; due last Friday
        (date(2024, 12, 16), date(2024, 12, 16), Urgency.DUE_SOON),  # due today
        (date(2024, 12, 16), date(2024, 12, 19), Urgency.DUE_SOON),  # Tue, Wed, Thu: 3rd
        (date(2024, 12, 16), date(2024, 12, 20), Urgency.WAITING),  # Fri is the 4th
        (date(2024, 12, 20), date(2024, 12, 25), Urgency.DUE_SOON),  # Fri → Mon, Tue, Wed
        (date(2024, 12, 20), date(2024, 12, 26), Urgency.WAITING),
    ],
)
def test_urgency_of_a_due_date(today, due, urgency):
    assert Urgency.of(due, today=today, calendar=CALENDAR, otherwise=Urgency.WAITING) is urgency


def test_the_horizon_is_the_last_day_due_soon():
    assert Urgency.horizon(today=date(2024, 12, 20), calendar=CALENDAR) == date(2024, 12, 25)
