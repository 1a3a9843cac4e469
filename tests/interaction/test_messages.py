"""A message's life: its clock in the agency's working days, numbers and query codes, the
four-eyes answer, publication without the asker, another channel's matter, and the 常见问题
staff write themselves."""

from datetime import date

import pytest

from gongkai.core.transitions import TransitionError
from gongkai.interaction import transitions as t
from gongkai.interaction.models import AnswerPeriods, Message, Status
from tests.interaction.conftest import ASKED_ON, answered

pytestmark = pytest.mark.django_db


def test_a_question_is_due_three_working_days_after_the_day_it_arrives(ask):
    # asked Friday 12 June 2026: Mon 15 (1), Tue 16 (2), Wed 17 (3)
    assert ask(kind="consult").due_on == date(2026, 6, 17)


def test_a_suggestion_gets_ten_working_days_and_the_dragon_boat_holiday_is_not_counted(ask):
    # 15, 16, 17, 18 June (4); 19–21 June 端午 off; 22–26 (9); 29 June (10)
    assert ask(kind="suggest").due_on == date(2026, 6, 29)


def test_the_countys_periods_hold_for_its_townships_until_they_set_their_own(ask, township, county):
    AnswerPeriods.objects.create(agency=county, consult=5)
    # 15, 16, 17, 18 (4); 19–21 off; 22 June (5)
    assert ask(kind="consult").due_on == date(2026, 6, 22)
    AnswerPeriods.objects.create(agency=township, consult=1)
    assert ask(kind="consult").due_on == date(2026, 6, 15)


def test_numbers_run_per_agency_and_year_and_each_code_opens_only_its_own_message(township):
    first, first_code = t.submit(
        township, today=ASKED_ON, kind="consult", subject="一", body="问一", contact="1"
    )
    second, second_code = t.submit(
        township, today=ASKED_ON, kind="complain", subject="二", body="问二", contact="1"
    )
    assert first.tracking_number == f"LY2026-{township.pk}-00001"
    assert second.tracking_number == f"LY2026-{township.pk}-00002"
    assert first.query_code_matches(first_code)
    assert first.query_code_matches(first_code.lower())  # read aloud, typed in lower case
    assert not first.query_code_matches(second_code)


def test_an_error_report_needs_the_page_it_is_about(township):
    with pytest.raises(TransitionError, match="出错页面"):
        t.submit(township, today=ASKED_ON, kind="error", subject="错字", body="有错字")


def test_a_clerk_assigns_drafts_and_a_reviewer_answers(ask, clerk, reviewer):
    message = ask()
    t.assign(message, by=clerk, today=ASKED_ON, assignee=clerk)
    assert message.status == Status.ASSIGNED
    t.draft_answer(message, by=clerk, today=date(2026, 6, 15), text="可以申请。")
    assert message.status == Status.DRAFTED and message.answer == ""
    t.approve_answer(message, by=reviewer, today=date(2026, 6, 16))
    message.refresh_from_db()
    assert message.status == Status.ANSWERED
    assert message.answer == "可以申请。"
    assert message.answered_on == date(2026, 6, 16)
    assert message.late_workdays is None


def test_a_clerk_may_not_answer_without_review(ask, clerk):
    message = ask()
    t.draft_answer(message, by=clerk, today=ASKED_ON, text="可以申请。")
    with pytest.raises(TransitionError, match="审核人"):
        t.approve_answer(message, by=clerk, today=ASKED_ON)


def test_a_reviewer_who_wrote_the_draft_may_not_approve_it(ask, clerk_reviewer):
    message = ask()
    t.draft_answer(message, by=clerk_reviewer, today=ASKED_ON, text="可以申请。")
    offer = message.steps_for(clerk_reviewer, today=ASKED_ON)
    assert "approve" not in offer
    assert "两人审核" in offer.refusal("approve").sentence
    with pytest.raises(TransitionError, match="两人审核"):
        t.approve_answer(message, by=clerk_reviewer, today=ASKED_ON)


def test_a_late_answer_is_recorded_late_in_working_days(ask, clerk, reviewer):
    message = ask()  # due 17 June
    answered(message, clerk, reviewer, on=date(2026, 6, 22))
    # after 17 June: 18 (1), 19–21 端午 off, 22 (2)
    assert message.late_workdays == 2


def test_the_published_question_never_carries_the_askers_name(ask, clerk, reviewer):
    message = ask(name="张三丰", body="我是张三丰，请问低保怎么申请？")
    answered(message, clerk, reviewer, on=ASKED_ON)
    with pytest.raises(TransitionError, match="姓名或联系方式"):
        t.publish_answer(
            message, by=reviewer, today=ASKED_ON, question="我是张三丰，请问低保怎么申请？"
        )
    t.publish_answer(message, by=reviewer, today=ASKED_ON, question="请问低保怎么申请？")
    assert message.published_on == ASKED_ON
    assert list(Message.objects.published()) == [message]


def test_an_unanswered_message_cannot_be_published(ask, reviewer):
    message = ask()
    with pytest.raises(TransitionError, match="不能公开答复"):
        t.publish_answer(message, by=reviewer, today=ASKED_ON, question="问")


def test_a_request_for_information_is_answered_with_the_application_form(ask, clerk, township):
    message = ask(subject="请公开征地补偿方案")
    t.answer_elsewhere(message, by=clerk, today=ASKED_ON, elsewhere="application")
    assert message.status == Status.REDIRECTED
    assert f"/agency/{township.index_prefix}/apply/" in message.answer
    assert "第二十七条" in message.answer


def test_a_petition_is_told_its_channel_by_name(ask, clerk):
    message = ask(kind="complain")
    t.answer_elsewhere(message, by=clerk, today=ASKED_ON, elsewhere="petition")
    assert "信访" in message.answer
    hotline = ask(kind="complain")
    t.answer_elsewhere(hotline, by=clerk, today=ASKED_ON, elsewhere="hotline")
    assert "12345" in hotline.answer


def test_an_error_report_closes_only_with_an_answer(ask, clerk, reviewer):
    report = ask(kind="error", page_url="https://example.gov.cn/item/1/")
    with pytest.raises(TransitionError, match="网站找错须由本机关答复后办结"):
        t.answer_elsewhere(report, by=clerk, today=ASKED_ON, elsewhere="hotline")
    answered(report, clerk, reviewer, on=ASKED_ON, text="已更正，谢谢。")
    assert report.status == Status.ANSWERED
    with pytest.raises(TransitionError, match="不列入常见问题"):
        t.publish_answer(report, by=reviewer, today=ASKED_ON, question="错字")


def test_staff_write_a_faq_that_appears_once_a_reviewer_approves_it(township, clerk, reviewer):
    faq = t.write_faq(
        township, by=clerk, today=ASKED_ON, question="低保标准是多少？", answer="每月800元。"
    )
    assert not Message.objects.published().exists()
    t.approve_answer(faq, by=reviewer, today=ASKED_ON)
    assert list(Message.objects.published()) == [faq]
    assert faq.late_workdays is None


def test_an_outsider_is_refused_every_step(ask, outsider):
    message = ask()
    with pytest.raises(TransitionError, match="只有本机关"):
        t.draft_answer(message, by=outsider, today=ASKED_ON, text="答")
