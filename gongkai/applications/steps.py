"""The steps of handling an application, declared once beside their transitions (DESIGN.md,
core/steps.py): the office offers them, the transitions check them under the row lock
(`_step` asks `STEP_OF_EVENT`), the 工作台 asks them what waits for whom.

Guards say the law's conditions in the sentence the transition itself has always used, so a
refusal reads the same on the page, after a hand-made POST and from the transition."""

from __future__ import annotations

from django import forms

from gongkai.applications import forms as f
from gongkai.applications import transitions as t
from gongkai.applications.letter_templates import save_template
from gongkai.applications.letters import draft_letter, edit_letter, issue_letter
from gongkai.applications.models import (
    Application,
    EventKind,
    Letter,
    LetterKind,
    LetterTemplate,
    Status,
)
from gongkai.core import roles
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import Role
from gongkai.core.steps import Guard, Step, StepSet, page_steps, register
from gongkai.statute.deadlines import Channel, ClockState, PauseKind
from gongkai.statute.periods import REPLY

OPEN = frozenset({Status.OPEN})
CONCLUDED = frozenset({Status.CONCLUDED})
RUNNING = frozenset({ClockState.RUNNING.name})
CORRECTING = frozenset({ClockState.AWAITING_CORRECTION.name})
PAUSED = frozenset({ClockState.PAUSED.name})


def _all_events(application: Application) -> list:
    """The application's events in their order (on, id). The office page prefetches them, so
    every guard reads the same rows from memory instead of asking again (issue 25: one read
    per guard made the page 10× its SQL); under the transition's row lock nothing is
    prefetched and each guard reads the locked row's events afresh, as before."""
    return list(application.events.all())


def _events(application: Application, kind: EventKind) -> list:
    return [event for event in _all_events(application) if event.kind == kind]


def _pending_extension(application, situation=None):
    return t._pending_extension(application)  # reads events.all(): the prefetch when there


def _open_pause(application):
    """The pause started and not yet ended, counted as transitions._open_pause counts it: a
    consultation stays open until its answer is recorded, a fee until paid or waived."""
    events = _all_events(application)
    started = [e for e in events if e.kind == EventKind.PAUSE_STARTED]
    ended = sum(1 for e in events if e.kind == EventKind.PAUSE_ENDED)
    return started[-1] if len(started) > ended else None


def _consulting(application, situation) -> bool:
    pause = _open_pause(application)
    return pause is not None and pause.pause_kind != PauseKind.FEE.name


def _fee_pending(application, situation) -> bool:
    pause = _open_pause(application)
    return pause is not None and pause.pause_kind == PauseKind.FEE.name


def _ordinary_due(application, today):
    deadline = application.deadline(
        calendar=calendar_for(application.agency), today=today, explain=False
    )
    return deadline.ordinary_due if deadline is not None else None


def _within_ordinary_period(application, situation) -> bool:
    due = _ordinary_due(application, situation.today)
    return due is None or situation.today <= due


def _too_late_to_extend(application, situation) -> str:
    due = _ordinary_due(application, situation.today)
    return (
        f"条例第三十三条第二款：延长答复期限须在{REPLY.workdays}个工作日的答复期限内"
        f"（至{cn(due)}）经批准并告知申请人；期限已过，不能延期"
    )


WITHIN_PERIOD = Guard(_within_ordinary_period, _too_late_to_extend, "第三十三条第二款", shown=True)
FEE_PENDING = Guard(_fee_pending, "该申请没有待缴的信息处理费")
REPLIED = Guard(lambda a, s: bool(_events(a, EventKind.REPLIED)), "尚未答复，无需送达")


def _reply_event(application):
    replies = _events(application, EventKind.REPLIED)  # in order (on, id): the first reply
    return replies[0] if replies else None


def missed_due(application, today):
    """The due date an unanswered application let pass by `today` — before it was concluded
    otherwise (withdrawn, abandoned) — else None: the agency's failure to reply (不作为)."""
    if _reply_event(application) is not None or application.received_on is None:
        return None
    as_of = min(today, application.concluded_on) if application.concluded_on else today
    deadline = application.deadline(
        calendar=calendar_for(application.agency), today=as_of, explain=False
    )
    due = deadline.due if deadline is not None else None
    return due if due is not None and due < as_of else None


