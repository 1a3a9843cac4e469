"""The steps of a registered 行政规范性文件, of a consultation and its comments, and of a 清理,
declared once beside the transitions (core/steps.py). Declaring a document 失效 is its own
step: until its 有效期 has ended it is refused — by the page, a hand-made POST and the
transition alike (issue 22: the rule used to live only in the office view)."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.utils import timezone

from gongkai.catalogue.models import DocumentKind, Item, ItemStatus, Validity
from gongkai.catalogue.steps import ITEM_STEPS
from gongkai.core import roles
from gongkai.core.dates import chinese_date as cn
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Role
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, page_steps, register
from gongkai.policies import forms as f
from gongkai.policies import transitions as p
from gongkai.policies.models import (
    Adoption,
    CleanupBatch,
    CleanupResult,
    Comment,
    CommentStatus,
    Consultation,
    Interpretation,
    InterpretationForm,
    NormativeDocument,
)

PERIOD_ENDED = Guard(
    lambda record, s: record.valid_until < s.today,
    lambda record, s: p.early_expiry_refusal(record),
    p.EXPIRY_BASIS,
    shown=True,
)
PUBLISHED = Guard(
    lambda record, s: record.item.status == ItemStatus.PUBLISHED,
    "该文件尚未公开，不能宣布失效",
)

STEPS = (
    Step(
        "expire",
        "宣布失效",
        lambda record, *, by, today, data: p.declare_expired(record, by=by, today=today),
        roles.EDITORS,
        states=frozenset({Validity.VALID}),
        guards=(PUBLISHED, PERIOD_ENDED),
        irreversible="我已核对：该文件有效期已满，宣布失效后门户将标注为失效",
    ),
)

NORMATIVE_STEPS = register(
    StepSet(
        model=NormativeDocument,
        noun="该文件",
        steps=STEPS,
        state=lambda record: record.item.validity,
        state_label=lambda record: record.item.get_validity_display(),
    )
)


class AgencyPolicyRegister(AgencyPage):
    """The agency's register of 规范性文件 as the place where something new is made for it:
    a registration at drafting, a relation between two documents, a 清理, its settings."""


def _plain(target) -> dict:
    """The register page's forms keep their plain field names, each posting on its own."""
    return {"prefix": None, "agency": target.agency}


REGISTER_STEPS = register(
    page_steps(
        model=AgencyPolicyRegister,
        noun="本机关",
        steps=(
            Step(
                "register",
                "登记",
                lambda target, *, by, today, data: p.register_normative(
                    data["item"],
                    by=by,
                    on=today,
                    effective_on=data["effective_on"],
                    valid_until=data["valid_until"],
                ),
                roles.EDITORS,
                form=f.RegisterForm,
                form_kwargs=_plain,
                waits=False,
            ),
            Step(
                "relate",
                "记录文件关系",
                lambda target, *, by, today, data: p.relate(
                    data["newer"], data["older"], by=by, kind=data["kind"], on=data["on"]
                ),
                roles.EDITORS,
                form=f.RelateForm,
                form_kwargs=_plain,
                waits=False,
            ),
            Step(
                "cleanup",
                "开始清理",
                lambda target, *, by, today, data: p.start_cleanup(
                    target.agency, by=by, on=today, title=data["title"], basis=data["basis"]
                ),
                roles.EDITORS,
                form=f.CleanupForm,
                form_kwargs=_plain,
                waits=False,
            ),
            Step(
                "settings",
                "保存设置",
                lambda target, *, by, today, data: p.configure(target.agency, by=by, **data),
                p.ADMINS,
                form=f.SettingsForm,
                form_kwargs=_plain,
                waits=False,
            ),
        ),
    )
)


# ---------------------------------------------------------------- 意见征集


