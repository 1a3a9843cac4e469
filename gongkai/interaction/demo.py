"""The demo's messages, made through the real steps: for the township and (when the county's
clerk and reviewer exist) the county, a few in each state — waiting to be assigned, in hand,
drafted for review, answered and published as 常见问题, answered with another channel, a
找错 answered, one past its period — and a 常见问题 staff wrote. Dates follow `today`; none
is left unanswered for 3 months (the demo site is not meant to fail 19号). No real person's
data."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from gongkai.core.models import Agency, Membership, Role, User
from gongkai.interaction import transitions as t
from gongkai.interaction.models import Message

ASKER = {"name": "演示网民", "contact": "demo@example.com"}


def _one(agency: Agency, role: str) -> User | None:
    found = Membership.objects.filter(agency=agency, role=role).select_related("user").first()
    return found.user if found else None


def _ask(agency, on, kind, subject, body, **extra):
    message, _ = t.submit(agency, today=on, kind=kind, subject=subject, body=body, **ASKER, **extra)
    return message


def _messages(agency: Agency, today: date, clerk: User, reviewer: User) -> int:
    name = agency.name
    days = lambda n: today - timedelta(days=n)  # noqa: E731
    _ask(agency, today, "consult", "村卫生室的开放时间", f"请问{name}各村卫生室周末开门吗？")
    in_hand = _ask(agency, days(2), "suggest", "建议增设公交站点", "建议在集镇南口增设一个公交站。")
    t.assign(in_hand, by=clerk, today=days(1), assignee=clerk)
    drafted = _ask(
        agency, days(3), "consult", "高龄津贴怎么申领", "80岁以上老人的高龄津贴怎么申领？"
    )
    t.draft_answer(
        drafted,
        by=clerk,
        today=days(1),
        text="年满80周岁的本地户籍老人，持身份证、户口簿到村（社区）便民服务站申请。",
    )
    late = _ask(agency, days(20), "complain", "路灯长期不亮", "集镇东街路灯已经一个月不亮。")
    t.assign(late, by=clerk, today=days(19), assignee=clerk)
    for subject, body, answer, question in (
        (
            "城乡低保申请需要什么材料",
            "我家有困难，想申请低保，需要准备哪些材料？",
            "需提供申请书、家庭成员身份证和户口簿、收入情况说明，向户籍所在地乡镇（街道）"
            "提出申请，也可由村（居）委会代为提出。",
            "申请城乡低保需要准备哪些材料？",
        ),
        (
            "耕地地力保护补贴什么时候发放",
            "今年的耕地地力保护补贴什么时候发？",
            "耕地地力保护补贴按年度核定，一般在每年下半年通过“一卡通”发放到户。",
            "耕地地力保护补贴什么时候发放？",
        ),
    ):
        message = _ask(agency, days(15), "consult", subject, body)
        t.draft_answer(message, by=clerk, today=days(13), text=answer)
        t.approve_answer(message, by=reviewer, today=days(12))
        t.publish_answer(message, by=reviewer, today=days(12), question=question)
    elsewhere = _ask(
        agency, days(9), "consult", "请提供征地补偿方案", "请把我村征地补偿安置方案发给我。"
    )
    t.answer_elsewhere(elsewhere, by=clerk, today=days(8), elsewhere="application")
    error = _ask(
        agency,
        days(6),
        "error",
        "页面错别字",
        "“低保”写成了“底保”。",
        page_url=f"/agency/{agency.index_prefix}/",
    )
    t.draft_answer(error, by=clerk, today=days(5), text="已更正，感谢您的指正。")
    t.approve_answer(error, by=reviewer, today=days(5))
    faq = t.write_faq(
        agency,
        by=clerk,
        today=days(30),
        question=f"{name}便民服务中心的办公时间？",
        answer="工作日上午8:30—12:00，下午14:30—17:30；法定节假日休息。",
    )
    t.approve_answer(faq, by=reviewer, today=days(29))
    return Message.objects.filter(agency=agency).count()


def load_demo_interaction(township: Agency, *, today: date) -> int:
    """Load the demo's messages once (a second run adds nothing); returns how many exist."""
    total = 0
    with transaction.atomic():
        for agency in (township, township.parent):
            if agency is None:
                continue
            clerk, reviewer = _one(agency, Role.CLERK), _one(agency, Role.REVIEWER)
            if clerk is None or reviewer is None:
                continue  # the county's staff come with the policies' demo
            if Message.objects.filter(agency=agency).exists():
                total += Message.objects.filter(agency=agency).count()
                continue
            total += _messages(agency, today, clerk, reviewer)
    return total
