"""The steps of the standard catalogue's objects, declared once beside their transitions
(core/steps.py): a row of the agency's 标准目录 is marked 不适用 (with its reason) or restored,
and a 不予公开 entry of the register is reviewed (条例第十八条). The office offers them from
here, one handler takes them, and each transition checks its declaration under its lock."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.models import Category, DisclosureAttribute
from gongkai.core import roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.steps import Step, StepSet, register
from gongkai.standards import register as r
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption, RegisterEntry, ReviewDecision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HideForm(ControlCharactersStripped, forms.Form):
    reason = forms.CharField(label="不适用理由", max_length=300)

    def __init__(self, *args, adoption=None, **kwargs):
        super().__init__(*args, **kwargs)
        # one form per row on the page
        self.auto_id = f"row-{adoption.pk}-%s" if adoption is not None else self.auto_id


ADOPTION_STEPS = register(
    StepSet(
        model=Adoption,
        noun="该事项",
        state=lambda adoption: "hidden" if adoption.hidden else "shown",
        state_label=lambda adoption: "不适用" if adoption.hidden else "适用",
        steps=(
            Step(
                "hide",
                "标记不适用",
                lambda adoption, *, by, today, data: s.hide(adoption, by=by, reason=data["reason"]),
                roles.EDITORS,
                states=frozenset({"shown"}),
                form=HideForm,
                form_kwargs=lambda adoption: {"adoption": adoption},
                summary="标记不适用…",
                waits=False,
            ),
            Step(
                "restore",
                "恢复",
                lambda adoption, *, by, today, data: s.restore(adoption, by=by),
                roles.EDITORS,
                states=frozenset({"hidden"}),
                waits=False,
            ),
        ),
    )
)


class ReviewForm(ControlCharactersStripped, forms.Form):
    decision = forms.TypedChoiceField(
        label="审查结论", choices=ReviewDecision.choices, coerce=ReviewDecision
    )
    note = forms.CharField(label="说明", max_length=500, required=False)
    next_review_on = forms.DateField(label="下次审查日期", widget=DATE, required=False)
    category = forms.ModelChoiceField(
        label="转为主动公开时的分类",
        queryset=Category.objects.filter(parent__isnull=False, agency__isnull=True),
        required=False,
    )

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is not None:
            self.auto_id = f"entry-{entry.pk}-%s"  # one form per entry due on the page


def entry_state(entry: RegisterEntry) -> str:
    return "released" if entry.released_item_id else entry.attribute


ENTRY_STATES = {
    "released": "已转为主动公开",
    **{value: label for value, label in DisclosureAttribute.choices},
}

ENTRY_STEPS = register(
    StepSet(
        model=RegisterEntry,
        noun="该信息",
        state=entry_state,
        state_label=lambda entry: ENTRY_STATES[entry_state(entry)],
        steps=(
            Step(
                "review",
                "记录审查结论",
                lambda entry, *, by, today, data: r.review_entry(entry, by=by, on=today, **data),
                roles.EDITORS,
                # 条例第十八条: only what is withheld is reviewed; 依申请公开 needs no review
                states=frozenset({DisclosureAttribute.WITHHELD}),
                form=ReviewForm,
                form_kwargs=lambda entry: {"entry": entry},
                summary="审查（条例第十八条）…",
                explain="仍不予公开的，写明理由并定下次审查日期；转为主动公开的，生成一份草稿，"
                "按主动公开的审查程序公开。",
                irreversible="我已核对审查结论：记录后不能修改，转为主动公开的不能改回",
            ),
        ),
    )
)
