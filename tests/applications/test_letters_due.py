"""The 工作台 says which notice a recorded step still owes, until a notice of that kind is
issued for it (issue 25). State through the real transitions and the real letter functions;
the day is fixed (Tuesday 8 October 2024, after 国庆: 12 October is a make-up working day)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.letters_due import letter_lines
from gongkai.applications.models import LetterKind
from gongkai.core.calendar import current_calendar
from gongkai.core.workbench import Urgency, due_lines

pytestmark = pytest.mark.django_db
DAY = date(2024, 10, 8)


@pytest.fixture(autouse=True)
def _on_the_day(travel_to):
    travel_to(DAY, tick=False)


def agencies_of(user):
    held: dict = {}
    for m in user.memberships.select_related("agency"):
        held.setdefault(m.agency, set()).add(m.role)
    return held


def owed(user, title: str) -> list[str]:
    lines = due_lines(user=user, agencies=agencies_of(user), today=DAY, calendar=current_calendar())
    return [line.text for line in lines if f"（{title}）：请出具" in line.text]


def issued(application, kind, clerk, on=DAY):
    letter = draft_letter(application, kind=kind, by=clerk, on=on)
    return issue_letter(letter, by=clerk, on=on)


def test_a_correction_asks_for_its_notice_until_it_is_issued(in_person, clerk, outsider):
    application = in_person(date(2024, 9, 27), information_title="待补正的申请")
    assert owed(clerk, "待补正的申请") == []
    t.request_correction(
        application, by=clerk, on=DAY, period_workdays=10, what="请写明所需信息的年份"
    )
    assert owed(clerk, "待补正的申请") == [
        f"申请 {application.tracking_number}（待补正的申请）："
        "请出具政府信息公开申请补正告知书（2024年10月8日登记“告知补正”）"
    ]
    line = next(
        line
        for line in due_lines(
            user=clerk, agencies=agencies_of(clerk), today=DAY, calendar=current_calendar()
        )
        if "待补正的申请" in line.text
    )
    assert line.urgency is Urgency.WAITING
    assert line.url == reverse("office:application", args=[application.pk]) + "#letters"
    assert owed(outsider, "待补正的申请") == []  # another agency's staff are not asked
    # a draft is not a notice: the line stays until it is issued
    draft = draft_letter(application, kind=LetterKind.CORRECTION, by=clerk, on=DAY)
    assert len(owed(clerk, "待补正的申请")) == 1
    issue_letter(draft, by=clerk, on=DAY)
    assert owed(clerk, "待补正的申请") == []


def test_an_extension_and_a_fee_each_ask_for_their_own_notice(in_person, clerk, reviewer):
    application = in_person(date(2024, 9, 2), information_title="延期并收费的申请")
    t.request_extension(application, by=clerk, on=date(2024, 9, 20), workdays=20, reason="需调档")
    # asked but not approved: nothing to tell the applicant yet
    assert owed(clerk, "延期并收费的申请") == []
    t.approve_extension(application, by=reviewer, on=date(2024, 9, 23))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=date(2024, 9, 24),
        method="per_page",
        pages=40,
        served_on=date(2024, 9, 24),
        served_how="当面送达",
    )
    lines = owed(clerk, "延期并收费的申请")
    assert [line.split("：", 1)[1] for line in lines] == [
        "请出具政府信息公开申请延期答复告知书（2024年9月23日登记“批准延期”）",
        "请出具信息处理费收费通知书（2024年9月24日登记“发出收费通知”）",
    ]
    assert owed(reviewer, "延期并收费的申请") == []  # the reviewer does not issue notices
    # the receipt is a notice of another kind: it answers neither step
    issued(application, LetterKind.RECEIPT, clerk)
    assert len(owed(clerk, "延期并收费的申请")) == 2
    issued(application, LetterKind.FEE, clerk)
    assert owed(clerk, "延期并收费的申请") == [lines[0]]
    issued(application, LetterKind.EXTENSION, clerk)
    assert owed(clerk, "延期并收费的申请") == []


def test_only_a_third_party_is_consulted_by_letter(in_person, clerk):
    third = in_person(date(2024, 9, 27), information_title="征求第三方的申请")
    other = in_person(date(2024, 9, 27), information_title="征求其他机关的申请")
    t.start_consultation(third, by=clerk, on=DAY, kind=t.PauseKind.THIRD_PARTY)
    t.start_consultation(other, by=clerk, on=DAY, kind=t.PauseKind.OTHER_AGENCY)
    assert [line.split("：", 1)[1] for line in owed(clerk, "征求第三方的申请")] == [
        "请出具征求第三方意见书（2024年10月8日登记“征求第三方意见”）"
    ]
    assert owed(clerk, "征求其他机关的申请") == []


def test_a_concluded_application_no_longer_asks(in_person, clerk):
    application = in_person(date(2024, 9, 27), information_title="已撤回的申请")
    t.request_correction(application, by=clerk, on=DAY, period_workdays=10, what="请写明年份")
    assert len(owed(clerk, "已撤回的申请")) == 1
    t.withdraw(application, by=clerk, on=DAY, note="申请人书面撤回")
    assert owed(clerk, "已撤回的申请") == []


def test_the_lines_cost_one_statement_however_many_steps_owe(
    in_person, clerk, django_assert_num_queries
):
    for n in range(3):
        application = in_person(date(2024, 9, 27), information_title=f"第{n}件")
        t.request_correction(application, by=clerk, on=DAY, period_workdays=10, what="请写明年份")
    held = agencies_of(clerk)
    calendar = current_calendar()
    with django_assert_num_queries(1):
        lines = letter_lines(user=clerk, agencies=held, today=DAY, calendar=calendar)
    assert sum("补正告知书" in line.text for line in lines) >= 3


def test_the_workbench_page_shows_the_line(in_person, clerk, client):
    application = in_person(date(2024, 9, 27), information_title="页面上的申请")
    t.request_correction(application, by=clerk, on=DAY, period_workdays=10, what="请写明年份")
    client.force_login(clerk)
    page = client.get(reverse("office:home")).content.decode()
    assert "请出具政府信息公开申请补正告知书" in page
    assert reverse("office:application", args=[application.pk]) + "#letters" in page
