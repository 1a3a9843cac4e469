"""A year whose holiday notice is not imported (2027 here: chinese-calendar 1.11.0 stops at
2026 and the test database has no 2027 rows) is counted with the days the law fixes.

Every expected date was counted by hand on a paper calendar of 2027 from 《全国年节及纪念日放假
办法》 (as amended 2024): 第二条's 13 days, 第六条 (a holiday on a Saturday or Sunday gets one
补假 weekday after it) and 第七条 (no 调休 is guessed). The lunar dates were read from the
printed 2027 almanac: 除夕 Fri 2/5, 春节 Sat 2/6, 端午 Wed 6/9, 中秋 Wed 9/15; 清明 Mon 4/5."""

from datetime import date as D

import pytest

from gongkai.statute.workdays import (
    LONGEST_NOTICE_BLOCK_WORKDAYS,
    DayKind,
    WorkdayCalendar,
    builtin_arrangements,
    law_days_off,
    statutory_days,
)


@pytest.fixture(scope="module")
def calendar():
    return WorkdayCalendar(builtin_arrangements())


ADD_2027 = [
    # 元旦: Fri 1/1 off; 1/2–1/3 is a weekend
    (D(2026, 12, 31), 1, D(2027, 1, 4), "元旦 Fri 1/1, weekend, Mon 1/4"),
    (D(2026, 12, 30), 1, D(2026, 12, 31), "inside 2026 — arranged"),
    # 春节: 除夕 Fri 2/5 and 初三 Mon 2/8 off; 初一 Sat 2/6 and 初二 Sun 2/7 fall on the
    # weekend, so two 补假 weekdays follow the holiday: Tue 2/9 and Wed 2/10
    (D(2027, 2, 4), 1, D(2027, 2, 11), "2/5 除夕, weekend 初一–初二, 2/8 初三, 补假 2/9–2/10"),
    (D(2027, 2, 3), 2, D(2027, 2, 11), "2/4 (1), then Thu 2/11 (2)"),
    (D(2027, 2, 10), 1, D(2027, 2, 11), "no guessed 调休: Thu 2/11 works"),
    (D(2027, 2, 12), 1, D(2027, 2, 15), "Sat 2/13 and Sun 2/14 stay rest days (第七条)"),
    # 清明: Mon 4/5 (the solar term)
    (D(2027, 4, 2), 1, D(2027, 4, 6), "Fri 4/2 → weekend, 清明 Mon 4/5, Tue 4/6"),
    # 劳动节: Sat 5/1 and Sun 5/2 → 补假 Mon 5/3 and Tue 5/4
    (D(2027, 4, 30), 1, D(2027, 5, 5), "5/1–5/2 weekend, 补假 5/3–5/4, Wed 5/5"),
    # 端午 Wed 6/9, 中秋 Wed 9/15
    (D(2027, 6, 8), 1, D(2027, 6, 10), "端午 Wed 6/9"),
    (D(2027, 9, 14), 1, D(2027, 9, 16), "中秋 Wed 9/15"),
    # 国庆: Fri 10/1 off, Sat 10/2 and Sun 10/3 → 补假 Mon 10/4 and Tue 10/5
    (D(2027, 9, 30), 1, D(2027, 10, 6), "10/1, weekend, 补假 10/4–10/5, Wed 10/6"),
    # a 20-day reply period across 元旦: 12/14 + 20 → 12/15–18 (4), 12/21–25 (9),
    # 12/28–31 (13), 1/4–8 (18), 1/11–12 (20)
    (D(2026, 12, 14), 20, D(2027, 1, 12), "20 working days over 元旦"),
]


@pytest.mark.parametrize(("start", "n", "due", "why"), ADD_2027)
def test_2027_is_counted_with_the_days_the_law_fixes(calendar, start, n, due, why):
    answer = calendar.add(start, n)
    assert answer.date == due, why
    assert answer.provisional is (due.year == 2027), why