def _appealable(application, situation) -> bool:
    """条例第五十一条, 行政复议法第十一条: a 行政复议 or 诉讼 lies against a reply, and against a
    failure to reply within the period; `today` is the day it is filed."""
    reply = _reply_event(application)
    if reply is not None:
        return reply.on <= situation.today
    return missed_due(application, situation.today) is not None


def _not_appealable(application, situation) -> str:
    reply = _reply_event(application)
    if reply is not None:
        return f"申请或起诉日期不能早于答复日期（{cn(reply.on)}）"
    deadline = (
        application.deadline(
            calendar=calendar_for(application.agency), today=situation.today, explain=False
        )
        if application.received_on
        else None
    )
    until = f"（至{cn(deadline.due)}）" if deadline is not None and deadline.due else ""
    return (
        f"条例第五十一条：尚未答复，答复期限{until}也未在答复前届满，"
        "没有可以申请行政复议或提起诉讼的答复或不履行答复义务的情形"
    )


APPEALABLE = Guard(_appealable, _not_appealable, "第五十一条")
# an appeal against a failure to reply is brought while the application is still open
APPEAL_STATES = frozenset({Status.OPEN, Status.CONCLUDED})


def _run(transition, **names):
    """A step's run: the transition called with the form's fields under their names."""

    def run(application, *, by, today, data):
        return transition(
            application, by=by, on=data["on"], **{arg: data[field] for arg, field in names.items()}
        )

    return run


def _fee_notice(application, *, by, today, data):
    return t.issue_fee_notice(
        application,
        by=by,
        on=data["on"],
        method=data["method"],
        pages=data["pages"] or 0,
        amount=data["amount"],
        amount_reason=data["amount_reason"],
        served_on=data["served_on"],
        served_how=data["served_how"],
    )


def _appeal(application, *, by, today, data):
    return t.record_appeal(
        application,
        by=by,
        filed_on=data["on"],
        kind=data["kind"],
        case_number=data["case_number"],
        body=data["body"],
    )


def _appeal_decided(application, *, by, today, data):
    appeal = application.appeals.filter(pk=data["appeal"]).first()
    if appeal is None:
        raise t.TransitionError(f"本申请没有编号为 {data['appeal']} 的复议或诉讼案件")
    return t.decide_appeal(appeal, by=by, decided_on=data["on"], result=data["result"])


