"""The steps of an information item from draft to withdrawal, declared once beside the
transitions (core/steps.py), and 起草新条目 on the agency, where an item begins. Each
transition checks its declaration under the row lock."""

from __future__ import annotations

from django import forms

from gongkai.catalogue import corrections as c
from gongkai.catalogue import transitions as t
from gongkai.catalogue.forms import ItemForm
from gongkai.catalogue.models import Item, ItemStatus, Validity
from gongkai.core import roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, page_steps, register

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EDITABLE = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
SUBMITTED = frozenset({ItemStatus.SUBMITTED})
PUBLISHED = frozenset({ItemStatus.PUBLISHED})


class ReasonForm(ControlCharactersStripped, forms.Form):
    reason = forms.CharField(label="理由", max_length=500)


class ConfirmForm(ReasonForm):
    reason = forms.CharField(label="确认可以公开的理由", max_length=500)


class ReturnForm(ReasonForm):
    reason = forms.CharField(label="退回理由", max_length=500)


class WithdrawForm(ReasonForm):
    reason = forms.CharField(label="撤回理由", max_length=500, required=False)


class ValidityForm(ControlCharactersStripped, forms.Form):
    validity = forms.TypedChoiceField(
        label="时效性变更为",
        choices=[(Validity.REPEALED, "废止"), (Validity.EXPIRED, "失效")],
        coerce=Validity,
    )
    on = forms.DateField(label="自", widget=DATE)


class EndingDateForm(ControlCharactersStripped, forms.Form):
    on = forms.DateField(label="失效或废止日期", widget=DATE)


class AttachmentForm(forms.Form):
    attachment = forms.IntegerField(widget=forms.HiddenInput)


def _kept_elsewhere(item) -> str:
    """Why this item's 时效性 is not changed on its own page ('' when it is): the app that
    keeps a register of it says (catalogue/transitions.VALIDITY_KEPT_ELSEWHERE)."""
    return next((said for where in t.VALIDITY_KEPT_ELSEWHERE if (said := where(item))), "")


def _hits(item, situation) -> bool:
    return bool(item.personal_data)


def _remove_attachment(item, *, by, today, data):
    attachment = item.attachments.filter(pk=data["attachment"]).first()
    if attachment is None:
        raise t.TransitionError("该附件不存在或已删除")
    t.remove_attachment(attachment, by=by)
    return attachment


NOT_THE_DRAFTER = Guard(
    lambda item, s: item.created_by_id != s.user.pk,
    "保密审查须由起草人以外的审核人进行",
    shown=True,
)

# The review is still this reviewer's to do while only this guard refuses 审核通过并公开: they
# redact or confirm first (the 工作台 asks, catalogue/workbench.py).
PERSONAL_DATA_PENDING = Guard(
    lambda item, s: all(hit["confirmed"] for hit in item.personal_data),
    "还有未处理的个人信息：请脱敏，或确认可以公开",
    shown=True,
)

