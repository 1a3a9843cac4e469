"""The deadline engine against dates counted by hand on the 2024–2026 arrangements of
spec/workdays.md (2027 unknown: weekends only, provisional). Each case's comment shows the
count: "(n)" is the n-th working day."""

from datetime import date

import pytest

from gongkai.statute.deadlines import (
    Channel,
    ClockState,
    Corrected,
    CorrectionRequested,
    DeadlineError,
    Extended,
    LaterDateSet,
    PauseEnded,
    PauseKind,
    PauseStarted,
    Received,
    compute,
    date_of_receipt,
)
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements

D = date
THIRD, OTHER, FEE = PauseKind.THIRD_PARTY, PauseKind.OTHER_AGENCY, PauseKind.FEE


@pytest.fixture(scope="module")
def calendar():
    return WorkdayCalendar(builtin_arrangements())


def received(on):
    return Received(on, Channel.IN_PERSON)


REPLY_DUE = [
    (D(2024, 3, 4), D(2024, 4, 1), "spec: no holiday in between"),
    (
        D(2024, 9, 27),
        D(2024, 10, 30),
        "spec: 9/29 (1) 9/30 (2) 10/8–11 (6) Sat 10/12 (7) … 10/30 (20)",
    ),
    (D(2024, 1, 2), D(2024, 1, 30), "1/3–5 (3) … 1/29 (19) 1/30 (20)"),
    (
        D(2024, 2, 1),
        D(2024, 3, 5),
        "2/2 (1) Sun 2/4 (2) 2/5–9 (7) Sun 2/18 (8) … 3/4 (19) 3/5 (20)",
    ),
    (D(2024, 4, 3), D(2024, 5, 6), "Sun 4/7 (1) … Sun 4/28 (17) 4/29 (18) 4/30 (19) 5/6 (20)"),
    (D(2024, 6, 3), D(2024, 7, 2), "6/10 off: 6/4–7 (4) 6/11–14 (8) … 7/1 (19) 7/2 (20)"),
    (D(2024, 9, 2), D(2024, 9, 30), "Sat 9/14 (10), 9/15–17 off, Sun 9/29 (19), 9/30 (20)"),
    (D(2024, 12, 16), D(2025, 1, 14), "12/31 (11), 1/1 off, 1/2–3 (13) … 1/14 (20)"),
    (D(2025, 1, 20), D(2025, 2, 21), "Sun 1/26 (5) 1/27 (6) 1/28–2/4 off 2/5–7 (9) Sat 2/8 (10)"),
    (D(2025, 4, 25), D(2025, 5, 27), "Sun 4/27 (1) 4/28–30 (4) 5/1–5 off 5/6–9 (8) … 5/27 (20)"),
    (D(2025, 9, 22), D(2025, 10, 24), "Sun 9/28 (5) 9/30 (7) 10/1–8 off Sat 10/11 (10) … 10/24"),
    (D(2025, 12, 22), D(2026, 1, 20), "12/31 (7) 1/1–3 off Sun 1/4 (8) … 1/20 (20)"),
    (D(2026, 2, 9), D(2026, 3, 13), "Sat 2/14 (5) 2/15–23 off 2/24–27 (9) Sat 2/28 (10) … 3/13"),
    (D(2026, 9, 14), D(2026, 10, 16), "Sun 9/20 (5) 9/25–27 off 9/30 (12) 10/1–7 off Sat 10/10"),
    (D(2026, 11, 27), D(2026, 12, 25), "no holiday: four weeks"),
]


@pytest.mark.parametrize(("on", "due", "count"), REPLY_DUE)
def test_the_reply_is_due_20_working_days_after_receipt(calendar, on, due, count):
    deadline = compute([received(on)], calendar, today=on)
    assert (deadline.due, deadline.provisional, deadline.state) == (due, False, ClockState.RUNNING)


