"""A year of fictional applications for the demo township, made through the real
transitions so that every record is one a clerk could have made. No real person's data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Application,
    DeliveryWay,
    IdType,
    LetterKind,
    ProvisionForm,
)
from gongkai.applications.outcomes import OUTCOME_CHOICES
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, User
from gongkai.statute.deadlines import Channel, PauseKind

DEMO_YEAR = 2025
TOPICS = [
    "低保资金发放明细",
    "农村危房改造补助名单",
    "征地补偿安置方案",
    "宅基地审批结果",
    "村道硬化工程招标文件",
    "惠农补贴发放情况",
    "镇政府年度预算",
    "河道整治项目批复",
]
# Fictional applicants (resident ID numbers built with valid check digits, not real people)
PEOPLE = ["赵一（演示）", "钱二（演示）", "孙三（演示）", "李四（演示）", "周五（演示）"]
ORGANISATIONS = {
    ApplicantType.BUSINESS: "青石建材有限公司（演示）",
    ApplicantType.LEGAL: "云岭律师事务所（演示）",
    ApplicantType.RESEARCH: "云岭农业研究所（演示）",
    ApplicantType.CHARITY: "青石助学会（演示）",
    ApplicantType.OTHER: "青石村民委员会（演示）",
}


def _resident_id(serial: int) -> str:
    from gongkai.statute.codes import resident_id_check_char

    body = f"53290019800101{serial:03d}"
    return body + resident_id_check_char(body)


def _applicant(index: int) -> dict:
    kinds = [ApplicantType.NATURAL] * 3 + list(ORGANISATIONS)
    kind = kinds[index % len(kinds)]
    if kind == ApplicantType.NATURAL:
        name, id_type, number = PEOPLE[index % len(PEOPLE)], IdType.RESIDENT_ID, _resident_id(index)
    else:
        name, id_type, number = ORGANISATIONS[kind], IdType.CREDIT_CODE, "91350100M000100Y43"
    return {
        "applicant_type": kind,
        "applicant_name": name,
        "id_type": id_type,
        "id_number": number,
        "phone": "0000-0000000",
        "address": "云岭县青石镇（演示地址）",
        "information_title": f"{DEMO_YEAR}年{TOPICS[index % len(TOPICS)]}",
        "provision_form": ProvisionForm.PAPER,
        "delivery_way": DeliveryWay.POST,
    }


def load_demo_applications(township: Agency, *, today: date) -> int:
    """Create the demo applications once; returns how many exist afterwards."""
    if Application.objects.of_agency(township).exists():
        return Application.objects.of_agency(township).count()
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    calendar = current_calendar()
    day = lambda n: calendar.add(date(DEMO_YEAR, 1, 2), n).date  # noqa: E731  the n-th workday

    def register(index: int, on: date) -> Application:
        application, _ = t.register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=on,
            today=on,
            **_applicant(index),
        )
        issue(application, LetterKind.RECEIPT, on)
        return application

    def issue(application: Application, kind: LetterKind, on: date) -> None:
        """The notice an office issues at this step, numbered and kept as DOCX."""
        letter = draft_letter(application, kind=kind, by=clerk, on=on)
        issue_letter(letter, by=clerk, on=on)

    # one application per outcome row, replied in due time
    for index, (outcome, _label) in enumerate(OUTCOME_CHOICES):
        if outcome in ("三（六）1", "三（六）2"):
            continue
        received = day(index * 10)
        application = register(index, received)
        if outcome == "三（六）3":
            t.withdraw(application, by=clerk, on=day(index * 10 + 3), note="申请人书面撤回")
            continue
        _prerequisite(application, outcome, clerk, lambda n, i=index: day(i * 10 + n), issue)
        t.reply(
            application,
            by=clerk,
            on=day(index * 10 + 12),
            outcome=outcome,
            text=REPLY_TEXTS.get(outcome, "所申请信息依照条例作出答复（演示）。"),
            **(
                {
                    "not_held_item": "五",
                    "reason": "农村土地承包经营权确权资料由县自然资源局制作和保存",
                    "holder": "云岭县自然资源局（演示），电话0000-0000001",
                }
                if outcome == "三（四）1"
                else {"withheld": [{"what": "承包户身份证号码", "ground": "三（三）4"}]}
                if outcome == "三（二）"
                else {}
            ),
        )
        issue(application, LetterKind.REPLY, day(index * 10 + 12))
        t.record_delivery(application, by=clerk, on=day(index * 10 + 13), how="邮寄（EMS）")

    # correction, then a reply after the restart
    corrected = register(30, day(5))
    t.request_correction(
        corrected, by=clerk, on=day(7), period_workdays=10, what="请写明所需信息的具体年份和村组"
    )
    issue(corrected, LetterKind.CORRECTION, day(7))
    t.record_correction(corrected, by=clerk, on=day(12))
    t.reply(corrected, by=clerk, on=day(25), outcome="三（一）", text="予以公开（演示）。")
    issue(corrected, LetterKind.REPLY, day(25))
    # no correction in time → 三（六）1
    uncorrected = register(31, day(40))
    t.request_correction(
        uncorrected, by=clerk, on=day(42), period_workdays=10, what="请写明所需信息"
    )
    issue(uncorrected, LetterKind.CORRECTION, day(42))
    t.abandon_for_no_correction(uncorrected, by=clerk, on=day(53))
    issue(uncorrected, LetterKind.ABANDONED_CORRECTION, day(53))
    # extension approved by the reviewer, and a third-party consultation
    extended = register(32, day(60))
    t.start_consultation(
        extended,
        by=clerk,
        on=day(63),
        kind=PauseKind.THIRD_PARTY,
        note="青石建材有限公司（演示）",
    )
    issue(extended, LetterKind.THIRD_PARTY, day(63))
    t.end_consultation(
        extended,
        by=clerk,
        on=day(70),
        note="第三方不同意公开部分内容",
        answer="不同意",
        reasons="报价明细属于本公司商业秘密",
    )
    t.request_extension(extended, by=clerk, on=day(80), workdays=10, reason="需区分处理涉密部分")
    t.approve_extension(extended, by=reviewer, on=day(81))
    issue(extended, LetterKind.EXTENSION, day(81))
    t.reply(
        extended,
        by=clerk,
        on=day(88),
        outcome="三（二）",
        text="涉及第三方商业秘密的部分不予公开，其余部分予以提供（演示）。",
        withheld=[{"what": "青石建材有限公司报价明细", "ground": "三（三）4"}],
    )
    issue(extended, LetterKind.REPLY, day(88))
    # fees: one paid, one not → 三（六）2
    paid = register(33, day(100))
    t.issue_fee_notice(
        paid,
        by=clerk,
        on=day(102),
        method="per_page",
        pages=50,
        served_on=day(103),
        served_how="邮寄签收",
    )
    issue(paid, LetterKind.FEE, day(102))
    t.record_payment(paid, by=clerk, on=day(106), amount=Decimal("200"))
    t.reply(paid, by=clerk, on=day(115), outcome="三（一）", text="予以公开（演示）。")
    issue(paid, LetterKind.REPLY, day(115))
    unpaid = register(34, day(120))
    t.issue_fee_notice(
        unpaid,
        by=clerk,
        on=day(121),
        method="per_page",
        pages=40,
        served_on=day(121),
        served_how="当面送达",
    )
    issue(unpaid, LetterKind.FEE, day(121))
    t.abandon_for_unpaid_fee(unpaid, by=clerk, on=day(142))
    issue(unpaid, LetterKind.ABANDONED_FEE, day(142))
    # answered after its due date: recorded as 逾期答复 and named in section 五's draft
    late = register(40, day(150))
    t.reply(late, by=clerk, on=day(175), outcome="三（一）", text="予以公开（演示）。")
    issue(late, LetterKind.REPLY, day(175))
    # appeals about two refusals
    refused = Application.objects.filter(agency=township, outcome="三（三）4").first()
    upheld = t.record_appeal(
        refused,
        by=clerk,
        kind=AppealKind.RECONSIDERATION,
        filed_on=day(150),
        case_number="云政复〔2025〕1号（演示）",
        body=township.parent.name if township.parent else "",
    )
    t.decide_appeal(upheld, by=clerk, decided_on=day(180), result=AppealResult.UPHELD)
    lawsuit = Application.objects.filter(agency=township, outcome="三（四）1").first()
    t.record_appeal(
        lawsuit,
        by=clerk,
        kind=AppealKind.DIRECT_SUIT,
        filed_on=day(200),
        case_number="（2025）云行初1号（演示）",
        body="云岭县人民法院（演示）",
    )

    # carried into the next year: received late in December, concluded in January
    carried = register(35, date(DEMO_YEAR, 12, 22))
    t.reply(
        carried,
        by=clerk,
        on=date(DEMO_YEAR + 1, 1, 12),
        outcome="三（一）",
        text="予以公开（演示）。",
    )
    issue(carried, LetterKind.REPLY, date(DEMO_YEAR + 1, 1, 12))

    # open now: one overdue, one due soon, one awaiting correction, one online to confirm
    working_days_ago = lambda n: _workdays_before(calendar, today, n)  # noqa: E731
    register(36, working_days_ago(22))
    register(37, working_days_ago(18))
    waiting = register(38, working_days_ago(5))
    t.request_correction(
        waiting, by=clerk, on=working_days_ago(3), period_workdays=10, what="请写明所需信息的文号"
    )
    issue(waiting, LetterKind.CORRECTION, working_days_ago(3))
    t.submit_online(township, today=today, **{**_applicant(39), "email": "demo@example.cn"})
    return Application.objects.of_agency(township).count()


REPLY_TEXTS = {
    "三（一）": "所需信息随本告知书以电子邮件附件提供（演示）。",
    "三（二）": "不予公开的是其中涉及个人隐私的姓名和身份证号码，其余部分随本告知书提供（演示）。",
    "三（三）4": "所需信息涉及第三方商业秘密，第三方不同意公开（演示）。",
    "三（四）1": "所需信息不属于本机关负责公开（演示）。",
    "三（四）3": "补正后申请内容仍不明确，无法确定所需信息（演示）。",
    "三（五）4": "申请数量明显超过合理范围，所说明的理由不合理（演示）。",
}


def _prerequisite(application: Application, outcome: str, clerk, day, issue) -> None:
    """The step the law requires before some outcomes, taken as a clerk would."""
    if outcome == "三（三）4":  # 条例第三十二条: the third party is consulted first
        t.start_consultation(
            application,
            by=clerk,
            on=day(2),
            kind=PauseKind.THIRD_PARTY,
            note="青石建材有限公司（演示）",
        )
        issue(application, LetterKind.THIRD_PARTY, day(2))
        t.end_consultation(
            application,
            by=clerk,
            on=day(6),
            note="第三方不同意公开",
            answer="不同意",
            reasons="涉及本公司商业秘密",
        )
    elif outcome == "三（四）3":  # 条例第三十条: a correction that is still unclear
        t.request_correction(
            application, by=clerk, on=day(2), period_workdays=10, what="请写明所需信息的名称"
        )
        issue(application, LetterKind.CORRECTION, day(2))
        t.record_correction(application, by=clerk, on=day(4), note="补正内容仍不明确")
    elif outcome == "三（五）4":  # 条例第三十五条: reasons asked, the answer recorded
        t.request_reasons(application, by=clerk, on=day(2), note="本月已提出申请45件，请说明理由")
        t.record_reasons(application, by=clerk, on=day(5), silent=True)


def _workdays_before(calendar, today: date, n: int) -> date:
    day, counted = today, 0
    while counted < n:
        day -= timedelta(days=1)
        counted += calendar.is_workday(day)
    return day