def test_the_13_statutory_days_of_2027_by_name():
    days = statutory_days(2027)
    assert len(days) == 13
    by_name: dict[str, list] = {}
    for day, name in days:
        by_name.setdefault(name, []).append(day)
    assert by_name == {
        "元旦": [D(2027, 1, 1)],
        "春节": [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)],
        "清明节": [D(2027, 4, 5)],
        "劳动节": [D(2027, 5, 1), D(2027, 5, 2)],
        "端午节": [D(2027, 6, 9)],
        "中秋节": [D(2027, 9, 15)],
        "国庆节": [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)],
    }


def test_each_weekend_holiday_brings_one_weekday_off_and_the_year_has_13():
    off = law_days_off(2027)
    assert len(off) == 13  # 第六条 keeps all 13 days whatever the weekdays
    assert off[D(2027, 2, 9)] == off[D(2027, 2, 10)] == "春节补假"
    assert off[D(2027, 5, 3)] == off[D(2027, 5, 4)] == "劳动节补假"
    assert all(day.weekday() < 5 for day in off)


def test_two_holidays_on_one_day_still_give_both_days():
    # 2028: 中秋 falls on Tue 10/3, the third day of 国庆, and 10/1 is a Sunday: 10/2, 10/3
    # and two 补假 weekdays 10/4–10/5 (13 weekdays in the year all the same)
    off = law_days_off(2028)
    assert [d for d in sorted(off) if d.month == 10] == [
        D(2028, 10, 2),
        D(2028, 10, 3),
        D(2028, 10, 4),
        D(2028, 10, 5),
    ]
    assert len(off) == 13


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_law_days_computed_for_an_arranged_year_are_all_off_in_its_notice(year):
    # the library's lunar and solar-term dates against the State Council's own notices: every
    # weekday the law alone gives off is a day off in the official arrangement
    official_off = {row.day for row in builtin_arrangements() if row.kind is DayKind.HOLIDAY}
    assert set(law_days_off(year)) <= official_off


def test_the_slack_for_applicant_periods_is_the_longest_notice_block_since_2025():
    rows = builtin_arrangements()
    off = sorted(r.day for r in rows if r.kind is DayKind.HOLIDAY and r.day.year >= 2025)
    longest, run, previous = 0, 0, None
    for day in off:  # weekdays off; a weekend between them does not break a block
        run = run + 1 if previous and (day - previous).days <= 3 else 1
        longest, previous = max(longest, run), day
    assert longest == LONGEST_NOTICE_BLOCK_WORKDAYS == 6


def test_the_latest_plausible_end_waits_only_while_the_year_is_unarranged(calendar):
    # fee notice served Fri 2026-12-04: 12/7–11 (5) 12/14–18 (10) 12/21–25 (15)
    # 12/28–31 (19), 元旦 off, Mon 1/4 (20); plus 6: 1/5–1/8 (4), 1/11–1/12 (6)
    assert calendar.add(D(2026, 12, 4), 20) == (D(2027, 1, 4), True)
    assert calendar.latest_plausible_add(D(2026, 12, 4), 20) == (D(2027, 1, 12), True)
    assert calendar.latest_plausible_add(D(2026, 11, 2), 20) == (D(2026, 11, 30), False)


def test_a_region_adds_its_own_holidays_without_arranging_the_year():
    from gongkai.statute.workdays import Arrangement

    # a made-up ethnic holiday on Tue 2027-03-16 for one region (放假办法第四条)
    regional = [Arrangement(D(2027, 3, 16), DayKind.HOLIDAY, "自治州人民政府规定")]
    region = WorkdayCalendar(builtin_arrangements(), regional=regional)
    assert region.add(D(2027, 3, 15), 1) == (D(2027, 3, 17), True)
    assert not region.is_arranged(2027)
    assert WorkdayCalendar(builtin_arrangements()).add(D(2027, 3, 15), 1).date == D(2027, 3, 16)


def test_the_command_answers_monday_4_january(db, capsys):
    from django.core.management import call_command

    call_command("workdays", "add", "2026-12-31", "1")
    assert capsys.readouterr().out.strip() == "2027-01-04 provisional"
