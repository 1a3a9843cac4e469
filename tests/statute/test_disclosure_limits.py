"""公开时限 of standard-catalogue matters, each kind against dates counted by hand.

Every expected date was counted on a paper calendar from the State Council office's notices
as spec/workdays.md tabulates them (2025: 1/28–2/4 off, 2/8 at work, 10/1–10/8 off, 9/28 and
10/11 at work; 2026: 1/1–1/3 off, 1/4 at work). The start day is day 0.
"""

from datetime import date

import pytest

from gongkai.statute.disclosure_limits import (
    LimitError,
    LimitKind,
    PublicationLimit,
    Standing,
    event_standing,
    parse_limit,
    periodic_standing,
    read_limit,
)
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements

D = date


@pytest.fixture(scope="module")
def calendar():
    return WorkdayCalendar(builtin_arrangements())


def test_the_default_is_twenty_working_days_from_forming_as_article_26_says(calendar):
    limit = PublicationLimit()
    assert limit.label == "信息形成或变更之日起20个工作日内"
    # spec/workdays.md: 9/29 make-up, 10/1–7 off, 10/12 make-up → Wed 10/30
    assert limit.due_after_forming(D(2024, 9, 27), calendar).date == D(2024, 10, 30)


def test_seven_working_days_cross_national_day_2025(calendar):
    limit = PublicationLimit(LimitKind.WORKDAYS, 7)
    # Fri 9/26 (1), Sun 9/28 make-up (2), 9/29 (3), 9/30 (4), 10/1–10/8 off, 10/9 (5),
    # 10/10 (6), Sat 10/11 make-up (7)
    assert limit.due_after_forming(D(2025, 9, 25), calendar).date == D(2025, 10, 11)
    assert limit.label == "信息形成或变更之日起7个工作日内"


def test_real_time_is_due_the_day_the_information_is_formed(calendar):
    limit = PublicationLimit(LimitKind.REALTIME, 0)
    # a Sunday inside the 春节 holiday: 实时 does not wait for a working day
    assert limit.due_after_forming(D(2025, 2, 2), calendar).date == D(2025, 2, 2)
    assert limit.label == "实时"


def test_monthly_is_due_after_the_spring_festival_holiday(calendar):
    limit = PublicationLimit(LimitKind.MONTHLY, 5)
    assert limit.period_of(D(2025, 1, 15)) == (D(2025, 1, 1), D(2025, 1, 31))
    # January ends Fri 1/31 inside 1/28–2/4: 2/5 (1), 2/6 (2), 2/7 (3), Sat 2/8 make-up (4),
    # Mon 2/10 (5)
    assert limit.period_due(D(2025, 1, 31), calendar).date == D(2025, 2, 10)
    assert limit.label == "每月（月结束后5个工作日内）"


def test_quarterly_is_due_ten_working_days_after_the_quarter_across_national_day(calendar):
    limit = PublicationLimit(LimitKind.QUARTERLY, 10)
    assert limit.period_of(D(2025, 8, 20)) == (D(2025, 7, 1), D(2025, 9, 30))
    # 10/1–10/8 off; 10/9 (1), 10/10 (2), Sat 10/11 make-up (3), 10/13–10/17 (4–8),
    # 10/20 (9), 10/21 (10)
    assert limit.period_due(D(2025, 9, 30), calendar).date == D(2025, 10, 21)


def test_half_yearly_without_a_number_takes_article_26s_twenty_days(calendar):
    limit = PublicationLimit.of(LimitKind.HALF_YEARLY, None)
    assert limit.days == 20
    assert limit.period_of(D(2026, 3, 1)) == (D(2026, 1, 1), D(2026, 6, 30))
    # 2026-07: 7/1–7/3 (1–3), 7/6–7/10 (4–8), 7/13–7/17 (9–13), 7/20–7/24 (14–18), 7/27 (19),
    # 7/28 (20); no holiday in July
    assert limit.period_due(D(2026, 6, 30), calendar).date == D(2026, 7, 28)


def test_yearly_is_due_after_new_year_2026_and_its_make_up_sunday(calendar):
    limit = PublicationLimit(LimitKind.YEARLY, 20)
    assert limit.period_of(D(2025, 6, 1)) == (D(2025, 1, 1), D(2025, 12, 31))
    # 1/1–1/3 off, Sun 1/4 make-up (1), 1/5–1/9 (2–6), 1/12–1/16 (7–11), 1/19–1/23 (12–16),
    # 1/26–1/29 (17–20)
    assert limit.period_due(D(2025, 12, 31), calendar).date == D(2026, 1, 29)