H = roles.HANDLERS
STEPS = (
    Step(
        "confirm",
        "确认收到",
        _run(t.confirm_receipt),
        H,
        states=frozenset({Status.AWAITING_CONFIRMATION}),
        form=f.OnForm,
    ),
    Step(
        "reply",
        "答复",
        _run(
            t.reply,
            outcome="outcome",
            text="text",
            not_held_item="not_held_item",
            holder="holder",
            reason="reason",
            disclosed_item="disclosed_item",
            published_where="published_where",
            withheld="withheld",
            published_items="published_items",
        ),
        H,
        states=OPEN,
        clock_states=RUNNING | PAUSED,
        guards=(Guard(lambda a, s: not _fee_pending(a, s), "信息处理费尚未缴纳，不能答复"),),
        form=f.ReplyForm,
        form_kwargs=lambda application: {"application": application},
        irreversible="我已核对：答复后本申请即告办结，不能再修改，申请人将收到答复通知",
    ),
    Step(
        "correction",
        "告知补正",
        _run(t.request_correction, period_workdays="period_workdays", what="what"),
        H,
        states=OPEN,
        clock_states=RUNNING,
        guards=(
            Guard(
                lambda a, s: not _events(a, EventKind.CORRECTION_REQUESTED),
                "条例第三十条：补正应当一次性告知，不能再次告知补正；补正后申请内容仍不明确的，"
                "请以“补正后申请内容仍不明确”答复",
                "第三十条",
            ),
        ),
        form=f.CorrectionForm,
    ),
    Step(
        "corrected",
        "登记补正",
        _run(t.record_correction, note="note"),
        H,
        states=OPEN,
        clock_states=CORRECTING,
        form=f.NoteForm,
    ),
    Step(
        "extension",
        "申请延期",
        _run(t.request_extension, workdays="workdays", reason="reason"),
        H,
        states=OPEN,
        clock_states=RUNNING,
        # issue 25: no 延期 on an overdue case
        guards=(
            Guard(lambda a, s: _pending_extension(a) is None, "已有待批准的延期申请"),
            WITHIN_PERIOD,
        ),
        form=f.ExtensionForm,
    ),
    Step(
        "approve_extension",
        "批准延期",
        _run(t.approve_extension),
        roles.REVIEWERS,
        states=OPEN,
        clock_states=RUNNING,
        guards=(
            Guard(lambda a, s: _pending_extension(a) is not None, "没有待批准的延期申请"),
            Guard(
                lambda a, s: _pending_extension(a).by_id != s.user.pk,
                "条例第三十三条第二款：延期须由申请延期的经办人以外的审核人批准",
                "第三十三条第二款",
                shown=True,
            ),
            WITHIN_PERIOD,
        ),
        form=f.OnForm,
    ),
    Step(
        "consultation",
        "征求意见",
        _run(t.start_consultation, kind="kind", note="note"),
        H,
        states=OPEN,
        clock_states=RUNNING,
        form=f.ConsultationForm,
    ),
    Step(
        "consultation_end",
        "收到意见",
        _run(t.end_consultation, note="note", answer="answer", reasons="reasons"),
        H,
        states=OPEN,
        clock_states=PAUSED,
        # issue 25: no 收到意见 without a consultation
        guards=(Guard(_consulting, "该申请没有进行中的征求意见"),),
        # 条例第三十二条: a third party's answer is recorded (同意 / 不同意 / 逾期未答复)
        form=f.ConsultationEndForm,
    ),
    Step(
        "fee_notice",
        "发出收费通知",
        _fee_notice,
        H,
        states=OPEN,
        clock_states=RUNNING,
        form=f.FeeNoticeForm,
    ),
    Step(
        "fee_served",
        "登记收费通知送达",
        _run(t.record_fee_notice_served, served_how="served_how"),
        H,
        states=OPEN,
        clock_states=PAUSED,
        guards=(FEE_PENDING,),
        form=f.FeeServedForm,
    ),
    Step(
        "payment",
        "登记缴费",
        _run(t.record_payment, amount="amount"),
        H,
        states=OPEN,
        clock_states=PAUSED,
        guards=(FEE_PENDING,),
        form=f.PaymentForm,
    ),
    Step(
        "waive_fee",
        "减免费用",
        _run(t.waive_fee, reason="reason"),
        H,
        states=OPEN,
        clock_states=PAUSED,
        guards=(FEE_PENDING,),
        form=f.ReasonForm,
    ),
    Step(
        "abandon_fee",
        "逾期未缴费",
        _run(t.abandon_for_unpaid_fee),
        H,
        states=OPEN,
        clock_states=PAUSED,
        guards=(FEE_PENDING,),
        form=f.OnForm,
    ),
    Step(
        "later_date",
        "确定合理答复期限（第三十五条）",
        _run(t.set_later_date, due="due", reason="reason"),
        H,
        states=OPEN,
        clock_states=RUNNING,
        guards=(
            Guard(
                lambda a, s: bool(_events(a, EventKind.REASONS_ANSWERED)),
                "条例第三十五条：须先要求申请人说明理由并登记其说明，认为理由合理的，"
                "才能确定合理的答复期限",
                "第三十五条",
            ),
        ),
        form=f.LaterDateForm,
    ),
    Step(
        "reasons",
        "要求说明理由（第三十五条）",
        _run(t.request_reasons, note="note"),
        H,
        states=OPEN,
        clock_states=RUNNING,
        form=f.NoteRequiredForm,
    ),
    Step(
        "reasons_answer",
        "登记申请人说明理由情况（第三十五条）",
        _run(t.record_reasons, answer="answer", silent="silent"),
        H,
        states=OPEN,
        # issue 25: no 说明理由 nobody asked for
        guards=(
            Guard(
                lambda a, s: bool(_events(a, EventKind.REASONS_REQUESTED)),
                "条例第三十五条：尚未要求申请人说明理由",
                "第三十五条",
            ),
            Guard(
                lambda a, s: not _events(a, EventKind.REASONS_ANSWERED),
                "已登记申请人说明理由的情况",
            ),
        ),
        form=f.ReasonsAnswerForm,
    ),
    Step(
        "abandon_correction",
        "逾期未补正",
        _run(t.abandon_for_no_correction),
        H,
        states=OPEN,
        clock_states=CORRECTING,
        form=f.OnForm,
    ),
    Step(
        "withdraw",
        "申请人撤回",
        _run(t.withdraw, note="note"),
        H,
        states=frozenset({Status.AWAITING_CONFIRMATION, Status.OPEN}),
        form=f.NoteForm,
        waits=False,
    ),
    Step(
        "delivery",
        "登记送达",
        _run(t.record_delivery, how="how"),
        H,
        states=CONCLUDED,
        guards=(REPLIED,),
        form=f.DeliveryForm,
        waits=False,
    ),
    Step(
        "appeal",
        "登记行政复议或诉讼",
        _appeal,
        H,
        states=APPEAL_STATES,
        guards=(APPEALABLE,),
        form=f.AppealForm,
        waits=False,
    ),
    Step(
        "appeal_decided",
        "登记复议或诉讼结果",
        _appeal_decided,
        H,
        states=APPEAL_STATES,
        guards=(
            Guard(
                # appeals.all(): the office page's prefetch when there
                lambda a, s: any(appeal.decided_on is None for appeal in a.appeals.all()),
                "本申请没有尚未审结的复议或诉讼案件",
            ),
        ),
        form=f.AppealDecisionForm,
        waits=False,
    ),
)