def test_a_december_application_is_due_in_an_unknown_year_provisionally(calendar):
    # 12/15–18 (4) 12/21–25 (9) 12/28–31 (13); 2027 not arranged: 元旦 Fri 1/1 off
    # (放假办法第二条), 1/4–8 (18), 1/11 (19), 1/12 (20)
    deadline = compute([received(D(2026, 12, 14))], calendar, today=D(2026, 12, 14))
    assert (deadline.due, deadline.provisional) == (D(2027, 1, 12), True)
    assert "2027年1月12日" in deadline.explanation[0]  # no leading zeros


def test_the_correction_request_is_due_within_7_working_days(calendar):
    # 9/29 (1) 9/30 (2) 10/8 (3) … 10/11 (6) make-up Saturday 10/12 (7)
    deadline = compute([received(D(2024, 9, 27))], calendar, today=D(2024, 9, 27))
    assert deadline.correction_request_by == D(2024, 10, 12)


def test_a_correction_request_stops_the_reply_clock(calendar):
    events = [received(D(2024, 9, 27)), CorrectionRequested(D(2024, 10, 8), 15)]
    deadline = compute(events, calendar, today=D(2024, 10, 20))
    # 10/9–11 (3) Sat 10/12 (4) 10/14–18 (9) 10/21–25 (14) 10/28 (15)
    assert (deadline.due, deadline.state) == (None, ClockState.AWAITING_CORRECTION)
    assert deadline.waiting_until == D(2024, 10, 28)
    assert not deadline.overdue


def test_the_corrected_application_restarts_the_reply_period(calendar):
    events = [
        received(D(2024, 9, 27)),
        CorrectionRequested(D(2024, 10, 8), 10),
        Corrected(D(2024, 10, 16)),
    ]
    # 10/17–18 (2) 10/21–25 (7) 10/28–11/1 (12) 11/4–8 (17) 11/11–13 (20)
    assert compute(events, calendar, today=D(2024, 10, 16)).due == D(2024, 11, 13)


def test_a_late_correction_request_is_said_so_and_does_not_stop_the_clock(calendar):
    # received Mon 3/4: 3/5–8 (4) 3/11–13 (7) → the request was due 3/13 (第三十条); the
    # reply period still runs from the receipt: due 4/1 (spec/applications.md, corrected)
    events = [received(D(2024, 3, 4)), CorrectionRequested(D(2024, 3, 14), 10)]
    deadline = compute(events, calendar, today=D(2024, 3, 14))
    assert deadline.correction_request_by == D(2024, 3, 13)
    assert "已超过" in deadline.explanation[1]
    assert (deadline.due, deadline.state) == (D(2024, 4, 1), ClockState.RUNNING)
    events.append(Corrected(D(2024, 3, 20)))
    assert compute(events, calendar, today=D(2024, 4, 2)).overdue


def test_an_extension_after_the_ordinary_period_moves_nothing(calendar):
    # 第三十三条第二款: approved within the 20 working days or not at all; due stays 4/1
    events = [received(D(2024, 3, 4)), Extended(D(2024, 4, 2), 20)]
    deadline = compute(events, calendar, today=D(2024, 4, 3))
    assert (deadline.due, deadline.overdue, deadline.ordinary_due) == (
        D(2024, 4, 1),
        True,
        D(2024, 4, 1),
    )


def test_a_pause_started_after_the_due_date_moves_nothing(calendar):
    # 第三十三条第三款 leaves out consultation time inside the period; 4/1 has passed
    events = [
        received(D(2024, 3, 4)),
        PauseStarted(D(2024, 4, 2), PauseKind.THIRD_PARTY),
        PauseEnded(D(2024, 4, 10), PauseKind.THIRD_PARTY),
    ]
    deadline = compute(events, calendar, today=D(2024, 4, 12))
    assert (deadline.due, deadline.overdue) == (D(2024, 4, 1), True)
    still_open = compute(events[:2], calendar, today=D(2024, 4, 3))
    assert (still_open.state, still_open.overdue) == (ClockState.RUNNING, True)


