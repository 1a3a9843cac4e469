"""Handling an application step by step, through the real transitions. Expected due dates
are the hand counts of tests/statute/test_deadlines.py (2024 arrangement)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications import transitions as t
from gongkai.applications.models import Application, EventKind, Status
from gongkai.core.models import AuditEntry
from gongkai.statute.deadlines import Channel, PauseKind

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
D = date


def test_an_application_handed_in_is_due_20_working_days_later(in_person, township):
    application = in_person(D(2024, 9, 27))
    assert application.received_on == D(2024, 9, 27)
    assert application.due_on == D(2024, 10, 30)  # spec/workdays.md worked example
    assert application.status == Status.OPEN and application.clock_state == "RUNNING"
    assert application.tracking_number == f"2024-{township.pk}-00001"
    assert AuditEntry.objects.filter(
        action="application.registered", object_id=str(application.pk)
    ).exists()


def test_tracking_numbers_run_per_agency_and_year(in_person, township):
    numbers = [in_person(D(2024, 3, day)).tracking_number for day in (4, 5)]
    numbers.append(in_person(D(2025, 3, 3)).tracking_number)
    assert numbers == [
        f"2024-{township.pk}-00001",
        f"2024-{township.pk}-00002",
        f"2025-{township.pk}-00001",
    ]


def test_the_query_code_is_checked_but_never_stored(township, clerk):
    application, code = t.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=D(2024, 3, 4),
        today=D(2024, 3, 4),
        **APPLICANT,
    )
    assert application.query_code_matches(code)
    assert application.query_code_matches(code.lower())
    assert not application.query_code_matches("WRONG123")
    assert code not in application.query_code_digest


def test_registered_post_counts_from_the_signing_day(township, clerk):
    application, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.REGISTERED_POST,
        submitted_on=D(2024, 2, 28),
        signed_on=D(2024, 3, 4),
        today=D(2024, 3, 5),
        **APPLICANT,
    )
    assert (application.received_on, application.due_on) == (D(2024, 3, 4), D(2024, 4, 1))


def test_post_without_a_signing_day_is_refused_in_chinese(township, clerk):
    with pytest.raises(t.TransitionError, match="签收日期"):
        t.register_application(
            township,
            by=clerk,
            channel=Channel.REGISTERED_POST,
            submitted_on=D(2024, 3, 4),
            today=D(2024, 3, 5),
            **APPLICANT,
        )


def test_an_online_application_runs_from_its_confirmation(
    township, clerk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application, code = t.submit_online(township, today=D(2024, 9, 26), **APPLICANT)
    assert (application.status, application.due_on) == (Status.AWAITING_CONFIRMATION, None)
    # issue 4: tracking number and query code shown on screen and mailed to the applicant
    assert application.tracking_number in mailoutbox[0].body and code in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        t.confirm_receipt(application, by=clerk, on=D(2024, 9, 27))
    application.refresh_from_db()
    assert (application.received_on, application.due_on) == (D(2024, 9, 27), D(2024, 10, 30))
    assert "2024年9月27日" in mailoutbox[1].body  # no leading zeros


def test_a_correction_stops_the_clock_and_restarts_it(in_person, clerk):
    application = in_person(D(2024, 9, 27))
    t.request_correction(
        application, by=clerk, on=D(2024, 10, 8), period_workdays=10, what="请写明所需信息的年份"
    )
    assert (application.due_on, application.clock_state) == (None, "AWAITING_CORRECTION")
    t.record_correction(application, by=clerk, on=D(2024, 10, 16))
    assert application.due_on == D(2024, 11, 13)  # 20 working days after 10/16


def test_a_second_correction_request_is_refused_as_article_30_asks_once(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=5, what="不明确")
    t.record_correction(application, by=clerk, on=D(2024, 3, 7))
    with pytest.raises(t.TransitionError, match="条例第三十条：补正应当一次性告知"):
        t.request_correction(
            application, by=clerk, on=D(2024, 3, 8), period_workdays=5, what="仍不明确"
        )
    # still unclear after the correction is an outcome, 三（四）3
    t.reply(application, by=clerk, on=D(2024, 3, 11), outcome="三（四）3", text="仍不明确")
    assert application.outcome == "三（四）3"


def test_an_extension_needs_a_reviewers_approval(
    in_person, clerk, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    application = in_person(D(2024, 9, 27))
    t.request_extension(application, by=clerk, on=D(2024, 10, 21), workdays=20, reason="需调取档案")
    assert application.due_on == D(2024, 10, 30)  # not yet approved
    with pytest.raises(t.TransitionError, match="审核人"):
        t.approve_extension(application, by=clerk, on=D(2024, 10, 22))
    with django_capture_on_commit_callbacks(execute=True):
        t.approve_extension(application, by=reviewer, on=D(2024, 10, 22))
    assert application.due_on == D(2024, 11, 27)  # DESIGN.md's example
    granted = application.events.get(kind=EventKind.EXTENDED)
    assert (granted.workdays, granted.approved_by) == (20, reviewer)
    assert "需调取档案" in mailoutbox[-1].body
    with pytest.raises(t.TransitionError, match="不得超过20个工作日"):
        t.request_extension(application, by=clerk, on=D(2024, 10, 23), workdays=1, reason="再延")


def test_a_third_party_consultation_pauses_the_clock(in_person, clerk):
    application = in_person(D(2024, 9, 27))
    t.start_consultation(application, by=clerk, on=D(2024, 10, 8), kind=PauseKind.THIRD_PARTY)
    assert application.clock_state == "PAUSED"
    t.end_consultation(application, by=clerk, on=D(2024, 10, 15), answer="同意")
    assert application.due_on == D(2024, 11, 7)  # issue 4: paused 6 working days


def test_a_fee_must_be_paid_before_the_reply_and_moves_the_due_date(in_person, clerk):
    application = in_person(D(2025, 3, 3))  # due 2025-03-31
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2025, 3, 10),
        method="per_page",
        pages=50,
        served_on=D(2025, 3, 10),
        served_how="当面送达",
    )
    with pytest.raises(t.TransitionError, match="尚未缴纳"):
        t.reply(application, by=clerk, on=D(2025, 3, 12), outcome="三（一）", text="予以公开")
    t.record_payment(application, by=clerk, on=D(2025, 3, 20), amount=Decimal("200"))
    assert application.due_on == D(2025, 4, 11)  # paused 8 working days


def test_an_unpaid_fee_concludes_as_abandoned_only_after_20_working_days(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=D(2024, 3, 5),
        served_how="当面送达",
    )
    # 20 working days after 3/5: 3/6–8 (3) 3/11–15 (8) 3/18–22 (13) 3/25–29 (18) 4/1–2 (20)
    with pytest.raises(t.TransitionError, match="2024年4月2日才届满"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 2))
    t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 3))
    assert (application.status, application.outcome) == (Status.CONCLUDED, "三（六）2")


def test_no_correction_in_time_concludes_as_abandoned(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=5, what="x")
    with pytest.raises(t.TransitionError, match="才届满"):
        t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 12))  # the 5th day
    t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 13))
    assert application.outcome == "三（六）1"


def test_a_reply_has_exactly_one_outcome_and_ends_the_handling(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="答复结果"):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（六）1", text="x")
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（二）",
        text="部分公开",
        withheld=[{"what": "讨论记录", "ground": "三（三）6"}],
    )
    assert (application.status, application.outcome, application.due_on) == (
        Status.CONCLUDED,
        "三（二）",
        None,
    )
    with pytest.raises(t.TransitionError, match="已办结"):
        t.reply(application, by=clerk, on=D(2024, 3, 21), outcome="三（一）", text="再答复")
    t.record_delivery(application, by=clerk, on=D(2024, 3, 21), how="电子邮件")
    assert application.events.filter(kind=EventKind.DELIVERED).exists()


def test_withdrawal_is_counted_as_other_handling(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.withdraw(application, by=clerk, on=D(2024, 3, 6), note="申请人电话撤回")
    assert application.outcome == "三（六）3"


def test_an_outsider_from_another_agency_is_refused_every_step(in_person, outsider):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="只有本机关"):
        t.reply(application, by=outsider, on=D(2024, 3, 5), outcome="三（一）", text="x")
    with pytest.raises(t.TransitionError, match="只有本机关"):
        t.request_correction(
            application, by=outsider, on=D(2024, 3, 5), period_workdays=5, what="x"
        )
    assert Application.objects.get(pk=application.pk).status == Status.OPEN


def test_a_later_date_under_article_35(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_reasons(application, by=clerk, on=D(2024, 3, 6), note="请说明申请理由")
    t.record_reasons(application, by=clerk, on=D(2024, 3, 8), answer="课题研究需要")
    t.set_later_date(
        application,
        by=clerk,
        on=D(2024, 3, 10),
        due=D(2024, 6, 28),
        reason="申请数量明显超过合理范围",
    )
    assert application.due_on == D(2024, 6, 28)


def test_an_appeal_is_pending_until_decided(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（三）1", text="不予公开")
    appeal = t.record_appeal(
        application, by=clerk, kind="reconsideration", filed_on=D(2024, 5, 6), body="云岭县人民政府"
    )
    assert appeal.result_at(D(2024, 12, 31)) == "pending"
    appeal = t.decide_appeal(appeal, by=clerk, decided_on=D(2025, 1, 10), result="upheld")
    assert appeal.result_at(D(2024, 12, 31)) == "pending"  # still open at the 2024 year end
    assert appeal.result_at(D(2025, 12, 31)) == "upheld"


def test_the_id_number_is_masked_for_lists(in_person):
    assert in_person(D(2024, 3, 4)).masked_id_number == "110***********002X"


def test_a_waived_fee_lets_the_clock_run_again(in_person, clerk):
    application = in_person(D(2025, 3, 3))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2025, 3, 10),
        method="per_page",
        pages=50,
        served_on=D(2025, 3, 10),
        served_how="当面送达",
    )
    t.waive_fee(application, by=clerk, on=D(2025, 3, 20), reason="申请人经济困难")
    assert application.due_on == D(2025, 4, 11)  # same 8-day pause as a payment on 3/20
    t.reply(application, by=clerk, on=D(2025, 3, 21), outcome="三（一）", text="予以公开")


def test_a_later_fee_unpaid_still_blocks_the_reply(in_person, clerk):
    application = in_person(D(2025, 3, 3))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2025, 3, 4),
        method="per_page",
        pages=40,
        served_on=D(2025, 3, 4),
        served_how="当面送达",
    )
    t.record_payment(application, by=clerk, on=D(2025, 3, 5), amount=Decimal("100"))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2025, 3, 6),
        method="per_page",
        pages=40,
        served_on=D(2025, 3, 6),
        served_how="当面送达",
    )
    with pytest.raises(t.TransitionError, match="尚未缴纳"):
        t.reply(application, by=clerk, on=D(2025, 3, 7), outcome="三（一）", text="x")


def test_asking_for_reasons_under_article_35_is_recorded(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_reasons(
        application, by=clerk, on=D(2024, 3, 6), note="本月已提出45件申请，请说明理由"
    )
    assert application.events.filter(kind=EventKind.REASONS_REQUESTED).exists()
    with pytest.raises(t.TransitionError, match="第三十五条"):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（五）4", text="无正当理由")
    t.record_reasons(application, by=clerk, on=D(2024, 3, 15), silent=True)
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（五）4", text="无正当理由")
    assert application.outcome == "三（五）4"


def test_a_fee_notice_and_its_pause_are_one_step(in_person, clerk):
    application = in_person(D(2025, 3, 3))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2025, 3, 10),
        method="per_page",
        pages=50,
        served_on=D(2025, 3, 10),
        served_how="当面送达",
    )
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds == [EventKind.FEE_NOTICE, EventKind.PAUSE_STARTED]
    audits = AuditEntry.objects.filter(
        object_id=str(application.pk), action__startswith="application."
    )
    assert list(audits.values_list("action", flat=True).order_by("id")) == [
        "application.registered",
        "application.fee_notice",
    ]


def test_a_waived_fee_cannot_later_be_called_unpaid(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=D(2024, 3, 5),
        served_how="当面送达",
    )
    t.waive_fee(application, by=clerk, on=D(2024, 3, 6), reason="困难群众")
    with pytest.raises(t.TransitionError, match="没有待缴"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 3))


def test_consultation_steps_refuse_when_no_consultation_is_open(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=D(2024, 3, 5),
        served_how="当面送达",
    )
    with pytest.raises(t.TransitionError, match="没有进行中的征求意见"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 6))
