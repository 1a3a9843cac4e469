"""A 行政复议 or 诉讼 may be brought against a reply, and against a failure to reply within
the period (条例第五十一条; 行政复议法（2023）第十一条 lists 不履行政府信息公开义务). The declared
step "appeal" says which, as of the day the case was filed; record_appeal checks it under its
lock, so the page's offer and the transition cannot drift apart. Hand-counted due date: handed
in on Monday 4 March 2024, 20 working days (条例第三十三条) from the next day, 2024 has no
holiday before 清明 on 4 April: 5–8, 11–15, 18–22, 25–29 March (19 days), 1 April is the 20th."""

import re
from datetime import date

import pytest

from gongkai.applications import transitions as t
from gongkai.core.steps import steps_for
from gongkai.core.transitions import TransitionError

pytestmark = pytest.mark.django_db
D = date
DUE = D(2024, 4, 1)
NOT_YET = (
    "条例第五十一条：尚未答复，答复期限（至2024年4月1日）也未在答复前届满，"
    "没有可以申请行政复议或提起诉讼的答复或不履行答复义务的情形"
)


def test_an_appeal_against_a_reply_is_recorded_from_the_reply_date(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（三）1", text="不予公开")
    assert "appeal" not in steps_for(application, clerk, today=D(2024, 3, 19))
    assert "appeal" in steps_for(application, clerk, today=D(2024, 3, 20))
    with pytest.raises(TransitionError, match=r"^申请或起诉日期不能早于答复日期（2024年3月20日）$"):
        t.record_appeal(application, by=clerk, kind="reconsideration", filed_on=D(2024, 3, 19))
    appeal = t.record_appeal(application, by=clerk, kind="reconsideration", filed_on=D(2024, 3, 20))
    assert application.appeals.get() == appeal


def test_an_appeal_against_no_reply_is_recorded_once_the_period_has_passed(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    assert application.due_on == DUE
    # on the due day itself the agency may still reply: no failure yet
    offer = steps_for(application, clerk, today=DUE)
    assert "appeal" not in offer
    assert offer.refusal("appeal").sentence == NOT_YET
    with pytest.raises(TransitionError, match=f"^{re.escape(NOT_YET)}$"):
        t.record_appeal(application, by=clerk, kind="direct_suit", filed_on=DUE)
    # the day after, the application is still open and unanswered: 不作为 can be challenged
    assert "appeal" in steps_for(application, clerk, today=D(2024, 4, 2))
    appeal = t.record_appeal(application, by=clerk, kind="direct_suit", filed_on=D(2024, 4, 2))
    application.refresh_from_db()
    assert application.status == "open"  # still to be answered
    # its result is recorded on the open application too
    assert "appeal_decided" in steps_for(application, clerk, today=D(2024, 6, 3))
    decided = t.decide_appeal(appeal, by=clerk, decided_on=D(2024, 6, 3), result="corrected")
    assert decided.result_at(D(2024, 12, 31)) == "corrected"
    offer = steps_for(application, clerk, today=D(2024, 6, 4))
    assert offer.refusal("appeal_decided").sentence == "本申请没有尚未审结的复议或诉讼案件"
    with pytest.raises(TransitionError, match=r"^本申请没有尚未审结的复议或诉讼案件$"):
        t.decide_appeal(appeal, by=clerk, decided_on=D(2024, 6, 4), result="upheld")


def test_no_appeal_lies_against_an_application_withdrawn_within_its_period(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.withdraw(application, by=clerk, on=D(2024, 3, 15))
    # the period never ran out while it was pending: neither a reply nor a failure to reply
    assert "appeal" not in steps_for(application, clerk, today=D(2024, 5, 6))
    with pytest.raises(TransitionError, match=r"^条例第五十一条"):
        t.record_appeal(application, by=clerk, kind="reconsideration", filed_on=D(2024, 5, 6))


def test_an_application_withdrawn_after_its_period_ran_out_unanswered_may_be_appealed(
    in_person, clerk
):
    application = in_person(D(2024, 3, 4))
    t.withdraw(application, by=clerk, on=D(2024, 4, 10))
    appeal = t.record_appeal(application, by=clerk, kind="reconsideration", filed_on=D(2024, 4, 8))
    assert appeal.filed_on == D(2024, 4, 8)
