"""Every letter says what the law says (issue 13): its own wording and citation per outcome,
the remedy of the 2023 行政复议法 naming the 复议机关, a 文号 per agency and year, 特此告知,
and clerk text joined to template text without doubled punctuation or openings."""

from datetime import date

import pytest
import time_machine

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import LetterKind
from gongkai.applications.outcomes import OUTCOME_CHOICES, OUTCOMES
from tests.applications.steps import reply_as_the_law_allows

pytestmark = pytest.mark.django_db
D = date

# 法释〔2025〕8号第一条: 复议前置 only for refusals under 条例第十四–十六条, not 三（三）8
REFUSALS = {key for key in OUTCOMES if key.startswith("三（三）")} - {"三（三）8"}
CITATIONS = {
    "三（一）": "第三十六条第二项",
    "三（二）": "第三十七条",
    "三（三）1": "第十四条",
    "三（三）2": "第十四条",
    "三（三）3": "第十四条",
    "三（三）4": "第十五条、第三十二条",
    "三（三）5": "第十六条第一款",
    "三（三）6": "第十六条第二款",
    "三（三）7": "第十六条第二款",
    "三（三）8": "第三十六条第七项",
    "三（四）1": "第三十六条第四项",
    "三（四）2": "第三十八条",
    "三（四）3": "第三十条",
    "三（五）1": "第三十九条第一款",
    "三（五）2": "第三十六条第六项",
    "三（五）3": "第三十九条第二款",
    "三（五）4": "第三十五条",
    "三（五）5": "第二条",
}
# the report's counting labels, which no applicant reads
LABELS = [label for _, label in OUTCOME_CHOICES] + ["只计这一情形", "（二）部分公开"]


def concluded(in_person, clerk, outcome):
    application = in_person(D(2024, 3, 4))
    if outcome == "三（六）3":
        return t.withdraw(application, by=clerk, on=D(2024, 3, 6))
    return reply_as_the_law_allows(
        application, by=clerk, on=D(2024, 3, 20), outcome=outcome, text="经审查，详见附件。"
    )


@pytest.mark.parametrize("outcome", sorted(CITATIONS))
def test_each_outcome_has_its_own_wording_citation_and_remedy(in_person, clerk, outcome):
    application = concluded(in_person, clerk, outcome)
    body = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=D(2024, 3, 20)).body
    assert CITATIONS[outcome] in body
    assert not [label for label in LABELS if label in body]
    assert "向云岭县人民政府申请行政复议" in body  # the township's 复议机关 (复议法第二十四条)
    if outcome in REFUSALS:
        # 行政复议法第二十三条第一款第四项: reconsideration first, then court within 15 days
        assert "应当自收到本告知书之日起六十日内" in body and "第二十三条第一款第四项" in body
        assert "十五日内" in body and "行政诉讼法》第四十五条" in body
        assert "六个月" not in body
    elif outcome == "三（二）":
        # the withheld part's ground is 三（三）4 (第十五条): that part goes to 复议 first
        assert "“身份证号码”涉及商业秘密、个人隐私" in body and "第十五条、第三十二条）" in body
        assert "第十四、十五、十六条不予公开的部分不服的，应当" in body
        assert "对其他内容不服的，可以" in body
    else:
        assert "也可以自收到本告知书之日起六个月内" in body and "第四十六条" in body
        assert "应当自收到" not in body
    assert body.rstrip().endswith("特此告知。")
    assert "经审查，经" not in body and "。，" not in body and "。。" not in body


def test_a_withdrawal_states_no_remedy(in_person, clerk):
    application = concluded(in_person, clerk, "三（六）3")
    body = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=D(2024, 3, 6)).body
    assert "您已撤回申请" in body and "行政复议" not in body and "\n\n" not in body


def test_not_held_under_item_5_names_the_holder_and_how_to_reach_it(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（四）1",
        text="本机关不负责该信息。",
        not_held_item="五",
        reason="该信息由县自然资源局制作并保存",
        holder="云岭县自然资源局，联系电话0000-0000001。",
    )
    body = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=D(2024, 3, 20)).body
    assert "第三十六条第五项" in body and "第三十六条第四项" not in body
    assert "不属于本机关负责公开，理由是：该信息由县自然资源局制作并保存。" in body
    assert "负责公开该政府信息的行政机关为云岭县自然资源局，联系电话0000-0000001。" in body