STEPS = (
    Step(
        "submit",
        "提交审查",
        lambda item, *, by, today, data: t.submit(item, by=by),
        roles.EDITORS,
        states=EDITABLE,
        guards=(
            Guard(
                lambda item, s: item.disclosure_attribute == "proactive",
                lambda item, s: (
                    f"该信息已认定为“{item.get_disclosure_attribute_display()}”，不主动公开"
                ),
                shown=True,
            ),
        ),
    ),
    Step(
        "redact",
        "脱敏处理",
        lambda item, *, by, today, data: t.redact_personal_data(item, by=by),
        roles.REVIEWERS,
        states=SUBMITTED,
        guards=(Guard(_hits, "未发现个人信息，无需脱敏"),),
    ),
    Step(
        "confirm",
        "确认可以公开",
        lambda item, *, by, today, data: t.confirm_personal_data(
            item, by=by, reason=data["reason"]
        ),
        roles.REVIEWERS,
        states=SUBMITTED,
        guards=(Guard(_hits, "未发现个人信息，无需确认"),),
        form=ConfirmForm,
    ),
    Step(
        "publish",
        "审核通过并公开",
        lambda item, *, by, today, data: t.approve_and_publish(item, by=by, on=today),
        roles.REVIEWERS,
        states=SUBMITTED,
        guards=(
            NOT_THE_DRAFTER,
            PERSONAL_DATA_PENDING,
        ),
        summary="审核通过并公开…",
        explain=(
            "将要发生：本条信息取得索引号，今天在门户网站向社会公开，属性和正文不能再修改"
            "（以后只能更正、撤回或变更时效性；更正稿则替换已公开的内容，索引号和发布日期不变，"
            "更正说明一并公开）。请先核对上方的信息属性和下方的正文。"
        ),
        irreversible="我已核对属性、正文和附件，确认审核通过并公开",
    ),
    Step(
        "return",
        "退回",
        lambda item, *, by, today, data: t.return_item(item, by=by, reason=data["reason"]),
        roles.REVIEWERS,
        states=SUBMITTED,
        form=ReturnForm,
    ),
    Step(
        "validity",
        "变更时效性",
        lambda item, *, by, today, data: t.change_validity(
            item, by=by, on=data["on"], validity=data["validity"], because=t.BY_DECISION
        ),
        roles.EDITORS,
        states=PUBLISHED,
        guards=(
            Guard(lambda item, s: item.validity == Validity.VALID, "该信息已经失效或废止"),
            # a registered 规范性文件 stops by its register's events, each with its own rule
            # (policies: 有效期届满, 清理, a later document): the page's own decision would be
            # refused whichever of 失效 or 废止 it chose, so it is not offered here
            Guard(
                lambda item, s: not _kept_elsewhere(item),
                lambda item, s: _kept_elsewhere(item),
                shown=True,
            ),
        ),
        form=ValidityForm,
        waits=False,
    ),
    Step(
        "ending_date",
        "补录失效或废止日期",
        lambda item, *, by, today, data: t.record_ending_date(
            item, by=by, on=data["on"], today=today
        ),
        roles.EDITORS,
        states=PUBLISHED,
        guards=(
            Guard(
                lambda item, s: (
                    item.validity != Validity.VALID and item.validity_changed_on is None
                ),
                "只有已标注失效或废止、但没有日期的信息（如迁移自原网站的）需要补录日期",
            ),
        ),
        form=EndingDateForm,
        explain="原网站标注了失效或废止，但没有写明日期：年度报告表二按这一日期统计本年废止和现行有效。",
        waits=False,
    ),
    Step(
        "withdraw",
        "撤回",
        lambda item, *, by, today, data: t.withdraw(item, by=by, on=today, reason=data["reason"]),
        (*roles.EDITORS, *roles.REVIEWERS),
        states=PUBLISHED,
        form=WithdrawForm,
        waits=False,
    ),
    Step(
        "remove_attachment",
        "删除附件",
        _remove_attachment,
        roles.EDITORS,
        states=EDITABLE,
        form=AttachmentForm,
        irreversible="确认删除：文件将被永久删除，不能恢复",
        waits=False,
    ),
)


class CorrectionForm(ControlCharactersStripped, forms.Form):
    note = forms.CharField(
        label="更正说明（哪里有误、改了什么）",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="与更正后的内容一并公开，如：标题中“低保金”误写为“低保经”，已更正。",
    )


NO_OPEN_CORRECTION = Guard(
    lambda item, s: not item.correction_drafts.exists(), c.ALREADY_OPEN, shown=True
)

# 更正 (issue 25, catalogue/corrections.py): on a published item, and on its draft
CORRECTION_STEPS = (
    Step(
        "correct",
        "更正",
        lambda item, *, by, today, data: c.start_correction(
            item, by=by, note=data["note"], on=today
        ),
        roles.EDITORS,
        states=PUBLISHED,
        guards=(NO_OPEN_CORRECTION,),
        form=CorrectionForm,
        explain=(
            "将生成一份更正稿，内容与已公开的版本相同：在更正稿中修改后提交审查，审核通过后替换"
            "门户上的内容，索引号和发布日期不变，更正说明和更正记录一并公开。在此之前门户仍显示原内容。"
        ),
        waits=False,
    ),
    Step(
        "abandon_correction",
        "放弃更正",
        lambda item, *, by, today, data: c.abandon_correction(item, by=by, on=today),
        (*roles.EDITORS, *roles.REVIEWERS),
        states=EDITABLE | SUBMITTED,
        guards=(Guard(lambda item, s: item.corrects_id is not None, "这不是更正稿"),),
        irreversible="确认放弃：更正稿将被删除，已公开的内容不变",
        waits=False,
    ),
)

ITEM_STEPS = register(StepSet(model=Item, noun="该信息", steps=STEPS + CORRECTION_STEPS))


# ---------------------------------------------------------------- 起草新条目 on the agency


class AgencyDrafting(AgencyPage):
    """The agency as the place where a new item is drafted: the item does not exist yet,
    so the step is the agency's (as 登记 of an application is, applications/steps.py)."""


DRAFTING_STEPS = register(
    page_steps(
        model=AgencyDrafting,
        noun="本机关",
        steps=(
            Step(
                "draft",
                "起草新条目",
                lambda target, *, by, today, data: t.create_draft(
                    target.agency, by=by, today=today, **data
                ),
                roles.EDITORS,
                form=ItemForm,
                # the page's one long form keeps its plain field names
                form_kwargs=lambda target: {"prefix": None, "agency": target.agency},
                summary="起草信息",
                done=lambda item: "草稿已保存",
                waits=False,
            ),
        ),
    )
)