@pytest.mark.parametrize(
    ("receipt", "extensions", "due", "count"),
    [
        (D(2024, 9, 27), [20], D(2024, 11, 27), "DESIGN.md: 10/30 + 20 → 11/27"),
        (
            D(2024, 12, 16),
            [10],
            D(2025, 1, 27),
            "1/14 + 10: 1/15–17 (3) 1/20–24 (8) Sun 1/26 (9) 1/27",
        ),
        (D(2024, 3, 4), [5, 15], D(2024, 4, 29), "4/1 + 5: 4/2–3, Sun 4/7, 4/8–9; + 15 → 4/29"),
    ],
)
def test_an_extension_adds_working_days_to_the_end_of_the_period(
    calendar, receipt, extensions, due, count
):
    events = [received(receipt)] + [Extended(receipt, days) for days in extensions]
    assert compute(events, calendar, today=receipt).due == due


def test_extensions_beyond_20_working_days_are_refused(calendar):
    events = [received(D(2024, 3, 4)), Extended(D(2024, 3, 20), 15), Extended(D(2024, 3, 25), 10)]
    with pytest.raises(DeadlineError, match="不得超过20个工作日"):
        compute(events, calendar, today=D(2024, 3, 25))


@pytest.mark.parametrize(
    ("receipt", "pause", "due", "count"),
    [
        (
            D(2024, 9, 27),
            (THIRD, D(2024, 10, 8), D(2024, 10, 15)),
            D(2024, 11, 7),
            "issue 4: 10/9–11, Sat 10/12, 10/14–15 = 6; 10/30 + 6: 10/31, 11/1, 11/4–7",
        ),
        (
            D(2025, 3, 3),
            (FEE, D(2025, 3, 10), D(2025, 3, 20)),
            D(2025, 4, 11),
            "3/11–14, 3/17–20 = 8; 3/31 + 8: 4/1–3, 4/4 清明 off, 4/7–11",
        ),
        (
            D(2024, 3, 4),
            (OTHER, D(2024, 3, 11), D(2024, 3, 11)),
            D(2024, 4, 1),
            "answered the day it was asked: nothing to add",
        ),
        (
            D(2024, 3, 4),
            (OTHER, D(2024, 3, 11), D(2024, 3, 15)),
            D(2024, 4, 8),
            "3/12–15 = 4; 4/1 + 4: 4/2, 4/3, Sun 4/7, 4/8",
        ),
    ],
)
def test_a_pause_moves_the_due_date_by_the_working_days_it_took(
    calendar, receipt, pause, due, count
):
    kind, start, end = pause
    events = [received(receipt), PauseStarted(start, kind), PauseEnded(end, kind)]
    deadline = compute(events, calendar, today=end)
    assert (deadline.due, deadline.state) == (due, ClockState.RUNNING)
    assert "不计入期限" in deadline.explanation[-1]


def test_a_pause_and_an_extension_add_up(calendar):
    events = [
        received(D(2024, 3, 4)),
        PauseStarted(D(2024, 3, 11), OTHER),
        PauseEnded(D(2024, 3, 15), OTHER),
        Extended(D(2024, 4, 1), 5),
    ]
    # 4/8 (after the pause) + 5: 4/9–12 (4), 4/15 (5)
    assert compute(events, calendar, today=D(2024, 4, 1)).due == D(2024, 4, 15)


def test_an_open_consultation_pauses_the_clock_until_its_15_working_days(calendar):
    events = [received(D(2024, 9, 27)), PauseStarted(D(2024, 10, 8), THIRD)]
    deadline = compute(events, calendar, today=D(2024, 10, 20))
    assert deadline.state is ClockState.PAUSED
    assert deadline.waiting_until == D(2024, 10, 28)  # 15 working days after 10/8
    assert deadline.workdays_left is None and not deadline.overdue


def test_an_unanswered_consultation_ends_when_its_period_runs_out(calendar):
    events = [received(D(2024, 9, 27)), PauseStarted(D(2024, 10, 8), THIRD)]
    deadline = compute(events, calendar, today=D(2024, 11, 1))
    # paused 15 working days (10/8 → 10/28); 10/30 + 15: 10/31, 11/1, 11/4–8, 11/11–15, 11/18–20
    assert (deadline.due, deadline.state) == (D(2024, 11, 20), ClockState.RUNNING)
    assert deadline.workdays_left == 13  # 11/4–8 (5) 11/11–15 (10) 11/18–20 (13)


