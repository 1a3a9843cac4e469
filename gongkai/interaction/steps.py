"""The steps of answering a message, declared once beside their transitions (core/steps.py):
the office offers them, the transitions check them under the row lock, the 工作台 asks them
what waits for whom."""

from __future__ import annotations

from gongkai.core import four_eyes, roles
from gongkai.core.models import Role
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, page_steps, register
from gongkai.interaction import forms as f
from gongkai.interaction import periods as p
from gongkai.interaction import transitions as t
from gongkai.interaction.models import Kind, Message, Origin, Status, periods_for

H = roles.HANDLERS
R = roles.REVIEWERS

NOT_AN_ERROR_REPORT = Guard(
    lambda m, s: m.kind != Kind.ERROR, "网站找错须由本机关答复后办结，不能转其他渠道"
)
NOT_THE_WRITER = Guard(
    lambda m, s: s.user.pk not in four_eyes.changers(m),
    "答复稿须由撰写人以外的审核人审核（两人审核）",
    shown=True,
)


def _public_question(message: Message) -> dict:
    return {"initial_question": message.public_question or f"{message.subject}\n{message.body}"}


STEPS = (
    Step(
        "assign",
        "分办",
        lambda m, *, by, today, data: t.assign(m, by=by, today=today, assignee=data["assignee"]),
        H,
        states=frozenset({Status.RECEIVED}),
        form=f.AssignForm,
        form_kwargs=lambda m: {"agency": m.agency},
    ),
    Step(
        "draft",
        "撰写答复",
        lambda m, *, by, today, data: t.draft_answer(m, by=by, today=today, text=data["text"]),
        H,
        states=frozenset({Status.RECEIVED, Status.ASSIGNED, Status.DRAFTED}),
        form=f.DraftForm,
        form_kwargs=lambda m: {"initial_text": m.draft},
        explain="提交后由审核人审核，审核通过即答复留言人。",
    ),
    Step(
        "elsewhere",
        "告知其他办理渠道",
        lambda m, *, by, today, data: t.answer_elsewhere(
            m, by=by, today=today, elsewhere=data["elsewhere"]
        ),
        H,
        states=frozenset({Status.RECEIVED, Status.ASSIGNED}),
        guards=(
            NOT_AN_ERROR_REPORT,
            Guard(lambda m, s: m.origin == Origin.PUBLIC, "常见问题没有留言人可以告知"),
        ),
        form=f.ElsewhereForm,
        irreversible="我已核对：留言属于政府信息公开申请、信访或12345热线事项，告知后即办结",
        explain="留言人将收到办理渠道（政府信息公开申请的在线申请地址，或信访、12345热线）。",
        waits=False,
    ),
    Step(
        "return_draft",
        "退回修改",
        lambda m, *, by, today, data: t.return_draft(m, by=by, today=today, note=data["note"]),
        R,
        states=frozenset({Status.DRAFTED}),
        form=f.NoteForm,
        waits=False,
    ),
    Step(
        "approve",
        "审核通过并答复",
        lambda m, *, by, today, data: t.approve_answer(m, by=by, today=today),
        R,
        states=frozenset({Status.DRAFTED}),
        guards=(NOT_THE_WRITER,),
        irreversible="我已核对答复内容：答复后留言人即可查看，不能撤回",
    ),
    Step(
        "publish",
        "公开答复",
        lambda m, *, by, today, data: t.publish_answer(
            m, by=by, today=today, question=data["question"]
        ),
        R,
        states=frozenset({Status.ANSWERED}),
        guards=(
            Guard(lambda m, s: m.published_on is None, "答复已经公开"),
            Guard(lambda m, s: m.kind != Kind.ERROR, "网站找错的答复不列入常见问题"),
        ),
        form=f.PublishForm,
        form_kwargs=_public_question,
        explain="问题和答复将列入本机关的常见问题，不显示留言人的姓名和联系方式。",
        waits=False,
    ),
    Step(
        "unpublish",
        "撤下公开",
        lambda m, *, by, today, data: t.withdraw_publication(m, by=by, today=today),
        R,
        states=frozenset({Status.ANSWERED}),
        guards=(Guard(lambda m, s: m.published_on is not None, "答复尚未公开"),),
        waits=False,
    ),
)

MESSAGE_STEPS = register(StepSet(Message, "留言", STEPS))


class AgencyFaq(AgencyPage):
    """The agency's 常见问题 that staff write by hand (not from an answered message)."""


class AgencyAnswerPeriods(AgencyPage):
    """The agency's answer periods (AnswerPeriods), its 管理员's to set."""


FAQ_STEPS = register(
    page_steps(
        model=AgencyFaq,
        noun="本机关",
        steps=(
            Step(
                "write",
                "编写常见问题",
                lambda target, *, by, today, data: t.write_faq(
                    target.agency,
                    by=by,
                    today=today,
                    question=data["question"],
                    answer=data["answer"],
                ),
                H,
                form=f.FaqForm,
                explain="提交后由撰写人以外的审核人审核，审核通过即在门户的常见问题中公开。",
                done=lambda message: f"常见问题已提交审核（{message.tracking_number}）",
                waits=False,
            ),
        ),
    )
)

PERIODS_STEPS = register(
    page_steps(
        model=AgencyAnswerPeriods,
        noun="本机关",
        steps=(
            Step(
                "save",
                "保存答复期限",
                lambda target, *, by, today, data: p.set_periods(
                    target.agency, by=by, today=today, **data
                ),
                (Role.ADMIN,),
                form=f.AnswerPeriodsForm,
                form_kwargs=lambda target: {"current": periods_for(target.agency)},
                explain="新期限适用于此后收到的留言；已收到的留言仍按收到时的期限办理。"
                "未单独设置答复期限的下级机关沿用本机关的期限。",
                done=lambda periods: "已保存答复期限",
                waits=False,
            ),
        ),
    )
)
