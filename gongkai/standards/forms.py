"""The 政务公开工作要点 page's forms: each cleans the POST into what its transition takes
(dates, counts, the plan or task itself), so a page never reads raw POST values nor silently
cuts or zeroes what was typed; the transitions keep the rules and the roles."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import ControlCharactersStripped
from gongkai.standards.models import WorkPlan, WorkTask

DATE_ERROR = {"invalid": "日期格式应为 2025-03-01"}
COUNT_ERROR = {
    "invalid": "件数应为非负整数",
    "min_value": "件数应为非负整数",
    "required": "件数应为非负整数",
}


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, error_messages=DATE_ERROR)


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


def _count() -> forms.IntegerField:
    return forms.IntegerField(min_value=0, error_messages=COUNT_ERROR)


class ProposalsForm(ControlCharactersStripped, forms.Form):
    suggestions = _count()
    proposals = _count()
    results_published = _count()
    source = _text("数据来源", 200)


class TrainingForm(ControlCharactersStripped, forms.Form):
    held_on = _date("培训日期")
    topic = _text("培训主题", 200)
    participants = forms.IntegerField(
        required=False,
        error_messages={"invalid": "参训人次应为正整数"},
    )


def errors_of(form: forms.Form) -> str:
    return "；".join(dict.fromkeys(e for field in form.errors.values() for e in field))