def test_an_answer_after_the_15_working_days_counts_only_the_15(calendar):
    events = [
        received(D(2024, 9, 27)),
        PauseStarted(D(2024, 10, 8), THIRD),
        PauseEnded(D(2024, 11, 5), THIRD),
    ]
    # the pause ends at 10/28 (15 working days), as if unanswered: 10/30 + 15 → 11/20
    assert compute(events, calendar, today=D(2024, 11, 5)).due == D(2024, 11, 20)


def test_a_pause_into_an_unknown_year_is_provisional(calendar):
    # due 2026-12-29; paused 12/11, 12/14–18, 12/21–24 = 10; 12/30–31 (2), 元旦 1/1 off,
    # 1/4–8 (7), 1/11–13 (10)
    events = [
        received(D(2026, 12, 1)),
        PauseStarted(D(2026, 12, 10), THIRD),
        PauseEnded(D(2026, 12, 24), THIRD),
    ]
    deadline = compute(events, calendar, today=D(2026, 12, 24))
    assert (deadline.due, deadline.provisional) == (D(2027, 1, 13), True)


def test_a_reasonable_later_date_under_article_35_replaces_the_due_date(calendar):
    events = [received(D(2024, 3, 4)), LaterDateSet(D(2024, 3, 20), D(2024, 12, 31))]
    deadline = compute(events, calendar, today=D(2024, 3, 20))
    assert deadline.due == D(2024, 12, 31)
    assert "第三十五条" in deadline.explanation[-1]


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        (D(2024, 3, 4), 20, False),
        (D(2024, 3, 29), 1, False),  # Fri; due Mon 4/1
        (D(2024, 4, 1), 0, False),  # the due day itself is still in time
        (D(2024, 4, 2), -1, True),
    ],
)
def test_working_days_left_and_overdue(calendar, today, left, overdue):
    deadline = compute([received(D(2024, 3, 4))], calendar, today=today)
    assert (deadline.workdays_left, deadline.overdue) == (left, overdue)


@pytest.mark.parametrize(
    ("channel", "facts", "receipt"),
    [
        (Channel.IN_PERSON, {"submitted": D(2024, 5, 6)}, D(2024, 5, 6)),
        (
            Channel.REGISTERED_POST,
            {"submitted": D(2024, 5, 6), "signed": D(2024, 5, 8)},
            D(2024, 5, 8),
        ),
        (Channel.ORDINARY_LETTER, {"confirmed": D(2024, 5, 9)}, D(2024, 5, 9)),
        (Channel.ONLINE, {"submitted": D(2024, 5, 4), "confirmed": D(2024, 5, 6)}, D(2024, 5, 6)),
        (Channel.FAX, {"confirmed": D(2024, 5, 7)}, D(2024, 5, 7)),
    ],
)
def test_the_date_of_receipt_follows_article_31(channel, facts, receipt):
    assert date_of_receipt(channel, **facts) == receipt


def test_a_missing_fact_for_the_date_of_receipt_is_named():
    with pytest.raises(ValueError, match="签收日期"):
        date_of_receipt(Channel.REGISTERED_POST, submitted=D(2024, 5, 6))


@pytest.mark.parametrize(
    ("events", "says"),
    [
        ([Extended(D(2024, 3, 5), 5)], "第一个事件"),
        ([received(D(2024, 3, 4)), Corrected(D(2024, 3, 8))], "没有待补正"),
        (
            [
                received(D(2024, 3, 4)),
                CorrectionRequested(D(2024, 3, 6), 10),
                Extended(D(2024, 3, 7), 5),
            ],
            "等待补正期间",
        ),
        ([received(D(2024, 3, 4)), PauseEnded(D(2024, 3, 8), THIRD)], "没有进行中"),
    ],
)
def test_impossible_sequences_are_refused_in_chinese(calendar, events, says):
    with pytest.raises(DeadlineError, match=says):
        compute(events, calendar, today=D(2024, 3, 10))