# The steps `_step` checks under its row lock, by the event each records (ABANDONED is two
# steps, each with its own check in its transition).
STEP_OF_EVENT = {
    EventKind.RECEIPT_CONFIRMED: "confirm",
    EventKind.REPLIED: "reply",
    EventKind.CORRECTION_REQUESTED: "correction",
    EventKind.CORRECTED: "corrected",
    EventKind.EXTENSION_REQUESTED: "extension",
    EventKind.EXTENDED: "approve_extension",
    EventKind.PAUSE_STARTED: "consultation",
    EventKind.PAUSE_ENDED: "consultation_end",
    EventKind.FEE_NOTICE: "fee_notice",
    EventKind.FEE_PAID: "payment",
    EventKind.FEE_WAIVED: "waive_fee",
    EventKind.LATER_DATE_SET: "later_date",
    EventKind.REASONS_REQUESTED: "reasons",
    EventKind.REASONS_ANSWERED: "reasons_answer",
    EventKind.WITHDRAWN: "withdraw",
    EventKind.DELIVERED: "delivery",
}

APPLICATION_STEPS = register(
    StepSet(
        model=Application,
        noun="申请",
        steps=STEPS,
        clock_state=lambda application: application.clock_state,
        clock_label=lambda application: (
            ClockState[application.clock_state].value if application.clock_state else "未计时"
        ),
    )
)


# ---------------------------------------------------------------- entry of a paper application


class AgencyIntake:
    """The agency as the place where a paper, letter, fax or e-mail application is entered."""

    def __init__(self, agency):
        self.agency = agency
        self.pk = agency.pk

    def __eq__(self, other):
        return isinstance(other, AgencyIntake) and other.pk == self.pk

    def __hash__(self):
        return hash(("AgencyIntake", self.pk))


def _register(intake, *, by, today, data):
    fields = {name: data[name] for name in f.APPLICANT_FIELDS}
    return t.register_application(
        intake.agency,
        by=by,
        channel=Channel[data["channel"]],
        submitted_on=data["submitted_on"],
        signed_on=data["signed_on"],
        confirmed_on=data["confirmed_on"],
        late_confirmation_reason=data["late_confirmation_reason"],
        today=today,
        **fields,
    )


INTAKE_STEPS = register(
    StepSet(
        model=AgencyIntake,
        noun="本机关",
        state=lambda intake: "",
        state_label=lambda intake: "",
        steps=(
            Step(
                "register",
                "登记",
                _register,
                H,
                form=f.StaffEntryForm,
                form_kwargs=lambda intake: {"prefix": None},  # the page's one form
                summary="登记申请",
                # the query code is shown once, here, and never again (条例第二十九条 receipt)
                done=lambda registered: (
                    f"已登记，申请编号 {registered[0].tracking_number}，"
                    f"查询码 {registered[1]}（请告知申请人，系统不再显示）"
                ),
                waits=False,
            ),
        ),
    )
)


# ---------------------------------------------------------------- 告知书 of one application

LETTER_ISSUE = "我已核对，出具后文书不能再修改，可下载送达申请人"


