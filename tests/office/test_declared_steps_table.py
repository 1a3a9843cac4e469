"""Issue 22, "Done means": per object kind and role, the steps offered and refused with their
refusal sentences, in one table; and per kind a hand-made POST of a step not offered, refused
with the same sentence the declaration gives. Every object is built through the real
transitions on fixed days of 2025 (received on Monday 3 March 2025: the 20 working days of
条例第三十三条 end on 31 March 2025, as tests/office/test_declared_steps.py counts them)."""

from datetime import date

import pytest
import time_machine

from gongkai.applications import transitions as at
from gongkai.catalogue import transitions as ct
from gongkai.core.models import User
from gongkai.office.steps import route
from gongkai.policies import transitions as p
from gongkai.reports import transitions as rt
from gongkai.standards import register as sr
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.office.step_tables import assert_offers
from tests.policies.conftest import draft, publish, registered

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 10)
# what a handler may do on an application received a week ago, its clock running
HANDLING = ["reply", "correction", "extension", "consultation", "fee_notice", "reasons", "withdraw"]
EDITORS_ONLY = "只有本机关的经办人、管理员可以办理此事项"
REVIEWERS_ONLY = "只有本机关的审核人可以办理此事项"
REVIEWERS_ADMINS = "只有本机关的审核人、管理员可以办理此事项"
ADMINS_ONLY = "只有本机关的管理员可以办理此事项"
NO_APPEAL_YET = (
    "条例第五十一条：尚未答复，答复期限（至2025年3月31日）也未在答复前届满，"
    "没有可以申请行政复议或提起诉讼的答复或不履行答复义务的情形"
)
IN_PERIOD = (
    "该文件有效期至2026年3月31日，尚在有效期内，不能宣布失效（国办发〔2018〕37号及本省规定："
    "有效期届满未重新制发的才失效）；需要提前停止执行的，请以新文件废止或修改它（记录文件关系），"
    "或在规范性文件清理中宣布失效或废止"
)


@pytest.fixture
def objects(township, clerk):
    reviewer = User.objects.get(username="shenhe")
    with time_machine.travel("2025-03-10 09:00 +0800", tick=False):
        application, _ = at.register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=date(2025, 3, 3),
            today=date(2025, 3, 3),
            **APPLICANT,
        )
        item = draft(
            township, clerk, "2025年春耕补贴发放公告", written=date(2025, 3, 3), normative=False
        )
        ct.submit(item, by=clerk)
        item.refresh_from_db()
        normative = registered(
            township,
            clerk,
            reviewer,
            "青石镇河道管理办法",
            effective=date(2025, 1, 2),
            valid_until=date(2026, 3, 31),
        )
        consulted = publish(
            draft(township, clerk, "甲办法（征求意见稿）", normative=False),
            clerk,
            reviewer,
            on=date(2025, 2, 3),
        )
        consultation = p.open_consultation(
            consulted,
            by=clerk,
            title="甲办法征求意见",
            starts_on=date(2025, 2, 3),
            ends_on=date(2025, 3, 5),
            today=date(2025, 2, 3),  # opened on the day it starts
        )
        comment = p.submit_comment(
            consultation,
            name="王五",
            contact="13900000000",
            text="建议延长",
            today=date(2025, 2, 10),
        )
        cleanup = p.start_cleanup(township, by=clerk, title="2025年规范性文件清理", on=TODAY)
        entry = sr.record_entry(
            township,
            by=clerk,
            attribute="withheld",
            title="信访事项内部处理意见",
            dated_on=date(2025, 2, 10),
            reason="内部事务信息",
            basis="条例第十六条第一款",
            review_on=date(2026, 2, 10),
        )
        report = rt.start_report(township, 2024, by=clerk, today=TODAY)
    return {
        "application": application,
        "item": item,
        "normative": normative,
        "consultation": consultation,
        "comment": comment,
        "cleanup": cleanup,
        "entry": entry,
        "report": report,
    }


