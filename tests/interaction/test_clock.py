"""A message left unanswered: on the 工作台 by its own clock, in the self-check as a deduction
once past its period and as 19号's veto (互动回应差) once more than 3 months old. The days are
chosen here; the month boundary is checked both sides."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.calendar import current_calendar
from gongkai.core.workbench import Urgency, due_lines
from gongkai.inspection import selfcheck
from gongkai.inspection.findings import Severity, score
from gongkai.inspection.interaction_checks import late_messages
from gongkai.interaction import transitions as t
from gongkai.interaction.clock import months_before
from gongkai.interaction.workbench import KIND
from tests.interaction.conftest import ASKED_ON, answered

pytestmark = pytest.mark.django_db


def agencies_of(user):
    held: dict = {}
    for m in user.memberships.select_related("agency"):
        held.setdefault(m.agency, set()).add(m.role)
    return held


def lines_for(user, today):
    lines = due_lines(
        user=user, agencies=agencies_of(user), today=today, calendar=current_calendar()
    )
    return [line for line in lines if line.kind == KIND]


def test_three_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 9, 13), 3) == date(2026, 6, 13)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 2, 15), 3) == date(2025, 11, 15)


def test_a_question_past_its_period_is_overdue_on_the_clerks_workbench(ask, clerk, reviewer):
    message = ask()  # due Wednesday 17 June 2026
    on_time = lines_for(clerk, date(2026, 6, 15))
    assert [line.urgency for line in on_time] == [Urgency.DUE_SOON]
    late = lines_for(clerk, date(2026, 6, 18))
    assert [line.urgency for line in late] == [Urgency.OVERDUE]
    assert message.tracking_number in late[0].text and "已过" in late[0].text
    assert late[0].url == reverse("office:message", args=[message.pk])
    assert lines_for(reviewer, date(2026, 6, 18)) == []  # nothing waits for the reviewer yet


def test_a_draft_waits_for_the_reviewer_not_the_clerk(ask, clerk, reviewer):
    message = ask()
    t.draft_answer(message, by=clerk, today=ASKED_ON, text="可以申请。")
    assert lines_for(clerk, ASKED_ON) == []
    [line] = lines_for(reviewer, ASKED_ON)
    assert "答复稿待审核" in line.text


def test_an_answered_message_leaves_the_workbench(ask, clerk, reviewer):
    answered(ask(), clerk, reviewer, on=ASKED_ON)
    assert lines_for(clerk, date(2026, 7, 1)) == lines_for(reviewer, date(2026, 7, 1)) == []


def findings(township, today):
    return list(late_messages([township], today, current_calendar()))


def test_past_its_period_a_message_costs_points_in_the_self_check(ask, township):
    message = ask()  # due 17 June
    assert findings(township, date(2026, 6, 17)) == []
    [finding] = findings(township, date(2026, 6, 18))
    assert finding.indicator == "interaction_late"
    assert finding.severity is Severity.DEDUCT
    assert finding.subject == f"留言 {message.tracking_number}"


def test_more_than_three_months_unanswered_fails_the_site(ask, township):
    ask()  # asked 12 June 2026
    # on 12 September it has waited exactly 3 months: still a deduction
    [finding] = findings(township, date(2026, 9, 12))
    assert finding.severity is Severity.DEDUCT
    # on 13 September more than 3 months: 互动回应差, 单项否决
    [finding] = findings(township, date(2026, 9, 13))
    assert finding.indicator == "interaction_unanswered"
    assert finding.severity is Severity.VETO
    result = score([finding], [township])[township.pk]
    assert result.verdict == "不合格（触发单项否决）"
    assert "互动回应差" in result.vetoed[0]


def test_the_whole_self_check_carries_the_veto(ask, township, travel_to):
    ask()
    travel_to(date(2026, 9, 14), tick=False)
    result = selfcheck.run([township], today=date(2026, 9, 14), calendar=current_calendar())
    codes = [f.indicator for f in result.findings]
    assert "interaction_unanswered" in codes
    assert any("互动回应差" in text for text in result.scores[township.pk].vetoed)


def test_a_faq_staff_write_is_never_late(township, clerk):
    t.write_faq(township, by=clerk, today=ASKED_ON, question="问", answer="答")
    assert findings(township, date(2026, 12, 1)) == []
    assert lines_for(clerk, date(2026, 12, 1)) == []