@pytest.mark.parametrize(
    "today, last_published, standing, late_by",
    [
        (D(2025, 10, 9), None, Standing.WAITING, 0),  # 9 working days to 10/21
        (D(2025, 10, 20), None, Standing.DUE, 0),  # 1 working day to 10/21
        (D(2025, 10, 21), D(2025, 9, 29), Standing.DUE, 0),  # published inside Q3: not Q3's
        (D(2025, 10, 22), None, Standing.OVERDUE, 1),
        (D(2025, 10, 27), None, Standing.OVERDUE, 4),  # 10/22, 10/23, 10/24, 10/27
        (D(2025, 10, 27), D(2025, 10, 15), Standing.PUBLISHED, 0),
    ],
)
def test_a_quarterly_matter_stands_by_its_last_ended_quarter(
    calendar, today, last_published, standing, late_by
):
    result = periodic_standing(
        PublicationLimit(LimitKind.QUARTERLY, 10),
        today=today,
        last_published_on=last_published,
        calendar=calendar,
        soon_workdays=3,
    )
    assert (result.period_start, result.period_end, result.due) == (
        D(2025, 7, 1),
        D(2025, 9, 30),
        D(2025, 10, 21),
    )
    assert (result.standing, result.late_by) == (standing, late_by)
    assert result.period_label == "2025年第3季度"


def test_the_last_ended_period_of_january_is_last_year(calendar):
    limit = PublicationLimit(LimitKind.YEARLY, 20)
    result = periodic_standing(
        limit, today=D(2026, 1, 5), last_published_on=None, calendar=calendar, soon_workdays=3
    )
    assert result.period_label == "2025年"
    assert result.standing is Standing.WAITING  # due 1/29


def test_an_unpublished_item_is_overdue_the_working_day_after_its_due_date(calendar):
    due, standing, late = event_standing(
        PublicationLimit(LimitKind.WORKDAYS, 7),
        formed_on=D(2025, 9, 25),
        today=D(2025, 10, 13),
        calendar=calendar,
        soon_workdays=3,
    )
    assert (due.date, standing, late) == (D(2025, 10, 11), Standing.OVERDUE, 1)


@pytest.mark.parametrize(
    "text, kind, days",
    [
        ("", LimitKind.DEFAULT, 20),
        ("信息形成或变更之日起20个工作日内", LimitKind.DEFAULT, 20),
        ("自信息形成或者变更之日起20个工作日内", LimitKind.DEFAULT, 20),
        ("信息形成或变更之日起7个工作日内", LimitKind.WORKDAYS, 7),
        ("实时", LimitKind.REALTIME, 0),
        ("即时公开", LimitKind.REALTIME, 0),
        ("每季度结束后10个工作日内", LimitKind.QUARTERLY, 10),
        ("每月（月结束后5个工作日内）", LimitKind.MONTHLY, 5),
        ("每半年", LimitKind.HALF_YEARLY, 20),
        ("每年", LimitKind.YEARLY, 20),
    ],
)
def test_the_limit_column_reads_as_counties_write_it(text, kind, days):
    limit = parse_limit(text)
    assert (limit.kind, limit.days) == (kind, days)
    assert parse_limit(limit.label) == limit  # the label we write reads back the same


@pytest.mark.parametrize("text", ["尽快", "每季度结束后0个工作日内", "9999个工作日内"])
def test_an_unreadable_limit_is_refused_in_chinese(text):
    with pytest.raises(LimitError, match="公开时限"):
        parse_limit(text)


# ---- 公开时限 as counties write it (spec/catalogue.md, correction December 2026)