# kind -> role -> (the steps offered, in order; {a step refused: its sentence})
TABLE = {
    "application": {
        "clerk": (
            [
                "reply",
                "correction",
                "extension",
                "consultation",
                "fee_notice",
                "reasons",
                "withdraw",
            ],
            {"appeal": NO_APPEAL_YET, "approve_extension": REVIEWERS_ONLY},
        ),
        "reviewer": ([], {"reply": EDITORS_ONLY, "approve_extension": "没有待批准的延期申请"}),
        "admin": (
            [
                "reply",
                "correction",
                "extension",
                "consultation",
                "fee_notice",
                "reasons",
                "withdraw",
            ],
            {"appeal": NO_APPEAL_YET},
        ),
        "county": ([], {"reply": EDITORS_ONLY, "approve_extension": REVIEWERS_ONLY}),
        "outsider": ([], {"reply": EDITORS_ONLY, "withdraw": EDITORS_ONLY}),
    },
    "item": {
        "clerk": (
            [],
            {"publish": REVIEWERS_ONLY, "submit": "该信息当前为“待保密审查”，不能提交审查"},
        ),
        "reviewer": (["publish", "return"], {"redact": "未发现个人信息，无需脱敏"}),
        "admin": ([], {"publish": REVIEWERS_ONLY}),
        "county": ([], {"publish": REVIEWERS_ONLY}),
        "outsider": ([], {"return": REVIEWERS_ONLY}),
    },
    "normative": {
        "clerk": ([], {"expire": IN_PERIOD}),
        "reviewer": ([], {"expire": EDITORS_ONLY}),
        "admin": ([], {"expire": IN_PERIOD}),
        "county": ([], {"expire": EDITORS_ONLY}),
        "outsider": ([], {"expire": EDITORS_ONLY}),
    },
    "consultation": {
        "clerk": (
            [],
            {
                "feedback": REVIEWERS_ADMINS,
                "final": "该意见征集当前为“尚未公布反馈”，不能关联正式文件",
            },
        ),
        "reviewer": (["feedback"], {}),
        "admin": (["feedback"], {}),
        "county": ([], {"feedback": REVIEWERS_ADMINS}),
        "outsider": ([], {"feedback": REVIEWERS_ADMINS}),
    },
    "comment": {
        "clerk": (["show", "hide"], {"decide": "该意见当前为“待审核”，不能保存采纳情况"}),
        "reviewer": (["show", "hide"], {"decide": "该意见当前为“待审核”，不能保存采纳情况"}),
        "admin": (["show", "hide"], {}),
        "county": ([], {"show": "只有本机关的经办人、管理员、审核人可以办理此事项"}),
        "outsider": ([], {"hide": "只有本机关的经办人、管理员、审核人可以办理此事项"}),
    },
    "cleanup": {
        "clerk": (["record"], {"publish": ADMINS_ONLY}),
        "reviewer": ([], {"record": EDITORS_ONLY, "publish": ADMINS_ONLY}),
        "admin": (["record", "publish"], {}),
        "county": ([], {"record": EDITORS_ONLY, "publish": ADMINS_ONLY}),
        "outsider": ([], {"publish": ADMINS_ONLY}),
    },
    "entry": {
        "clerk": (["review"], {}),
        "reviewer": ([], {"review": EDITORS_ONLY}),
        "admin": (["review"], {}),
        "county": ([], {"review": EDITORS_ONLY}),
        "outsider": ([], {"review": EDITORS_ONLY}),
    },
    "report": {
        "clerk": (["figures", "sections"], {"publish": REVIEWERS_ONLY}),
        "admin": (["figures", "sections"], {"publish": REVIEWERS_ONLY}),
        "county": ([], {"figures": EDITORS_ONLY, "publish": REVIEWERS_ONLY}),
        "outsider": ([], {"sections": EDITORS_ONLY}),
    },
}


def person(role, clerk, outsider):
    return {
        "clerk": clerk,
        "reviewer": User.objects.get(username="shenhe"),
        "admin": User.objects.get(username="guanli"),
        "county": User.objects.get(username="xian"),  # the county's administrator
        "outsider": outsider,
    }[role]


def test_each_kind_offers_each_role_its_steps_and_says_why_not_the_others(objects, clerk, outsider):
    assert_offers(TABLE, objects, lambda role: person(role, clerk, outsider), today=TODAY)


def test_the_reviewer_is_offered_the_report_only_when_it_has_no_blocking_problem(objects, clerk):
    from gongkai.reports.steps import document_of

    reviewer = User.objects.get(username="shenhe")
    report = objects["report"]
    offer = report.steps_for(reviewer, today=TODAY)
    blocking = len(document_of(report).blocking)
    if blocking:
        assert offer.names == []
        assert offer.refusal("publish").sentence == f"有 {blocking} 处须改正的问题，改正后才能发布"
    else:
        assert offer.names == ["publish"]
    assert offer.refusal("figures").sentence == EDITORS_ONLY


# kind, who posts, a step not offered to them, what else the handler reads
POSTS = [
    ("application", "reviewer", "reply", {}),
    ("item", "clerk", "publish", {"confirmed": "yes"}),
    ("normative", "clerk", "expire", {"confirmed": "yes"}),
    ("consultation", "clerk", "feedback", {"confirmed": "yes"}),
    ("comment", "reviewer", "decide", {"decide-adoption": "adopted"}),
    ("cleanup", "reviewer", "record", {}),
    ("entry", "reviewer", "review", {"review-decision": "still", "confirmed": "yes"}),
    ("report", "clerk", "publish", {"confirmed": "yes"}),
]


@pytest.mark.parametrize(("kind", "role", "step", "data"), POSTS)
def test_a_hand_made_post_of_a_step_not_offered_is_refused_with_the_same_sentence(
    client, objects, clerk, outsider, kind, role, step, data
):
    from gongkai.core.steps import step_set_of

    obj = objects[kind]
    user = person(role, clerk, outsider)
    label = step_set_of(obj).get(step).label
    with time_machine.travel("2025-03-10 09:00 +0800", tick=False):
        sentence = obj.steps_for(user, today=TODAY).refusal(step).sentence
        client.force_login(user)
        if kind == "normative":
            data = {**data, "record": obj.pk}
        page = client.post(route(obj).action(obj, step), data, follow=True)
    assert f"{label}：{sentence}" in page.content.decode()
    # nothing changed: the same step is still refused for the same reason
    obj.refresh_from_db()
    assert obj.steps_for(user, today=TODAY).refusal(step).sentence == sentence


def test_an_outsiders_post_finds_nothing(client, objects, outsider):
    client.force_login(outsider)
    for kind in ("application", "item", "consultation", "comment", "cleanup", "entry"):
        obj = objects[kind]
        step = TABLE[kind]["outsider"][1] and next(iter(TABLE[kind]["outsider"][1]))
        assert client.post(route(obj).action(obj, step), {}).status_code == 404, kind
