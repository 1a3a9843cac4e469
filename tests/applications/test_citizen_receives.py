"""What the applicant receives: the query code on the paper receipt, the fee (amount,
deadline, how to pay) wherever the applicant looks, the outcome of a reply in one sentence."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.letters import QUERY_CODE_MARK, draft_letter, issue_letter
from gongkai.applications.models import Application, LetterKind
from gongkai.applications.transitions import register_application
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db

PAYMENT = "通过“青石镇政务服务”微信小程序缴纳，或到镇便民服务中心窗口缴纳"


def _look_up(client, application, code):
    response = client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    assert response.status_code == 302, "the code opens the status page"
    return client.get(reverse("portal:status", args=[application.tracking_number]))


def test_the_paper_receipt_prints_a_query_code_that_opens_the_status_page(client, township, clerk):
    application, counter_code = register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2024, 3, 4),
        today=date(2024, 3, 4),
        **{**APPLICANT, "email": ""},  # no e-mail: the paper is all the applicant has
    )
    letter = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2024, 3, 4))
    assert QUERY_CODE_MARK in letter.body  # the draft cannot know the code: it is a digest
    issue_letter(letter, by=clerk, on=date(2024, 3, 4))
    letter.refresh_from_db()
    assert QUERY_CODE_MARK not in letter.body
    printed = letter.body.split("查询码：", 1)[1].split("。", 1)[0]
    assert len(printed) >= 8
    application.refresh_from_db()
    assert application.query_code_matches(printed)
    assert not application.query_code_matches(counter_code)  # the printed one replaces it
    assert reverse("portal:status", args=[application.tracking_number]) in letter.body
    page = _look_up(client, application, printed)
    assert page.status_code == 200 and application.tracking_number in page.text


def test_an_online_applicants_receipt_points_to_the_code_already_given(township, clerk, client):
    with time_machine.travel(date(2024, 3, 4), tick=False):
        application, code = t.submit_online(township, today=date(2024, 3, 4), **APPLICANT)
        t.confirm_receipt(application, by=clerk, on=date(2024, 3, 4))
        letter = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2024, 3, 4))
        issue_letter(letter, by=clerk, on=date(2024, 3, 4))
    letter.refresh_from_db()
    assert "提交申请时获得的查询码" in letter.body and QUERY_CODE_MARK not in letter.body
    assert Application.objects.get(pk=application.pk).query_code_matches(code)


def test_the_fee_says_amount_deadline_and_how_to_pay_in_mail_page_and_notice(
    client, township, clerk, django_capture_on_commit_callbacks
):
    township.fee_payment_method = PAYMENT
    township.save(update_fields=["fee_payment_method"])
    application, code = register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2024, 9, 2),
        today=date(2024, 9, 2),
        **APPLICANT,
    )
    mail.outbox.clear()
    with (
        time_machine.travel(date(2024, 9, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        t.issue_fee_notice(
            application,
            by=clerk,
            on=date(2024, 9, 10),
            method="per_page",
            pages=150,
            served_on=date(2024, 9, 10),
            served_how="当面送达",
        )
        # 109号 按量: 1–30 free, 31–100 at 10 (70 × 10 = 700), 101–150 at 20 (50 × 20 =
        # 1000) → 1700 元.
        # Pay by: 20 working days from 9/11: 9/11–13 (3), make-up Sat 9/14 (4), 9/18–20 (7),
        # 9/23–27 (12), make-up Sun 9/29 (13), 9/30 (14), 10/8–11 (18), make-up Sat 10/12
        # (19), 10/14 (20)
    sent = mail.outbox[-1]
    assert "1700元" in sent.body and "2024年10月14日" in sent.body
    assert PAYMENT in sent.body
    assert reverse("portal:status", args=[application.tracking_number]) in sent.body
    with time_machine.travel(date(2024, 9, 10), tick=False):
        page = _look_up(client, application, code)
        notice = draft_letter(application, kind=LetterKind.FEE, by=clerk, on=date(2024, 9, 10))
    assert page.status_code == 200
    text = page.text
    assert "1700元" in text and "2024年10月14日" in text and PAYMENT in text
    assert "收费金额：1700元" in notice.body and PAYMENT in notice.body
    client.force_login(clerk)
    with time_machine.travel(date(2024, 9, 10), tick=False):
        office = client.get(reverse("office:application", args=[application.pk]))
    assert "None" not in office.text
    assert "计时暂停：等待申请人缴纳信息处理费" in office.text
    assert "缴费期限至2024年10月14日" in office.text


def test_a_fee_without_a_recorded_payment_method_says_where_to_ask(
    township, clerk, in_person, django_capture_on_commit_callbacks
):
    township.fee_payment_method = ""
    township.save(update_fields=["fee_payment_method"])
    application = in_person(date(2024, 9, 2))
    mail.outbox.clear()
    with (
        time_machine.travel(date(2024, 9, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        t.issue_fee_notice(
            application,
            by=clerk,
            on=date(2024, 9, 10),
            method="per_page",
            pages=150,
            served_on=None,
            served_how="邮寄签收",
        )
    assert "缴费方式：请向本机关政府信息公开工作机构咨询缴费方式" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("outcome", "says"),
    [("三（一）", "予以公开"), ("三（三）5", "不予公开"), ("三（四）1", "本机关不掌握")],
)
def test_the_reply_mail_gives_the_outcome_in_one_sentence_and_the_link(
    in_person, clerk, outcome, says, django_capture_on_commit_callbacks
):
    application = in_person(date(2024, 3, 4))
    mail.outbox.clear()
    extra = {"not_held_item": "四"} if outcome == "三（四）1" else {}
    with django_capture_on_commit_callbacks(execute=True):
        t.reply(
            application, by=clerk, on=date(2024, 3, 20), outcome=outcome, text="见告知书", **extra
        )
    body = mail.outbox[-1].body
    first = body.splitlines()[0]
    assert says in first and application.tracking_number in first
    assert "三（" not in body  # never the annual report's counting label
    assert reverse("portal:status", args=[application.tracking_number]) in body


def test_the_reply_letter_says_the_decision_once(in_person, clerk):
    application = in_person(date(2024, 3, 4))
    t.reply(
        application,
        by=clerk,
        on=date(2024, 3, 20),
        outcome="三（一）",
        text=(
            "经审查，您申请公开的政府信息属于公开范围，本机关决定予以公开。"
            "您申请公开的政府信息属于公开范围，现予以公开。"
            "所需信息随本告知书以电子邮件附件提供。"
        ),
    )
    letter = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=date(2024, 3, 20))
    assert letter.body.count("属于公开范围") == 1
    assert "所需信息随本告知书以电子邮件附件提供。" in letter.body


def test_the_reply_form_asks_only_for_what_the_letter_does_not_say():
    from gongkai.applications.forms import ReplyForm

    field = ReplyForm().fields["text"]
    assert "请勿重复" in field.help_text and "告知书没有的内容" in field.help_text


def test_the_handling_page_counts_an_open_overdue_case_against_the_on_time_share(
    client, township, clerk, in_person
):
    # received Monday 2 March 2026, answered Friday 13 March: 9 working days, on time
    quick = in_person(date(2026, 3, 2))
    t.reply(quick, by=clerk, on=date(2026, 3, 13), outcome="三（一）", text="见附件")
    # received Monday 9 March 2026: 20 working days → due Friday 3 April (清明 is 4–6 April,
    # after it); still open on 20 April, so overdue
    in_person(date(2026, 3, 9))
    with time_machine.travel(date(2026, 4, 20), tick=False):
        html = client.get(reverse("portal:handling", args=[township.index_prefix])).text
    assert "已超过答复期限尚未答复 1 件" in html
    # one on time out of one answered plus one overdue: 50 %, not 100 %
    assert "按期答复 1 件，占 50%（按已答复与超期未答复合计计算）" in html
    # the overdue case falls in April, the month it fell due: 0 of 1
    assert '<th scope="row">4月</th><td>0</td><td>0</td><td>—</td><td>1</td><td>0%</td>' in html