def test_item_5_needs_its_reason(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(
        t.TransitionError, match="第三十六条第五项：请说明不属于本机关负责公开的理由"
    ):
        t.reply(
            application,
            by=clerk,
            on=D(2024, 3, 20),
            outcome="三（四）1",
            text="不负责",
            not_held_item="五",
            holder="云岭县自然资源局",
        )


@pytest.mark.parametrize(
    ("outcome", "kind", "article"),
    [
        ("三（六）1", LetterKind.ABANDONED_CORRECTION, "第三十条"),
        ("三（六）2", LetterKind.ABANDONED_FEE, "国办函〔2020〕109号"),
    ],
)
def test_abandoned_applications_have_their_own_notices(in_person, clerk, outcome, kind, article):
    application = in_person(D(2024, 3, 4))
    if outcome == "三（六）1":
        t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=5, what="x")
        t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 13))
    else:
        t.issue_fee_notice(
            application,
            by=clerk,
            on=D(2024, 3, 5),
            method="per_page",
            pages=40,
            served_on=D(2024, 3, 5),
            served_how="当面送达",
        )
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2024, 4, 3))
    letter = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=D(2024, 4, 3))
    assert letter.kind == kind
    assert article in letter.body and "视为放弃申请" in letter.body
    assert "六个月内" in letter.body  # not a refusal: 复议 or 诉讼


def test_issued_letters_are_numbered_per_agency_and_year(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    first = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=D(2024, 3, 4))
    second = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=D(2024, 3, 4))
    assert issue_letter(first, by=clerk, on=D(2024, 3, 4)).number == "青政依申复〔2024〕1号"
    assert issue_letter(second, by=clerk, on=D(2024, 3, 5)).number == "青政依申复〔2024〕2号"
    third = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=D(2025, 1, 6))
    assert issue_letter(third, by=clerk, on=D(2025, 1, 6)).number == "青政依申复〔2025〕1号"


def test_a_due_date_in_a_year_without_an_arrangement_is_plain_with_the_postponement(
    in_person, clerk
):
    # received 2026-12-14: due 2027-01-12 with 元旦 off by the law itself (tests/statute);
    # the citizen reads the date plainly and the sentence of spec/workdays.md, never "暂定"
    with time_machine.travel("2026-12-20 09:00 +0800", tick=False):
        application = in_person(D(2026, 12, 14))
        body = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=D(2026, 12, 14))
    assert "即2027年1月12日之前（含当日）。" in body.body
    assert "如国务院办公厅公布的节假日安排与此不同，期限相应顺延。\n特此告知。" in body.body
    assert "暂定" not in body.body


def test_a_due_date_inside_an_arranged_year_has_no_postponement(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    body = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=D(2024, 3, 4)).body
    assert "即2024年4月1日之前（含当日）。" in body and "顺延" not in body


def test_clerk_text_joins_without_doubled_punctuation(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.request_correction(
        application, by=clerk, on=D(2024, 3, 5), period_workdays=10, what="请写明所需信息的年份。"
    )
    body = draft_letter(application, kind=LetterKind.CORRECTION, by=clerk, on=D(2024, 3, 5)).body
    assert "请写明所需信息的年份。\n" in body and "。。" not in body
    assert "无正当理由逾期不补正的，视为放弃申请" in body


def test_a_letter_is_drafted_only_after_its_step(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="尚未答复"):
        draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=D(2024, 3, 4))
    with pytest.raises(t.TransitionError, match="延期尚未批准"):
        draft_letter(application, kind=LetterKind.EXTENSION, by=clerk, on=D(2024, 3, 4))


def test_the_fee_notice_states_basis_standard_amount_way_to_pay_and_deadline(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=250,
        served_on=D(2024, 3, 6),
        served_how="邮寄签收",
    )
    body = draft_letter(application, kind=LetterKind.FEE, by=clerk, on=D(2024, 3, 6)).body
    assert "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）" in body
    assert "收费标准：按量计收" in body and "收费金额：4700" in body
    assert "缴费方式：通过非税收入统一缴款码缴纳" in body  # the township's own way to pay
    # served 3/6: 3/7–8 (2) 3/11–15 (7) 3/18–22 (12) 3/25–29 (17) 4/1–3 (20)
    assert "即2024年4月3日之前（含当日）" in body
