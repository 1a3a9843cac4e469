"""The public forms (question, 找错, look-up) and the steps' forms; every text value comes
out without control characters (core/forms.py), as on the application form."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import User
from gongkai.interaction.models import ASKED_KINDS, Elsewhere

PERSONAL_NOTE = "仅用于答复，不会公开"


class QuestionForm(ControlCharactersStripped, forms.Form):
    kind = forms.ChoiceField(
        label="留言类型",
        choices=[(k.value, k.label) for k in ASKED_KINDS],
        initial=ASKED_KINDS[0].value,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(
        label="标题", max_length=100, error_messages={"required": "请填写标题"}
    )
    body = forms.CharField(
        label="内容",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写留言内容", "max_length": "留言请控制在3000字以内"},
    )
    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False)
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱）",
        max_length=100,
        help_text=PERSONAL_NOTE,
        error_messages={"required": "请留下联系方式，以便答复"},
    )


class ErrorReportForm(ControlCharactersStripped, forms.Form):
    page_url = forms.CharField(
        label="出错页面的网址", max_length=500, error_messages={"required": "请填写出错页面的网址"}
    )
    subject = forms.CharField(
        label="错误类型或标题",
        max_length=100,
        initial="页面内容有误",
        error_messages={"required": "请填写标题"},
    )
    body = forms.CharField(
        label="错误描述",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请说明哪里有误"},
    )
    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False)
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱）",
        max_length=100,
        help_text=PERSONAL_NOTE,
        error_messages={"required": "请留下联系方式，以便答复"},
    )

    def clean_page_url(self) -> str:
        url = self.cleaned_data["page_url"].strip()
        if not (url.startswith("/") or url.startswith(("http://", "https://"))):
            raise forms.ValidationError("请填写以 http://、https:// 或 / 开头的网址")
        return url


class LookupForm(ControlCharactersStripped, forms.Form):
    tracking_number = forms.CharField(label="留言编号", max_length=32)
    query_code = forms.CharField(label="查询码", max_length=16)


class FaqSearchForm(forms.Form):
    q = forms.CharField(label="搜索常见问题", max_length=50, required=False)


# -- the steps' forms (office) --------------------------------------------------------


class AssignForm(ControlCharactersStripped, forms.Form):
    assignee = forms.ModelChoiceField(label="承办人", queryset=User.objects.none())

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            User.objects.filter(memberships__agency=agency).distinct().order_by("username")
        )
        self.fields["assignee"].label_from_instance = lambda u: u.full_name or u.get_username()


class DraftForm(ControlCharactersStripped, forms.Form):
    text = forms.CharField(
        label="答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, initial_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].initial = initial_text


class NoteForm(ControlCharactersStripped, forms.Form):
    note = forms.CharField(label="修改意见", max_length=1000)


class PublishForm(ControlCharactersStripped, forms.Form):
    question = forms.CharField(
        label="公开的问题",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="请删去姓名、电话、住址等能识别留言人的内容",
    )

    def __init__(self, *args, initial_question="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].initial = initial_question


class ElsewhereForm(forms.Form):
    elsewhere = forms.ChoiceField(label="应通过的渠道", choices=Elsewhere.choices)


class FaqForm(ControlCharactersStripped, forms.Form):
    question = forms.CharField(
        label="问题", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer = forms.CharField(
        label="答复", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AnswerPeriodsForm(forms.Form):
    """The working days for each kind; whether the longest still ends within 19号's 3 months
    depends on the calendar, so the transition checks that (interaction/periods.py)."""

    consult = forms.IntegerField(label="咨询（工作日）")
    suggest = forms.IntegerField(label="建议（工作日）")
    complain = forms.IntegerField(label="投诉（工作日）")
    error = forms.IntegerField(label="网站找错（工作日）")

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = f"请填写{field.label}"
            field.error_messages["invalid"] = f"{field.label}请填写整数"
            if current is not None:
                field.initial = getattr(current, name)

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if value is not None and value < 1:
                self.add_error(name, f"{self.fields[name].label}不能为{value}：至少为1个工作日")
        return data