@pytest.mark.parametrize(
    "text, kind, days, on",
    [
        # the 条例's own sentence with its fallback clause (s02) and broken over lines (s09)
        (
            "自政府信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的,从其规定",
            LimitKind.DEFAULT,
            20,
            "",
        ),
        ("自信息形\n成或者变\n更之日起\n20个工作\n日内予以\n公开", LimitKind.DEFAULT, 20, ""),
        ("信息形成之日起二十个工作日内", LimitKind.DEFAULT, 20, ""),  # Chinese numerals
        ("自作出决定之日起七个工作日内", LimitKind.WORKDAYS, 7, ""),
        ("制定或获取信息之日起10个工作日内", LimitKind.WORKDAYS, 10, ""),  # s03
        # s11 after the import's traditional → simplified conversion
        ("信息形成或变更之日起3个工作日内", LimitKind.WORKDAYS, 3, ""),
        # 预算法第十四条: "批准后二十日内" — calendar days, no 工作日 (s05)
        ("本级人民代表大会或其常务委员会批准后20日内", LimitKind.CALENDAR, 20, ""),
        ("批准后二十日内", LimitKind.CALENDAR, 20, ""),
        ("每月10日前", LimitKind.MONTHLY, 0, "10"),
        ("半年至少更新1次", LimitKind.HALF_YEARLY, 0, "end"),  # s08
        ("每季度至少更新一次", LimitKind.QUARTERLY, 0, "end"),
        ("实时更新", LimitKind.REALTIME, 0, ""),
        ("实时公开", LimitKind.REALTIME, 0, ""),  # s12
    ],
)
def test_the_limit_column_reads_the_real_spellings(text, kind, days, on):
    limit, note = read_limit(text)
    assert (limit.kind, limit.days, limit.on, note) == (kind, days, on, "")
    assert parse_limit(limit.label) == limit  # the label we write reads back the same


@pytest.mark.parametrize("text", ["及时公开", "常态化公开", "长期公开", "永久公开", "动态调整"])
def test_vague_words_fall_back_to_article_26_and_say_so(text):
    limit, note = read_limit(text)
    assert limit == PublicationLimit()  # 20 working days, 条例第二十六条
    assert f"“{text}”" in note and "条例第二十六条" in note


def test_a_limit_longer_than_twenty_working_days_needs_the_law_that_allows_it():
    # 条例第二十六条: "法律、法规对政府信息公开的期限另有规定的，从其规定"
    for text in ("每年3月31日前", "批准后三十日内", "信息形成之日起30个工作日内"):
        with pytest.raises(LimitError, match="长于条例第二十六条的20个工作日"):
            read_limit(text)
    # the row's 公开依据 names the law: kept with the limit, the 条例 itself is not one
    limit, _ = read_limit(
        "每年3月31日前",
        basis="《中华人民共和国政府信息公开条例》、《中华人民共和国预算法》第十四条",
    )
    assert (limit.kind, limit.on, limit.law) == (
        LimitKind.YEARLY,
        "3-31",
        "《中华人民共和国预算法》",
    )
    assert limit.label == "每年3月31日前" and limit.basis == "《中华人民共和国预算法》"
    # 28 calendar days never exceed 20 working days (four whole weeks): no law needed
    assert read_limit("批准后二十八日内")[0].days == 28


def test_calendar_days_do_not_count_the_start_day_and_end_after_a_holiday(calendar):
    limit = PublicationLimit(LimitKind.CALENDAR, 20)
    # 民法典第二百零一条: approved 2025-09-20, the 20 days run 9/21–10/10 (a working day)
    assert limit.due_after_forming(D(2025, 9, 20), calendar).date == D(2025, 10, 10)
    # approved 2025-09-15: the 20th day is 10/5, inside 国庆 (10/1–10/8); 第二百零三条 moves it
    # to the day after the holiday, Thursday 10/9
    assert limit.due_after_forming(D(2025, 9, 15), calendar).date == D(2025, 10, 9)


def test_fixed_dates_fall_in_the_next_period(calendar):
    monthly = PublicationLimit(LimitKind.MONTHLY, 0, "10")
    assert monthly.period_due(D(2025, 1, 31), calendar).date == D(2025, 2, 10)
    yearly = PublicationLimit(LimitKind.YEARLY, 0, "3-31", "《中华人民共和国预算法》")
    assert yearly.period_due(D(2025, 12, 31), calendar).date == D(2026, 3, 31)


def test_at_least_once_a_half_year_is_due_within_the_half_year(calendar):
    limit = PublicationLimit(LimitKind.HALF_YEARLY, 0, "end")
    kept = periodic_standing(
        limit,
        today=D(2025, 7, 15),
        last_published_on=D(2025, 3, 1),  # inside 2025年上半年
        calendar=calendar,
        soon_workdays=3,
    )
    assert (kept.period_label, kept.due, kept.standing) == (
        "2025年上半年",
        D(2025, 6, 30),
        Standing.PUBLISHED,
    )
    missed = periodic_standing(
        limit,
        today=D(2025, 7, 15),
        last_published_on=D(2024, 12, 1),
        calendar=calendar,
        soon_workdays=3,
    )
    assert missed.standing is Standing.OVERDUE
