"""The forms of the policies pages that create something for an agency (register a draft,
record a relation, start a 清理, open a consultation, settings): each cleans the page's
fields into the domain types its transition takes. The steps on an existing register entry,
consultation, comment or 清理 have their forms in policies/steps.py."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django import forms
from django.db.models import Case, Q, When

from gongkai.catalogue.models import DocumentKind, Item, Validity
from gongkai.core.forms import ControlCharactersStripped
from gongkai.policies.models import Consultation, NormativeDocument, RelationKind

CHOOSE = {"required": "请选择文件", "invalid_choice": "请选择文件"}

# ---------------------------------------------------------------- what each drop-down offers
# Each list is of the right kind only, with no cap that would hide older documents; a search
# (名称、文号或索引号, the office item list's fields) narrows it on the server, so the page
# needs no script.


def _search(items, query: str):
    # NFKC folds a full-width 〔２０２６〕 typed on a phone into what was stored
    query = unicodedata.normalize("NFKC", query or "").strip()[:100]
    if not query:
        return items
    return items.filter(
        Q(title__icontains=query)
        | Q(document_number__icontains=query)
        | Q(index_number__icontains=query)
    )


def policy_documents(agency):
    """The agency's published policy documents in force: 规章, 行政规范性文件 and any other
    document issued under a 文号 (a 修订/废止/替代 is made by such a document)."""
    return (
        Item.objects.live()
        .filter(agency=agency, validity=Validity.VALID)
        .filter(~Q(document_kind=DocumentKind.OTHER) | ~Q(document_number=""))
    )


def newer_documents(agency, query: str = ""):
    """The documents that may amend, repeal or replace another: the agency's policy
    documents in force, newest first."""
    return _search(policy_documents(agency), query).order_by("-published_on", "-pk")


def older_documents(agency, today: date, query: str = ""):
    """What may be amended, repealed or replaced: the agency's registered 行政规范性文件
    现行有效 today (policies/transitions.relate refuses any other)."""
    in_force = NormativeDocument.objects.filter(agency=agency).in_force(today)
    return _search(Item.objects.filter(pk__in=in_force.values("item_id")), query).order_by(
        "-published_on", "-pk"
    )


# what a draft put out for comment is called: 征求意见稿, 草案, 送审稿, 意见稿
DRAFT_NAME = re.compile(r"征求意见|草案|送审稿|意见稿")


def consultation_drafts(agency, query: str = "", *, every: bool = False):
    """What may be put out for comment: the agency's published items not yet consulted on
    (a draft is consulted once: its open or closed consultation holds its comments), not a
    registered 规范性文件 or a 解读, not a consultation's 反馈. Without a search, only items
    whose name says they are drafts (征求意见稿, 草案, 送审稿); a search looks at every
    candidate, so a draft named otherwise is found by its name."""
    consulted = Consultation.objects.filter(agency=agency)
    items = (
        Item.objects.live()
        .filter(agency=agency)
        .exclude(pk__in=consulted.values("draft_id"))
        .exclude(pk__in=consulted.exclude(feedback_item=None).values("feedback_item_id"))
        .exclude(pk__in=NormativeDocument.objects.filter(agency=agency).values("item_id"))
        .exclude(interprets__isnull=False)
    )
    if query.strip():
        items = _search(items, query)
    elif not every:
        items = items.filter(title__regex=DRAFT_NAME.pattern)
    marked = Q(title__contains="征求意见") | Q(title__contains="草案")
    return items.annotate(draft_named=Case(When(marked, then=0), default=1)).order_by(
        "draft_named", "-published_on", "-pk"
    )


def _date(label: str) -> forms.DateField:
    wrong = f"请填写正确的{label}"
    return forms.DateField(label=label, error_messages={"required": wrong, "invalid": wrong})


class AgencyForm(ControlCharactersStripped, forms.Form):
    """A form whose item choices are the agency's own items."""

    item_fields: tuple[str, ...] = ()

    def __init__(self, data=None, files=None, *, agency, **kwargs):
        super().__init__(data, files, **kwargs)
        for name in self.item_fields:
            self.fields[name].queryset = Item.objects.filter(agency=agency)


class RegisterForm(AgencyForm):
    item_fields = ("item",)
    item = forms.ModelChoiceField(queryset=Item.objects.none(), error_messages=CHOOSE)
    effective_on = _date("施行日期")
    valid_until = forms.DateField(
        required=False, error_messages={"invalid": "请填写正确的有效期截止日期"}
    )


class RelateForm(AgencyForm):
    """The choices are those the page offers: a hand-made POST cannot relate anything else."""

    def __init__(self, data=None, files=None, *, agency, today: date | None = None, **kwargs):
        from django.utils import timezone

        super().__init__(data, files, agency=agency, **kwargs)
        self.fields["newer"].queryset = newer_documents(agency)
        self.fields["older"].queryset = older_documents(agency, today or timezone.localdate())

    newer = forms.ModelChoiceField(queryset=Item.objects.none(), error_messages=CHOOSE)
    older = forms.ModelChoiceField(queryset=Item.objects.none(), error_messages=CHOOSE)
    kind = forms.TypedChoiceField(
        choices=RelationKind.choices,
        coerce=RelationKind,
        error_messages={"required": "请选择文件关系", "invalid_choice": "请选择文件关系"},
    )
    on = _date("生效日期")


class CleanupForm(AgencyForm):
    title = forms.CharField(max_length=200, required=False)
    basis = forms.CharField(max_length=300, required=False)


class SettingsForm(AgencyForm):
    integer = {"invalid": "请填写整数", "min_value": "请填写整数"}
    require_sync = forms.BooleanField(required=False)
    sync_grace_workdays = forms.IntegerField(min_value=0, error_messages=integer)
    max_validity_years = forms.IntegerField(min_value=1, required=False, error_messages=integer)
    max_provisional_validity_years = forms.IntegerField(
        min_value=1, required=False, error_messages=integer
    )
    consultation_min_days = forms.IntegerField(min_value=0, required=False, error_messages=integer)
    registration_code = forms.CharField(max_length=20, required=False)


class ConsultationForm(AgencyForm):
    """发起意见征集 (policies/steps.py): the draft is an Item, the dates are dates."""

    def __init__(self, data=None, files=None, *, agency, **kwargs):
        super().__init__(data, files, agency=agency, **kwargs)
        # any candidate the search can find, whatever its name
        self.fields["draft"].queryset = consultation_drafts(agency, every=True)

    draft = forms.ModelChoiceField(queryset=Item.objects.none(), error_messages=CHOOSE)
    title = forms.CharField(max_length=200, required=False)
    starts_on = _date("开始日期")
    ends_on = _date("截止日期")
    explanation = forms.CharField(max_length=5000, required=False)
    short_period_reason = forms.CharField(max_length=300, required=False)
    # 《重大行政决策程序暂行条例》第十五条第一款 binds a 县级以上人民政府's major decisions
    major_decision = forms.BooleanField(required=False)


class RecordForm(forms.Form):
    """Which of the agency's registered documents a step of the register page is taken on
    (宣布失效): the register entry itself, or nothing for one not the agency's."""

    record = forms.ModelChoiceField(queryset=NormativeDocument.objects.none())

    def __init__(self, data, *, agency):
        super().__init__(data)
        self.fields["record"].queryset = NormativeDocument.objects.filter(
            agency=agency
        ).select_related("item", "agency")