class FeedbackForm(ControlCharactersStripped, forms.Form):
    summary = forms.CharField(
        label="总体说明", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FinalDocumentForm(forms.Form):
    document = forms.ModelChoiceField(
        label="正式文件", queryset=Item.objects.none(), empty_label="请选择正式文件"
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the document finally issued: one of the agency's policy documents in force
        self.fields["document"].queryset = f.newer_documents(agency)
        self.fields["document"].label_from_instance = _document_label


def consultation_state(consultation: Consultation) -> str:
    if consultation.final_document_id:
        return "final"
    return "answered" if consultation.feedback_item_id else "open"


CONSULTATION_STATES = {"open": "尚未公布反馈", "answered": "已公布反馈", "final": "已关联正式文件"}

CONSULTATION_STEPS = register(
    StepSet(
        model=Consultation,
        noun="该意见征集",
        state=consultation_state,
        state_label=lambda c: CONSULTATION_STATES[consultation_state(c)],
        steps=(
            Step(
                "feedback",
                "公布反馈",
                lambda c, *, by, today, data: p.publish_feedback(
                    c, by=by, on=today, summary=data["summary"]
                ),
                (*roles.REVIEWERS, Role.ADMIN),
                states=frozenset({"open"}),
                guards=(
                    Guard(
                        lambda c, s: s.today > c.ends_on,
                        lambda c, s: f"征集期至{cn(c.ends_on)}，征集期结束后才能公布反馈",
                        shown=True,
                    ),
                    Guard(
                        lambda c, s: c.created_by_id != s.user.pk,
                        "征求意见的反馈须由发起人以外的审核人审核公布",
                        shown=True,
                    ),
                ),
                form=FeedbackForm,
                summary="公布意见采纳情况反馈…",
                explain="将要发生：收到意见的条数、采纳情况和未采纳的理由作为政府信息公开，"
                "此后意见的审核和采纳情况不能再修改。",
                irreversible="我已核对每条意见的采纳情况和理由，确认公布反馈",
            ),
            Step(
                "final",
                "关联正式文件",
                lambda c, *, by, today, data: p.link_final_document(c, data["document"], by=by),
                roles.EDITORS,
                states=frozenset({"answered"}),
                form=FinalDocumentForm,
                form_kwargs=lambda c: {"agency": c.agency},
                summary="关联正式文件…",
                waits=False,
            ),
        ),
    )
)


class AgencyConsultations(AgencyPage):
    """The agency's consultations as the place a published draft is put out for comment:
    the consultation does not exist yet, so 发起意见征集 is the agency's step."""


def _open_consultation(target, *, by, today, data):
    fields = dict(data)
    return p.open_consultation(fields.pop("draft"), by=by, today=today, **fields)


OPENING_STEPS = register(
    page_steps(
        model=AgencyConsultations,
        noun="本机关",
        steps=(
            Step(
                "start",
                "发起意见征集",
                _open_consultation,
                roles.EDITORS,
                form=f.ConsultationForm,
                # the page's one form keeps its plain field names
                form_kwargs=lambda target: {"prefix": None, "agency": target.agency},
                done=lambda consultation: "已发起意见征集",
                waits=False,
            ),
        ),
    )
)


class DecideForm(ControlCharactersStripped, forms.Form):
    adoption = forms.TypedChoiceField(label="采纳情况", choices=Adoption.choices, coerce=Adoption)
    reason = forms.CharField(label="未采纳或部分采纳的理由", max_length=500, required=False)


FEEDBACK_NOT_PUBLISHED = Guard(
    lambda comment, s: not comment.consultation.feedback_item_id, "反馈已经公布，不能再修改"
)
MODERATORS = (*roles.EDITORS, *roles.REVIEWERS)

COMMENT_STEPS = register(
    StepSet(
        model=Comment,
        noun="该意见",
        agency=lambda comment: comment.consultation.agency,
        steps=(
            Step(
                "show",
                "公开",
                lambda c, *, by, today, data: p.moderate_comment(c, by=by, show=True),
                MODERATORS,
                states=frozenset({CommentStatus.PENDING, CommentStatus.HIDDEN}),
                guards=(FEEDBACK_NOT_PUBLISHED,),
            ),
            Step(
                "hide",
                "不予显示",
                lambda c, *, by, today, data: p.moderate_comment(c, by=by, show=False),
                MODERATORS,
                states=frozenset({CommentStatus.PENDING, CommentStatus.SHOWN}),
                guards=(FEEDBACK_NOT_PUBLISHED,),
            ),
            Step(
                "decide",
                "保存采纳情况",
                lambda c, *, by, today, data: p.decide_comment(
                    c, by=by, adoption=data["adoption"], reason=data["reason"]
                ),
                roles.EDITORS,
                states=frozenset({CommentStatus.SHOWN, CommentStatus.HIDDEN}),
                guards=(FEEDBACK_NOT_PUBLISHED,),
                form=DecideForm,
                form_kwargs=lambda c: {
                    "initial": {"adoption": c.adoption, "reason": c.reason},
                    "auto_id": f"comment-{c.pk}-%s",  # one form per comment on the page
                },
                summary="采纳情况…",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 清理


class CleanupResultsForm(ControlCharactersStripped, forms.Form):
    """One result and note per document of the 清理: the 现行有效 documents today and any
    already given a result. Cleans to {"results": [(document, CleanupResult, note), ...]}."""

    def __init__(self, *args, batch=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.entries = entries = {e.document_id: e for e in batch.entries.all()}
        in_force = NormativeDocument.objects.filter(agency=batch.agency).in_force(
            timezone.localdate()
        )
        self.documents = list(
            NormativeDocument.objects.filter(Q(pk__in=list(entries)) | Q(pk__in=in_force))
            .select_related("item")
            .order_by("year", "serial")
        )
        for document in self.documents:
            entry = entries.get(document.pk)
            label = f"《{document.item.title}》的清理结果"
            self.fields[f"result-{document.pk}"] = forms.TypedChoiceField(
                label=label,
                widget=forms.Select(attrs={"aria-label": label}),
                choices=[("", "未定"), *CleanupResult.choices],
                coerce=CleanupResult,
                empty_value=None,
                required=False,
                initial=entry.result if entry else "",
            )
            self.fields[f"note-{document.pk}"] = forms.CharField(
                label="说明",
                max_length=300,
                required=False,
                initial=entry.note if entry else "",
                widget=forms.TextInput(attrs={"aria-label": "说明"}),
            )

    def rows(self):
        """(document, its entry or None, result field, note field) for the page's table."""
        return [
            (d, self.entries.get(d.pk), self[f"result-{d.pk}"], self[f"note-{d.pk}"])
            for d in self.documents
        ]

    def clean(self):
        data = super().clean()
        return {
            "results": [
                (d, data[f"result-{d.pk}"], data.get(f"note-{d.pk}", ""))
                for d in self.documents
                if data.get(f"result-{d.pk}")
            ]
        }


def _record_results(batch, *, by, today, data):
    return [
        p.record_cleanup_result(batch, document, by=by, result=result, note=note)
        for document, result, note in data["results"]
    ]


CLEANUP_STEPS = register(
    StepSet(
        model=CleanupBatch,
        noun="该清理",
        state=lambda batch: "published" if batch.published_on else "open",
        state_label=lambda batch: "结果已公布" if batch.published_on else "正在清理",
        steps=(
            Step(
                "record",
                "保存清理结果",
                _record_results,
                roles.EDITORS,
                states=frozenset({"open"}),
                form=CleanupResultsForm,
                form_kwargs=lambda batch: {"batch": batch},
                waits=False,
            ),
            Step(
                "publish",
                "公布清理结果",
                lambda batch, *, by, today, data: p.publish_cleanup(batch, by=by, on=today),
                (Role.ADMIN,),
                states=frozenset({"open"}),
                guards=(
                    Guard(
                        lambda batch, s: batch.created_by_id != s.user.pk,
                        "清理结果须由整理人以外的管理员审核公布",
                        shown=True,
                    ),
                ),
                summary="公布清理结果…",
                explain="将要发生：三张目录作为政府信息公开；废止和宣布失效的文件自今日起在登记簿"
                "和目录中失效。",
                irreversible="我已核对每份文件的清理结果，确认公布：废止和宣布失效不能撤销",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 解读 on an item's page


class PolicyItem:
    """An item as the policies app acts on it (关联解读, 文件与解读一并审核公开): its own kind of
    object for the declarations, so the catalogue's item steps stay the catalogue's."""

    def __init__(self, item: Item):
        self.item = item
        self.pk = item.pk
        self.agency = item.agency

    def __eq__(self, other):
        return isinstance(other, PolicyItem) and other.item.pk == self.item.pk

    def __hash__(self):
        return hash(("PolicyItem", self.item.pk))


def interpretable_documents(item: Item):
    """The agency's 规范性文件 an item may be a 解读 of (not one that is itself a 解读)."""
    return (
        Item.objects.filter(agency=item.agency, document_kind=DocumentKind.NORMATIVE)
        .exclude(pk=item.pk)
        .exclude(status=ItemStatus.WITHDRAWN)
        .exclude(interprets__isnull=False)
        .order_by("-pk")
    )


# What a 解读 calls itself (国办发〔2016〕80号 and the 19号 indicators name its forms: 文字解读,
# 图解, 音视频, 问答, 媒体/专家解读; a 起草说明 is read as one). The catalogue has no kind for a
# 解读, so its name is what tells it apart from a news item or a notice: the office offers
# 关联解读 only on an item whose name says it is one.
INTERPRETATION_NAME = re.compile(r"解读|图解|问答|问.答|一图读懂|图说|答记者问|起草说明|政策说明")


def reads_as_interpretation(item: Item) -> bool:
    return bool(INTERPRETATION_NAME.search(item.title))


NOT_AN_INTERPRETATION = (
    "本条的名称没有表明它是解读（如“……政策解读”“一图读懂……”“……问答”）："
    "只有解读才能关联到所解读的文件"
)


class InterpretForm(ControlCharactersStripped, forms.Form):
    document = forms.ModelChoiceField(
        label="本条是以下文件的解读",
        queryset=Item.objects.none(),
        empty_label="请选择所解读的文件",  # nothing chosen for the clerk
        error_messages={"required": "请选择所解读的文件", "invalid_choice": "请选择所解读的文件"},
    )
    form = forms.TypedChoiceField(
        label="解读形式", choices=InterpretationForm.choices, coerce=InterpretationForm
    )
    media_url = forms.URLField(
        label="音视频链接", max_length=200, required=False, assume_scheme="https"
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = interpretable_documents(item)
        # never a choice made for the clerk: no initial value, and the browser shows the
        # empty label until a document is chosen
        self.fields["document"].initial = None
        self.fields["document"].label_from_instance = _document_label


def _document_label(item: Item) -> str:
    return f"{item.title}（{item.document_number}）" if item.document_number else item.title


def _register_initial(target) -> dict:
    item = target.item
    return {"effective_on": item.written_on or item.published_on}


class RegisterPublishedForm(ControlCharactersStripped, forms.Form):
    """统一登记、统一编号 of a document already published (国办发〔2018〕37号)."""

    effective_on = forms.DateField(
        label="施行日期",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"required": "请填写施行日期", "invalid": "请填写正确的施行日期"},
    )
    valid_until = forms.DateField(
        label="有效期至（留空为最长有效期）",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": "请填写正确的有效期截止日期"},
    )


def _publish_guard(guard: Guard) -> Guard:
    """The catalogue's guard of 审核通过并公开, asked of the wrapped item."""
    return Guard(
        lambda target, s: guard.holds(target.item, s),
        guard.sentence
        if isinstance(guard.sentence, str)
        else (lambda target, s: guard.sentence(target.item, s)),
        guard.article,
        shown=guard.shown,
    )


POLICY_ITEM_STEPS = register(
    StepSet(
        model=PolicyItem,
        noun="该信息",
        state=lambda target: target.item.status,
        state_label=lambda target: target.item.get_status_display(),
        agency=lambda target: target.item.agency,
        steps=(
            Step(
                "interpret",
                "关联解读",
                lambda target, *, by, today, data: p.link_interpretation(
                    target.item,
                    data["document"],
                    by=by,
                    form=data["form"],
                    media_url=data["media_url"],
                ),
                roles.EDITORS,
                guards=(
                    Guard(
                        lambda target, s: target.item.document_kind != DocumentKind.NORMATIVE,
                        "规范性文件本身不是解读：请在解读的页面关联它所解读的文件",
                    ),
                    Guard(
                        lambda target, s: reads_as_interpretation(target.item),
                        NOT_AN_INTERPRETATION,
                    ),
                    Guard(
                        lambda target, s: target.item.status != ItemStatus.WITHDRAWN,
                        "该信息已撤回，不能再关联为解读",
                    ),
                    Guard(
                        lambda target, s: interpretable_documents(target.item).exists(),
                        "本机关还没有可以关联的规范性文件",
                    ),
                ),
                form=InterpretForm,
                form_kwargs=lambda target: {"item": target.item},
                summary="关联为规范性文件的解读…",
                waits=False,
            ),
            Step(
                "register",
                "补充登记",
                lambda target, *, by, today, data: p.register_published(
                    target.item,
                    by=by,
                    on=today,
                    effective_on=data["effective_on"],
                    valid_until=data["valid_until"],
                ),
                roles.EDITORS,
                states=frozenset({ItemStatus.PUBLISHED}),
                guards=(
                    Guard(
                        lambda target, s: target.item.document_kind == DocumentKind.NORMATIVE,
                        "只有文件类型为“行政规范性文件”的信息才能登记",
                    ),
                    Guard(
                        lambda target, s: (
                            not NormativeDocument.objects.filter(item=target.item).exists()
                        ),
                        "该文件已经登记",
                    ),
                ),
                form=RegisterPublishedForm,
                form_kwargs=lambda target: {"initial": _register_initial(target)},
                summary="补充登记（已公开、尚未登记的规范性文件）…",
                irreversible="我已核对施行日期和有效期：登记编号一经取得不能撤销",
                explain="将要发生：本文件按本机关今年的登记顺序取得登记编号（统一登记、统一编号，"
                "国办发〔2018〕37号），与施行日期、有效期一并显示在文件页和门户政策文件库中；"
                "有效期已满的登记为已失效。",
                waits=False,
            ),
            Step(
                "together",
                "文件与解读一并审核公开",
                lambda target, *, by, today, data: p.approve_together(target.item, by=by, on=today),
                roles.REVIEWERS,
                states=frozenset({ItemStatus.SUBMITTED}),
                guards=(
                    Guard(
                        lambda target, s: Interpretation.objects.filter(
                            document=target.item
                        ).exists(),
                        "该文件尚无解读：请先关联解读，或用“审核通过并公开”",
                    ),
                    *(_publish_guard(g) for g in ITEM_STEPS.get("publish").guards),
                ),
                summary="文件与解读一并审核公开…",
                explain="将要发生：本文件和上列待审查的解读同时取得索引号，今天在门户网站公开"
                "（同步审签、同步公开，国办发〔2016〕80号）。",
                irreversible="我已核对文件和解读，确认一并审核通过并公开",
                waits=False,  # the document's own 审核通过并公开 waits on the 工作台
            ),
        ),
    )
)