class ApplicationLetters:
    """An application's notices as a whole: where a new draft is made from a template."""

    def __init__(self, application: Application):
        self.application = application
        self.agency = application.agency
        self.pk = application.pk

    def __eq__(self, other):
        return isinstance(other, ApplicationLetters) and other.pk == self.pk

    def __hash__(self):
        return hash(("ApplicationLetters", self.pk))


class DraftLetterForm(forms.Form):
    kind = forms.TypedChoiceField(
        label="生成文书",
        choices=LetterKind.choices,
        coerce=LetterKind,
        error_messages={"required": "请选择文书种类", "invalid_choice": "请选择文书种类"},
    )


class LetterBodyForm(forms.Form):
    body = forms.CharField(
        label="正文",
        max_length=10000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "正文不能为空", "max_length": "正文过长（最多 10000 字）"},
    )


LETTERS_STEPS = register(
    StepSet(
        model=ApplicationLetters,
        noun="申请",
        state=lambda letters: "",
        state_label=lambda letters: "",
        steps=(
            Step(
                "draft",
                "生成草稿",
                lambda letters, *, by, today, data: draft_letter(
                    letters.application, kind=data["kind"], by=by, on=today
                ),
                H,
                form=DraftLetterForm,
                done=lambda letter: f"已生成{letter.get_kind_display()}草稿",
                waits=False,
            ),
        ),
    )
)

LETTER_STATES = {"draft": "草稿", "issued": "已出具"}


def _letter_state(letter: Letter) -> str:
    return "issued" if letter.issued_on else "draft"


LETTER_STEPS = register(
    StepSet(
        model=Letter,
        noun="该文书",
        state=_letter_state,
        state_label=lambda letter: LETTER_STATES[_letter_state(letter)],
        agency=lambda letter: letter.application.agency,
        steps=(
            Step(
                "edit",
                "保存草稿",
                lambda letter, *, by, today, data: edit_letter(letter, by=by, body=data["body"]),
                H,
                states=frozenset({"draft"}),
                form=LetterBodyForm,
                form_kwargs=lambda letter: {
                    "initial": {"body": letter.body},
                    "auto_id": f"letter-{letter.pk}-%s",  # one form per letter on the page
                },
                done=lambda letter: "草稿已保存",
                waits=False,
            ),
            Step(
                "issue",
                "出具",
                lambda letter, *, by, today, data: issue_letter(letter, by=by, on=today),
                H,
                states=frozenset({"draft"}),
                irreversible=LETTER_ISSUE,
                done=lambda letter: f"已出具{letter.get_kind_display()}",
                waits=False,
            ),
        ),
    )
)


# ---------------------------------------------------------------- the agency's 告知书模板


class AgencyLetterTemplate:
    """The agency's wording of one kind of notice, as its administrator keeps it."""

    def __init__(self, agency, kind: LetterKind):
        self.agency = agency
        self.kind = LetterKind(kind)
        self.pk = agency.pk

    def __eq__(self, other):
        return isinstance(other, AgencyLetterTemplate) and (other.pk, other.kind) == (
            self.pk,
            self.kind,
        )

    def __hash__(self):
        return hash(("AgencyLetterTemplate", self.pk, self.kind))


class TemplateForm(forms.Form):
    body = forms.CharField(
        label="正文模板",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="留空即使用系统内置的模板",
        error_messages={"max_length": "模板过长（最多 10000 字）"},
    )


def _own_template(target: AgencyLetterTemplate) -> dict:
    own = LetterTemplate.objects.filter(agency=target.agency, kind=target.kind).first()
    return {"initial": {"body": own.body if own else ""}, "auto_id": f"{target.kind}-%s"}


def _saved(result) -> str:
    kind, template = result
    return f"已保存“{kind.label}”模板" if template else f"“{kind.label}”改用内置模板"


TEMPLATE_STEPS = register(
    page_steps(
        model=AgencyLetterTemplate,
        noun="本机关",
        steps=(
            Step(
                "save",
                "保存模板",
                lambda target, *, by, today, data: (
                    target.kind,
                    save_template(target.agency, by=by, kind=target.kind, body=data["body"]),
                ),
                (Role.ADMIN,),
                form=TemplateForm,
                form_kwargs=_own_template,
                done=_saved,
                waits=False,
            ),
        ),
    )
)
