"""The 政务公开工作要点 page's forms: each cleans the POST into what its transition takes
(dates, counts, the plan or task itself), so a page never reads raw POST values nor silently
cuts or zeroes what was typed; the transitions keep the rules and the roles."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.models import DisclosureAttribute, InfoType
from gongkai.core.dates import chinese_date
from gongkai.core.forms import ControlCharactersStripped
from gongkai.standards.models import (
    Audience,
    Manner,
    ModelCatalogue,
    NoticeEnd,
    WorkPlan,
    WorkTask,
)
from gongkai.statute.disclosure_limits import LimitError, parse_limit

DATE_ERROR = {"invalid": "日期格式应为 2025-03-01"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT_ERROR = {
    "invalid": "件数应为非负整数",
    "min_value": "件数应为非负整数",
    "required": "件数应为非负整数",
}


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, error_messages=DATE_ERROR, widget=DATE)


def _text(label: str, length: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=length,
        required=False,  # an empty text is the transition's sentence to say
        error_messages={"max_length": f"{label}不能超过 {length} 字"},
    )


class PlanForm(ControlCharactersStripped, forms.Form):
    title = _text("标题", 200)
    issued_on = _date("印发日期")


class TaskForm(ControlCharactersStripped, forms.Form):
    plan = forms.ModelChoiceField(
        queryset=WorkPlan.objects.none(), error_messages={"invalid_choice": "该工作要点不存在"}
    )
    text = _text("任务", 500)
    due_on = _date("完成期限")

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = WorkPlan.objects.filter(issuer=agency)


class RecordForm(ControlCharactersStripped, forms.Form):
    # any task: record_task refuses one not issued from above this agency
    task = forms.ModelChoiceField(
        queryset=WorkTask.objects.all(), error_messages={"invalid_choice": "该任务不存在"}
    )
    text = _text("落实情况", 2000)
    done_on = _date("完成日期")


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, error_messages=COUNT_ERROR)


class ProposalsForm(ControlCharactersStripped, forms.Form):
    suggestions = _count("办理人大代表建议（件）")
    proposals = _count("办理政协提案（件）")
    results_published = _count("公开办理结果（件）")
    source = _text("数据来源", 200)


class TrainingForm(ControlCharactersStripped, forms.Form):
    held_on = _date("培训日期")
    topic = _text("培训主题", 200)
    participants = forms.IntegerField(
        label="参训人次",
        required=False,
        error_messages={"invalid": "参训人次应为正整数"},
    )


def errors_of(form: forms.Form) -> str:
    return "；".join(dict.fromkeys(e for field in form.errors.values() for e in field))


# ---------------------------------------------------------------- the 标准目录's own steps
# (standards/steps.py declares the steps that take these forms)


class MatterForm(ControlCharactersStripped, forms.Form):
    """A row the agency adds to its own 目录; cleans to add_local_matter's fields (the 公开时限
    read into its kind and days)."""

    domain = forms.CharField(label="领域", max_length=50)
    level1 = forms.CharField(label="一级事项", max_length=100)
    level2 = forms.CharField(label="二级事项", max_length=200)
    content = forms.CharField(label="公开内容（要素）", max_length=2000, required=False)
    basis = forms.CharField(label="公开依据", max_length=2000, required=False)
    limit = forms.CharField(
        label="公开时限",
        max_length=100,
        required=False,
        help_text="如“信息形成或变更之日起20个工作日内”“实时”“每季度结束后10个工作日内”",
    )
    subject = forms.CharField(label="公开主体", max_length=200, required=False)
    channels = forms.CharField(label="公开渠道和载体", max_length=300, required=False)
    audience = forms.ChoiceField(label="公开对象", choices=Audience.choices)
    manner = forms.ChoiceField(label="公开方式", choices=Manner.choices)
    county_level = forms.BooleanField(label="县级", required=False)
    township_level = forms.BooleanField(label="乡级", required=False, initial=True)
    notice_end = forms.ChoiceField(label="公示期结束后", choices=NoticeEnd.choices)

    def clean_limit(self):
        try:
            return parse_limit(self.cleaned_data["limit"])
        except LimitError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        limit = data.pop("limit", None)
        if limit is not None:
            data["limit_kind"], data["limit_days"] = limit.kind.value, limit.days
        return data


def model_catalogues_for(agency):
    """Model catalogues issued by the agency or any agency above it."""
    issuers, current = [], agency
    while current is not None and len(issuers) < 10:
        issuers.append(current)
        current = current.parent
    return ModelCatalogue.objects.filter(issuer__in=issuers)


class AdoptForm(forms.Form):
    """The model catalogue to adopt: one issued by the agency or an agency above it."""

    catalogue = forms.ModelChoiceField(
        label="模板",
        queryset=ModelCatalogue.objects.none(),
        error_messages={
            "invalid_choice": "只能采用本机关或上级机关下发的标准目录模板",
            "required": "请选择要采用的标准目录模板",
        },
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = model_catalogues_for(agency)
        self.fields["catalogue"].label_from_instance = lambda c: (
            f"{c.name}（{c.issuer.name}，{chinese_date(c.issued_on)}）"
        )


class EntryForm(ControlCharactersStripped, forms.Form):
    attribute = forms.ChoiceField(
        label="公开属性",
        choices=[c for c in DisclosureAttribute.choices if c[0] != DisclosureAttribute.PROACTIVE],
    )
    title = forms.CharField(label="信息名称", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    dated_on = forms.DateField(label="成文日期", widget=DATE)
    reason = forms.CharField(label="理由", max_length=500)
    basis = forms.CharField(label="依据条款", max_length=200, help_text="如：条例第十四条")
    review_on = forms.DateField(label="下次审查日期（不予公开必填）", widget=DATE, required=False)


class ItemStandardsForm(forms.Form):
    matter = forms.ModelChoiceField(label="标准目录事项", queryset=None, required=False)
    info_type = forms.ChoiceField(label="信息类型", choices=InfoType.choices)
    notice_from = forms.DateField(label="公示开始日期", widget=DATE, required=False)
    notice_days = forms.IntegerField(
        label="公示期（天）", min_value=1, max_value=366, required=False
    )

    def __init__(self, *args, item=None, **kwargs):
        from gongkai.standards.transitions import adopted_matters

        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = adopted_matters(item.agency)

    def clean(self):
        data = super().clean()
        if bool(data.get("notice_from")) != bool(data.get("notice_days")):
            raise forms.ValidationError("公示期须同时填写开始日期和天数")
        return data


class SuggestionForm(forms.Form):
    """One of the matters suggested for the item (standards.transitions.suggest_matters)."""

    matter = forms.TypedChoiceField(
        label="推荐事项",
        choices=(),
        coerce=int,
        error_messages={"invalid_choice": "所选事项不在推荐之列，请在下方选择标准目录事项"},
    )

    def __init__(self, *args, suggested=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = {m.pk: m for m in suggested}
        self.fields["matter"].choices = [
            (m.pk, f"{m.domain}／{m.level2}") for m in self.suggested.values()
        ]

    def clean_matter(self):
        return self.suggested[self.cleaned_data["matter"]]


class AttributeForm(ControlCharactersStripped, forms.Form):
    attribute = forms.ChoiceField(label="公开属性", choices=DisclosureAttribute.choices)
    reason = forms.CharField(
        label="理由（依申请公开、不予公开必填）", max_length=500, required=False
    )
    basis = forms.CharField(label="依据条款", max_length=200, required=False)
    review_on = forms.DateField(label="下次审查日期（不予公开必填）", widget=DATE, required=False)


class GuideForm(ControlCharactersStripped, forms.Form):
    # the transitions judge the text (empty, too long), so their sentences are the page's
    text = forms.CharField(
        label="指南正文",
        required=False,
        strip=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 30}),
    )


class GuideTemplateForm(ControlCharactersStripped, forms.Form):
    text = forms.CharField(
        label="模板正文",
        required=False,
        strip=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 20}),
    )


class TaskRecordForm(ControlCharactersStripped, forms.Form):
    """The agency's record of one task (the task is the step's object)."""

    text = forms.CharField(
        label="落实情况",
        max_length=2000,
        required=False,
        error_messages={"max_length": "落实情况不能超过 2000 字"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    done_on = _date("完成日期")


class PlanTaskForm(ControlCharactersStripped, forms.Form):
    """A task added to a plan the agency issued (the plan is the step's object)."""

    text = _text("任务", 500)
    due_on = _date("完成期限")
