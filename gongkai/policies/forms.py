"""The forms of the policies pages that create something for an agency (register a draft,
record a relation, start a 清理, open a consultation, settings): each cleans the page's
fields into the domain types its transition takes. The steps on an existing register entry,
consultation, comment or 清理 have their forms in policies/steps.py."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.models import Item
from gongkai.core.forms import ControlCharactersStripped
from gongkai.policies.models import RelationKind

CHOOSE = {"required": "请选择文件", "invalid_choice": "请选择文件"}


def _date(label: str) -> forms.DateField:
    wrong = f"请填写正确的{label}"
    return forms.DateField(label=label, error_messages={"required": wrong, "invalid": wrong})


class AgencyForm(ControlCharactersStripped, forms.Form):
    """A form whose item choices are the agency's own items."""

    item_fields: tuple[str, ...] = ()

    def __init__(self, data, *, agency):
        super().__init__(data)
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
    item_fields = ("newer", "older")
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
    item_fields = ("draft",)
    draft = forms.ModelChoiceField(queryset=Item.objects.none(), error_messages=CHOOSE)
    title = forms.CharField(max_length=200, required=False)
    starts_on = _date("开始日期")
    ends_on = _date("截止日期")
    explanation = forms.CharField(max_length=5000, required=False)
    short_period_reason = forms.CharField(max_length=300, required=False)
    # 《重大行政决策程序暂行条例》第十五条第一款 binds a 县级以上人民政府's major decisions
    major_decision = forms.BooleanField(required=False)


def errors_of(form: forms.Form) -> str:
    return "；".join(dict.fromkeys(e for field in form.errors.values() for e in field))
