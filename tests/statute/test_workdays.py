"""The working-day calendar against hand-checked dates.

Every expected value below was counted by hand on a paper calendar from the State Council
office's notices of November 2023, 2024 and 2025, as spec/workdays.md tabulates them.
"Start" is day 0; the answer is the N-th working day after it.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.statute.workdays import (
    Arrangement,
    DayKind,
    WorkdayCalendar,
    builtin_arrangements,
)

D = date


@pytest.fixture(scope="module")
def calendar():
    return WorkdayCalendar(builtin_arrangements())


ADD_CASES = [
    # spec/workdays.md worked examples
    (D(2024, 3, 4), 20, D(2024, 4, 1), "spec: Mon 3/4 + 20 = Mon 4/1, no holiday in between"),
    (D(2024, 9, 27), 20, D(2024, 10, 30), "spec: 9/29 make-up, 10/1–7 off, 10/12 make-up"),
    # 2024
    (D(2023, 12, 29), 1, D(2024, 1, 2), "元旦 2024: Mon 1/1 off"),
    (D(2024, 2, 2), 1, D(2024, 2, 4), "春节 2024: Sun 2/4 is a make-up day"),
    (D(2024, 2, 9), 1, D(2024, 2, 18), "春节 2024: 2/10–2/17 off, Sun 2/18 make-up"),
    (D(2024, 2, 8), 2, D(2024, 2, 18), "Fri 2/9 is 1, Sun 2/18 is 2"),
    (D(2024, 4, 3), 1, D(2024, 4, 7), "清明 2024: 4/4–4/6 off, Sun 4/7 make-up"),
    (D(2024, 4, 3), 2, D(2024, 4, 8), "清明 2024: after the make-up Sunday, Mon 4/8"),
    (D(2024, 4, 26), 1, D(2024, 4, 28), "劳动节 2024: Sun 4/28 make-up"),
    (D(2024, 4, 28), 2, D(2024, 4, 30), "Mon 4/29 is 1, Tue 4/30 is 2"),
    (D(2024, 4, 30), 1, D(2024, 5, 6), "劳动节 2024: 5/1–5/5 off"),
    (D(2024, 5, 10), 1, D(2024, 5, 11), "劳动节 2024: Sat 5/11 make-up"),
    (D(2024, 6, 7), 1, D(2024, 6, 11), "端午 2024: Mon 6/10 off"),
    (D(2024, 9, 13), 1, D(2024, 9, 14), "中秋 2024: Sat 9/14 make-up"),
    (D(2024, 9, 13), 2, D(2024, 9, 18), "中秋 2024: 9/15–9/17 off"),
    (D(2024, 9, 30), 1, D(2024, 10, 8), "国庆 2024: 10/1–10/7 off"),
    # 2025
    (D(2024, 12, 31), 1, D(2025, 1, 2), "元旦 2025: Wed 1/1 off"),
    (D(2025, 1, 24), 1, D(2025, 1, 26), "春节 2025: Sun 1/26 make-up"),
    (D(2025, 1, 27), 1, D(2025, 2, 5), "春节 2025: 1/28–2/4 off"),
    (D(2025, 2, 7), 1, D(2025, 2, 8), "春节 2025: Sat 2/8 make-up"),
    (D(2025, 4, 3), 1, D(2025, 4, 7), "清明 2025: Fri 4/4 off, weekend, Mon 4/7"),
    (D(2025, 4, 25), 1, D(2025, 4, 27), "劳动节 2025: Sun 4/27 make-up"),
    (D(2025, 4, 30), 1, D(2025, 5, 6), "劳动节 2025: 5/1–5/5 off"),
    (D(2025, 5, 30), 1, D(2025, 6, 3), "端午 2025: 5/31–6/2 off"),
    (D(2025, 9, 26), 1, D(2025, 9, 28), "国庆 2025: Sun 9/28 make-up"),
    (D(2025, 9, 30), 1, D(2025, 10, 9), "国庆中秋 2025: 10/1–10/8 off"),
    (D(2025, 10, 10), 1, D(2025, 10, 11), "国庆 2025: Sat 10/11 make-up"),
    (D(2025, 9, 30), 20, D(2025, 11, 4), "10/9, 10/10, 10/11 make-up, then 17 more to 11/4"),
    # 2026
    (D(2025, 12, 31), 1, D(2026, 1, 4), "元旦 2026: 1/1–1/3 off, Sun 1/4 make-up"),
    (D(2026, 2, 13), 1, D(2026, 2, 14), "春节 2026: Sat 2/14 make-up"),
    (D(2026, 2, 14), 1, D(2026, 2, 24), "春节 2026: 2/15–2/23 off"),
    (D(2026, 2, 27), 1, D(2026, 2, 28), "春节 2026: Sat 2/28 make-up"),
    (D(2026, 4, 3), 1, D(2026, 4, 7), "清明 2026: 4/4–4/6 off"),
    (D(2026, 4, 30), 1, D(2026, 5, 6), "劳动节 2026: 5/1–5/5 off"),
    (D(2026, 5, 8), 1, D(2026, 5, 9), "劳动节 2026: Sat 5/9 make-up"),
    (D(2026, 6, 18), 1, D(2026, 6, 22), "端午 2026: 6/19–6/21 off"),
    (D(2026, 9, 18), 1, D(2026, 9, 20), "中秋 2026: Sun 9/20 make-up"),
    (D(2026, 9, 24), 1, D(2026, 9, 28), "中秋 2026: 9/25–9/27 off"),
    (D(2026, 9, 30), 1, D(2026, 10, 8), "国庆 2026: 10/1–10/7 off"),
    (D(2026, 10, 9), 1, D(2026, 10, 10), "国庆 2026: Sat 10/10 make-up"),
    # the edge of the data: 2027 has no arrangement yet
    (D(2026, 12, 29), 2, D(2026, 12, 31), "stays inside 2026: not provisional"),
    (D(2026, 12, 21), 5, D(2026, 12, 28), "12/22–12/25 and Mon 12/28"),
]
PROVISIONAL_ADD_CASES = [
    # 2027 is not arranged: counted with the days of 放假办法第二条 (spec/workdays.md, corrected)
    (D(2026, 12, 31), 1, D(2027, 1, 4), "元旦 Fri 1/1 off, 1/2–1/3 weekend, Mon 1/4"),
    (D(2026, 12, 20), 20, D(2027, 1, 18), "Sun; 12/21–12/31 are 9, 1/1 off, 1/4–1/18 are 11"),
    (D(2027, 2, 1), 5, D(2027, 2, 12), "2/2–2/4; 除夕 2/5, 初一–初二 weekend + 补假 2/9–2/10"),
]


@pytest.mark.parametrize(("start", "n", "due", "why"), ADD_CASES)
def test_nth_working_day_after_a_date_matches_the_hand_count(calendar, start, n, due, why):
    assert calendar.add(start, n) == (due, False), why


@pytest.mark.parametrize(("start", "n", "due", "why"), PROVISIONAL_ADD_CASES)
def test_a_date_reaching_into_a_year_without_arrangement_is_provisional(
    calendar, start, n, due, why
):
    assert calendar.add(start, n) == (due, True), why


BETWEEN_CASES = [
    (D(2024, 9, 27), D(2024, 10, 30), 20, False),
    (D(2024, 9, 30), D(2024, 10, 7), 0, False),  # the whole 国庆 week off
    (D(2024, 10, 7), D(2024, 10, 12), 5, False),  # 10/8–10/11 and make-up Sat 10/12
    (D(2024, 3, 4), D(2024, 3, 4), 0, False),
    (D(2024, 10, 30), D(2024, 9, 27), -20, False),  # reversed: negative
    (D(2026, 12, 31), D(2027, 1, 8), 5, True),  # 元旦 Fri 1/1 off; 1/4–1/8
]


@pytest.mark.parametrize(("start", "end", "days", "provisional"), BETWEEN_CASES)
def test_working_days_between_two_dates(calendar, start, end, days, provisional):
    assert calendar.between(start, end) == (days, provisional)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2024, 2, 4), True),  # make-up Sunday
        (D(2024, 10, 1), False),  # 国庆
        (D(2025, 10, 8), False),  # a Wednesday inside the 2025 国庆中秋 run
        (D(2026, 10, 10), True),  # make-up Saturday
        (D(2026, 11, 28), False),  # an ordinary Saturday
        (D(2027, 1, 1), False),  # unknown year: 元旦 is fixed by the law itself
        (D(2027, 2, 10), False),  # unknown year: the second 补假 of 春节 (第六条)
        (D(2027, 2, 11), True),  # unknown year: no guessed 调休 (第七条)
    ],
)
def test_is_workday(calendar, day, working):
    assert calendar.is_workday(day) is working


def test_day_zero_is_the_start_day_itself(calendar):
    assert calendar.add(D(2024, 10, 1), 0) == (D(2024, 10, 1), False)


def test_importing_the_next_year_makes_its_dates_firm():
    notice_2027 = [
        Arrangement(D(2027, 1, 1), DayKind.HOLIDAY, "test notice"),
    ]
    calendar = WorkdayCalendar([*builtin_arrangements(), *notice_2027])
    assert calendar.add(D(2026, 12, 31), 1) == (D(2027, 1, 4), False)


def test_a_later_row_for_the_same_date_overrides_an_earlier_one():
    calendar = WorkdayCalendar(
        [
            Arrangement(D(2024, 10, 1), DayKind.HOLIDAY, "built-in"),
            Arrangement(D(2024, 10, 1), DayKind.WORKDAY, "correction"),
        ]
    )
    assert calendar.is_workday(D(2024, 10, 1))


def test_builtin_data_covers_2004_to_2026_and_leaves_out_weekend_holidays():
    rows = builtin_arrangements()
    assert {row.day.year for row in rows} == set(range(2004, 2027))
    assert not any(row.contradicts_weekday for row in rows)


def test_refuses_datetimes_and_negative_periods(calendar):
    from datetime import datetime

    with pytest.raises(TypeError):
        calendar.add(datetime(2024, 1, 1, 9, 0), 1)
    with pytest.raises(ValueError, match="工作日数"):
        calendar.add(D(2024, 1, 1), -1)


def test_long_periods_and_far_dates_grow_the_tables(calendar):
    # 2000 and 2100 lie outside the initial span and outside the data: the law's days there.
    assert calendar.add(D(2100, 1, 1), 5) == (D(2100, 1, 8), True)
    # 2000-01-01 is a Saturday: its 补假 is Mon 1/3, leaving 1/4–1/7
    assert calendar.between(D(1999, 12, 31), D(2000, 1, 7)) == (4, True)


@given(
    start=st.dates(min_value=D(2003, 1, 1), max_value=D(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=400),
)
def test_adding_then_counting_back_gives_the_period(start, n):
    calendar = _shared_calendar()
    due, provisional = calendar.add(start, n)
    assert calendar.between(start, due) == (n, provisional)
    if n:
        # the due date is the first day on which the count reaches n
        assert calendar.is_workday(due)
        assert calendar.between(start, due - timedelta(days=1)).days == n - 1


@given(st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)))
def test_every_day_agrees_with_chinese_calendar(day):
    import chinese_calendar

    assert _shared_calendar().is_workday(day) is chinese_calendar.is_workday(day)


_CALENDAR = None


def _shared_calendar() -> WorkdayCalendar:
    global _CALENDAR
    if _CALENDAR is None:
        _CALENDAR = WorkdayCalendar(builtin_arrangements())
    return _CALENDAR


def test_a_calendars_digest_changes_with_the_two_years_it_covers_only():
    """WorkdayCalendar.digest(year) stands for how `year` and the year before are counted
    (catalogue/timing.py reads stored lateness only while it is unchanged)."""
    from gongkai.statute.workdays import builtin_arrangements

    built_in = list(builtin_arrangements())
    plain = WorkdayCalendar(built_in)
    assert plain.digest(2026) == WorkdayCalendar(built_in).digest(2026)
    for changed_day, same in ((date(2025, 11, 27), False), (date(2026, 11, 27), False),
                              (date(2027, 11, 26), True)):  # fmt: skip
        other = WorkdayCalendar([*built_in, Arrangement(changed_day, DayKind.HOLIDAY)])
        assert (other.digest(2026) == plain.digest(2026)) is same, changed_day
