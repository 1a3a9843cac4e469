"""No step can hide a late reply (issue 13), through the real transitions.

Every expected date is counted by hand against the State Council's 2024 arrangement
(spec/workdays.md): holidays 1/1; 2/10–2/17; 4/4–4/6; 5/1–5/5; 6/10; 9/15–9/17; 10/1–10/7;
make-up working days Sun 2/4, Sun 2/18, Sun 4/7, Sun 4/28, Sat 5/11, Sat 9/14, Sun 9/29,
Sat 10/12. The running example: received Mon 2024-03-04, due Mon 2024-04-01."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.applications import transitions as t
from gongkai.applications.models import Application, EventKind
from gongkai.statute.deadlines import Channel, PauseKind

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
D = date

# -- the worked cases of spec/applications.md's first two sections (receipt, periods) -----


def _register(township, clerk, channel, **dates):
    application, _ = t.register_application(
        township, by=clerk, channel=channel, today=D(2024, 10, 31), **dates, **APPLICANT
    )
    return application


def _in_person(township, clerk, on):
    return _register(township, clerk, Channel.IN_PERSON, submitted_on=on)


def case_in_person(township, clerk, reviewer):
    return _in_person(township, clerk, D(2024, 3, 4))


def case_registered_post(township, clerk, reviewer):
    # 第三十一条: the day the agency signs for it, not the day it was posted
    return _register(
        township,
        clerk,
        Channel.REGISTERED_POST,
        submitted_on=D(2024, 2, 28),
        signed_on=D(2024, 3, 4),
    )


def case_ordinary_letter(township, clerk, reviewer):
    # confirmed with the applicant on the day the letter arrived (Fri 9/27)
    return _register(
        township,
        clerk,
        Channel.ORDINARY_LETTER,
        submitted_on=D(2024, 9, 25),
        signed_on=D(2024, 9, 27),
        confirmed_on=D(2024, 9, 27),
    )


def case_fax(township, clerk, reviewer):
    # 双方确认之日
    return _register(
        township, clerk, Channel.FAX, submitted_on=D(2024, 9, 26), confirmed_on=D(2024, 9, 27)
    )


def case_corrected(township, clerk, reviewer):
    application = _in_person(township, clerk, D(2024, 3, 4))
    t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=10, what="年份")
    return t.record_correction(application, by=clerk, on=D(2024, 3, 11))


def case_extended(township, clerk, reviewer):
    application = _in_person(township, clerk, D(2024, 9, 27))
    t.request_extension(application, by=clerk, on=D(2024, 10, 21), workdays=20, reason="调档")
    return t.approve_extension(application, by=reviewer, on=D(2024, 10, 22))


def case_third_party(township, clerk, reviewer):
    application = _in_person(township, clerk, D(2024, 9, 27))
    t.start_consultation(application, by=clerk, on=D(2024, 10, 8), kind=PauseKind.THIRD_PARTY)
    return t.end_consultation(application, by=clerk, on=D(2024, 10, 15), answer="同意")


def case_other_agency_silent(township, clerk, reviewer):
    application = _in_person(township, clerk, D(2024, 3, 4))
    return t.start_consultation(
        application, by=clerk, on=D(2024, 3, 6), kind=PauseKind.OTHER_AGENCY
    )


WORKED_CASES = [
    # (case, received, due as of `today`, today, hand count)
    (
        case_in_person,
        D(2024, 3, 4),
        D(2024, 4, 1),
        D(2024, 3, 4),
        "当面：3/5–8 (4) 3/11–15 (9) 3/18–22 (14) 3/25–29 (19) 4/1 (20)",
    ),
    (
        case_registered_post,
        D(2024, 3, 4),
        D(2024, 4, 1),
        D(2024, 3, 4),
        "挂号：签收日 3/4 起算，同上",
    ),
    (
        case_ordinary_letter,
        D(2024, 9, 27),
        D(2024, 10, 30),
        D(2024, 9, 27),
        "平常信函：到达当日确认 9/27；9/29 调休上班 (1) 9/30 (2) 10/8–11 (6) 10/12 调休 (7) "
        "10/14–18 (12) 10/21–25 (17) 10/28–30 (20)",
    ),
    (case_fax, D(2024, 9, 27), D(2024, 10, 30), D(2024, 9, 27), "传真：双方确认 9/27，同上"),
    (
        case_corrected,
        D(2024, 3, 4),
        D(2024, 4, 9),
        D(2024, 3, 11),
        "补正 3/11 到达后重新计算：3/12–15 (4) 3/18–22 (9) 3/25–29 (14) 4/1–3 (17) "
        "4/4–6 放假，4/7 调休 (18) 4/8 (19) 4/9 (20)",
    ),
    (
        case_extended,
        D(2024, 9, 27),
        D(2024, 11, 27),
        D(2024, 10, 22),
        "延期20：10/31–11/1 (2) 11/4–8 (7) 11/11–15 (12) 11/18–22 (17) 11/25–27 (20)",
    ),
    (
        case_third_party,
        D(2024, 9, 27),
        D(2024, 11, 7),
        D(2024, 10, 15),
        "第三方 10/8 至 10/15 不计：10/9–11 (3) 10/12 调休 (4) 10/14–15 (6)；"
        "10/30 后 6 日：10/31 11/1 11/4–7",
    ),
    (
        case_other_agency_silent,
        D(2024, 3, 4),
        D(2024, 4, 23),
        D(2024, 4, 1),
        "其他机关 3/6 起 15 日未答视为同意：3/7–8 (2) 3/11–15 (7) 3/18–22 (12) 3/25–27 (15)；"
        "4/1 后 15 日：4/2–3 (2) 4/7 调休 (3) 4/8–12 (8) 4/15–19 (13) 4/22–23 (15)",
    ),
]


@pytest.mark.parametrize(
    ("case", "received", "due", "today", "count"),
    WORKED_CASES,
    ids=[case.__name__ for case, *_ in WORKED_CASES],
)
def test_the_specs_worked_cases(township, clerk, reviewer, case, received, due, today, count):
    application = case(township, clerk, reviewer)
    deadline = application.deadline(calendar=_calendar(), today=today)
    assert (application.received_on, deadline.due) == (received, due), count


def test_the_correction_notice_is_due_within_7_working_days(township, clerk):
    # 第三十条: 3/5–8 (4) 3/11–13 (7)
    application = _in_person(township, clerk, D(2024, 3, 4))
    deadline = application.deadline(calendar=_calendar(), today=D(2024, 3, 4))
    assert deadline.correction_request_by == D(2024, 3, 13)


def test_the_fee_is_due_20_working_days_from_the_day_after_the_notice_arrived(in_person, clerk):
    # 109号: served by post, signed Wed 3/6; 3/7–8 (2) 3/11–15 (7) 3/18–22 (12) 3/25–29 (17)
    # 4/1–3 (20): the last day to pay is 4/3, so 逾期未缴费 only from 4/4
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=D(2024, 3, 6),
        served_how="邮寄签收",
    )
    with pytest.raises(t.TransitionError, match=r"109号.*2024年4月3日才届满"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 3))
    t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 4))
    assert application.outcome == "三（六）2"


def test_a_posted_fee_notice_starts_the_payment_period_only_once_its_delivery_is_recorded(
    in_person, clerk
):
    # 109号: the 20 working days run from the day after the applicant received the notice;
    # a notice sent on Tue 3/5 by post has no period until the signed receipt is recorded
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=None,
        served_how="邮寄签收",
    )
    with pytest.raises(t.TransitionError, match="请先登记收费通知的送达日期"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 5, 6))
    with pytest.raises(t.TransitionError, match="不能早于发出日期"):
        t.record_fee_notice_served(application, by=clerk, on=D(2024, 3, 4), served_how="邮寄签收")
    # signed for on Fri 3/8: 3/11–15 (5) 3/18–22 (10) 3/25–29 (15) 4/1–3 (18), 4/4–6 清明,
    # Sun 4/7 a make-up working day (19), Mon 4/8 (20): the last day to pay is 4/8
    t.record_fee_notice_served(application, by=clerk, on=D(2024, 3, 8), served_how="邮寄签收")
    with pytest.raises(t.TransitionError, match="已经登记"):
        t.record_fee_notice_served(application, by=clerk, on=D(2024, 3, 9), served_how="邮寄签收")
    with pytest.raises(t.TransitionError, match=r"2024年4月8日才届满"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 8))
    t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 9))
    assert application.outcome == "三（六）2"


def _calendar():
    from gongkai.core.calendar import current_calendar

    return current_calendar()


# -- the clock cannot be revived ---------------------------------------------------------


def test_a_correction_notice_after_7_working_days_is_refused_and_the_due_date_stays(
    in_person, clerk
):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match=r"条例第三十条.*最迟2024年3月13日"):
        t.request_correction(
            application, by=clerk, on=D(2024, 3, 14), period_workdays=10, what="年份"
        )
    application.refresh_from_db()
    assert (application.due_on, application.clock_state) == (D(2024, 4, 1), "RUNNING")


def test_an_extension_after_the_ordinary_20_working_days_is_refused(in_person, clerk, reviewer):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match=r"条例第三十三条第二款.*2024年4月1日"):
        t.request_extension(application, by=clerk, on=D(2024, 4, 2), workdays=20, reason="调档")
    # requested in time, but approved too late: refused as well (approved within the period)
    t.request_extension(application, by=clerk, on=D(2024, 3, 29), workdays=20, reason="调档")
    with pytest.raises(t.TransitionError, match="条例第三十三条第二款"):
        t.approve_extension(application, by=reviewer, on=D(2024, 4, 2))
    assert Application.objects.get(pk=application.pk).due_on == D(2024, 4, 1)


def test_a_consultation_started_after_the_due_date_is_refused(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match=r"条例第三十二条.*2024年4月1日"):
        t.start_consultation(application, by=clerk, on=D(2024, 4, 2), kind=PauseKind.THIRD_PARTY)
    with pytest.raises(t.TransitionError, match="条例第三十四条"):
        t.start_consultation(application, by=clerk, on=D(2024, 4, 2), kind=PauseKind.OTHER_AGENCY)
    assert Application.objects.get(pk=application.pk).due_on == D(2024, 4, 1)


def test_a_step_dated_before_the_receipt_is_refused(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="不能早于收到申请的日期"):
        t.withdraw(application, by=clerk, on=D(2024, 3, 1))


def test_a_step_dated_before_the_previous_step_is_refused(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.start_consultation(application, by=clerk, on=D(2024, 3, 11), kind=PauseKind.THIRD_PARTY)
    with pytest.raises(t.TransitionError, match="不能早于上一办理步骤"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 8))


def test_a_step_dated_in_the_future_is_refused(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(t.TransitionError, match="不能晚于今天"):
        t.reply(application, by=clerk, on=tomorrow, outcome="三（一）", text="予以公开")


def test_a_reply_after_the_due_date_is_recorded_as_late_with_the_working_days(in_person, clerk):
    application = in_person(D(2024, 3, 4))  # due Mon 4/1
    t.reply(application, by=clerk, on=D(2024, 4, 3), outcome="三（一）", text="予以公开")
    # 4/2 (1) 4/3 (2): two working days late (条例第三十三条)
    assert application.late_workdays == 2
    assert application.events.get(kind=EventKind.REPLIED).workdays == 2


def test_a_reply_in_time_is_not_late(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(application, by=clerk, on=D(2024, 4, 1), outcome="三（一）", text="予以公开")
    assert application.late_workdays is None


# -- each outcome only after the step the law requires ------------------------------------


def test_still_unclear_after_correction_needs_a_received_correction(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="条例第三十条：“补正后申请内容仍不明确”"):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（四）3", text="不明确")


def test_abandonment_for_no_correction_waits_for_the_period_the_notice_set(in_person, clerk):
    # period 10 from 3/5: 3/6–8 (3) 3/11–15 (8) 3/18–19 (10)
    application = in_person(D(2024, 3, 4))
    t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=10, what="x")
    with pytest.raises(t.TransitionError, match="条例第三十条：补正期限到2024年3月19日才届满"):
        t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 19))
    t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 20))
    assert application.outcome == "三（六）1"


def test_a_later_date_under_article_35_needs_reasons_and_is_never_earlier_than_the_due_date(
    in_person, clerk
):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="条例第三十五条：须先要求申请人说明理由"):
        t.set_later_date(
            application, by=clerk, on=D(2024, 3, 6), due=D(2024, 5, 31), reason="数量大"
        )
    t.request_reasons(application, by=clerk, on=D(2024, 3, 6), note="请说明理由")
    t.record_reasons(application, by=clerk, on=D(2024, 3, 8), answer="课题研究")
    with pytest.raises(t.TransitionError, match="不能早于法定答复期限（2024年4月1日）"):
        t.set_later_date(
            application, by=clerk, on=D(2024, 3, 11), due=D(2024, 3, 29), reason="数量大"
        )
    t.set_later_date(application, by=clerk, on=D(2024, 3, 11), due=D(2024, 5, 31), reason="数量大")
    assert application.due_on == D(2024, 5, 31)


def test_a_later_date_cannot_revive_an_overdue_application(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_reasons(application, by=clerk, on=D(2024, 3, 6), note="请说明理由")
    t.record_reasons(application, by=clerk, on=D(2024, 3, 8), answer="课题研究")
    with pytest.raises(t.TransitionError, match="答复期限已于2024年4月1日届满"):
        t.set_later_date(application, by=clerk, on=D(2024, 4, 2), due=D(2024, 5, 31), reason="x")


def test_third_party_rights_only_after_the_third_party_answered_or_15_working_days_ran(
    in_person, clerk
):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="条例第三十二条"):
        t.reply(application, by=clerk, on=D(2024, 3, 5), outcome="三（三）4", text="商业秘密")
    # asked 3/6; 15 working days: 3/7–8 (2) 3/11–15 (7) 3/18–22 (12) 3/25–27 (15)
    t.start_consultation(application, by=clerk, on=D(2024, 3, 6), kind=PauseKind.THIRD_PARTY)
    with pytest.raises(t.TransitionError, match="条例第三十二条"):
        t.reply(application, by=clerk, on=D(2024, 3, 27), outcome="三（三）4", text="商业秘密")
    t.reply(application, by=clerk, on=D(2024, 3, 28), outcome="三（三）4", text="商业秘密")
    assert (application.outcome, application.late_workdays) == ("三（三）4", None)


def test_not_held_says_which_item_of_article_36_and_names_the_holder(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match=r"第四项.*第五项"):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（四）1", text="不掌握")
    with pytest.raises(t.TransitionError, match="条例第三十六条第五项"):
        t.reply(
            application,
            by=clerk,
            on=D(2024, 3, 20),
            outcome="三（四）1",
            text="不掌握",
            not_held_item="五",
        )
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（四）1",
        text="不属于本机关负责公开",
        not_held_item="五",
        reason="该信息由县自然资源局制作并保存",
        holder="云岭县自然资源局，电话0000-0000001",
    )
    assert application.events.get(kind=EventKind.REPLIED).details["holder"].startswith("云岭县")


# -- the date of receipt (第三十一条) -----------------------------------------------------


def test_a_receipt_date_before_the_submission_date_is_refused(township, clerk):
    with pytest.raises(t.TransitionError, match="条例第三十一条"):
        _register(
            township,
            clerk,
            Channel.REGISTERED_POST,
            submitted_on=D(2024, 3, 4),
            signed_on=D(2024, 3, 1),
        )


def test_an_ordinary_letter_confirmed_after_its_arrival_needs_a_reason(township, clerk):
    dates = {
        "submitted_on": D(2024, 3, 1),
        "signed_on": D(2024, 3, 4),
        "confirmed_on": D(2024, 3, 6),
    }
    with pytest.raises(t.TransitionError, match="条例第三十一条：平常信函应于收到信函当日"):
        _register(township, clerk, Channel.ORDINARY_LETTER, **dates)
    application, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.ORDINARY_LETTER,
        today=D(2024, 3, 6),
        late_confirmation_reason="信函未留电话，3月6日经邮件确认",
        **dates,
        **APPLICANT,
    )
    assert application.received_on == D(2024, 3, 6)
    assert "信函未留电话" in application.receipt_note


# -- fees (国办函〔2020〕109号) --------------------------------------------------------------


def test_the_fee_is_computed_from_the_applicants_month_by_id_digest(township, clerk):
    # the same applicant's 11th application in March 2024 pays the 11th rate: 100 元
    applications = [_in_person(township, clerk, D(2024, 3, 4)) for _ in range(11)]
    other_month = _in_person(township, clerk, D(2024, 4, 8))
    eleventh = applications[-1]
    assert t.fee_proposal(eleventh, method="per_item")["amount"] == 100
    assert t.fee_proposal(applications[9], method="per_item")["amount"] == 0
    assert t.fee_proposal(other_month, method="per_item")["quantity"] == 1
    with pytest.raises(t.TransitionError, match=r"应收100元.*请写明理由"):
        t.issue_fee_notice(
            eleventh,
            by=clerk,
            on=D(2024, 3, 5),
            method="per_item",
            amount=80,
            served_on=D(2024, 3, 5),
            served_how="当面送达",
        )
    t.issue_fee_notice(
        eleventh,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_item",
        amount=80,
        amount_reason="申请人为低保户，减收",
        served_on=D(2024, 3, 5),
        served_how="当面送达",
    )
    notice = eleventh.events.get(kind=EventKind.FEE_NOTICE)
    assert (notice.amount, notice.details["computed"]) == (80, "100")


def test_a_notice_that_would_charge_nothing_is_refused(township, clerk):
    application = _in_person(township, clerk, D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="不收费"):
        t.issue_fee_notice(
            application,
            by=clerk,
            on=D(2024, 3, 5),
            method="per_page",
            pages=30,
            served_on=D(2024, 3, 5),
            served_how="当面送达",
        )


# -- the published year ----------------------------------------------------------------


def test_a_step_dated_in_a_year_whose_report_is_published_waits_for_a_correction(
    in_person, clerk, township
):
    from gongkai.reports.models import AnnualReport, ReportStatus

    application = in_person(D(2024, 12, 2))
    AnnualReport.objects.create(
        agency=township, year=2024, status=ReportStatus.PUBLISHED, created_by=clerk
    )
    with pytest.raises(t.TransitionError, match="2024年度报告已经发布"):
        t.reply(application, by=clerk, on=D(2024, 12, 20), outcome="三（一）", text="予以公开")
    # in the next year nothing published is changed
    t.request_reasons(application, by=clerk, on=D(2025, 1, 3), note="请说明理由")
    AnnualReport.objects.create(agency=township, year=2024, version=2, created_by=clerk)
    with pytest.raises(t.TransitionError, match="不能早于上一办理步骤"):
        t.reply(application, by=clerk, on=D(2024, 12, 20), outcome="三（一）", text="予以公开")
    other = in_person(D(2024, 12, 2))  # the correction version (a draft) reopens the year
    t.reply(other, by=clerk, on=D(2024, 12, 20), outcome="三（一）", text="予以公开")
    assert other.concluded_on == D(2024, 12, 20)
