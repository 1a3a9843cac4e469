"""The 年度报表's steps, declared beside their transitions (core/steps.py): starting the report
on a finished year, filling the cells no record holds — and, on the same step, the sign-off
under the table (单位负责人、审核人、填报人、联系电话、填报日期): they are filled by the same
staff at the same time, and the page shows them under the table they sign — and publication
on the site's home page (国办函〔2018〕12号), once the three officers are named. start_report,
fill_cells and publish check these declarations; the office page offers what they open."""

from __future__ import annotations

from django import forms

from gongkai.core import four_eyes, roles
from gongkai.core.steps import Guard, Step, StepSet, page_steps, register
from gongkai.core.transitions import TransitionError
from gongkai.sitereport import transitions as t
from gongkai.sitereport.compute import compute, runs_a_site
from gongkai.sitereport.format import (
    BY_KEY,
    CHOICES,
    CIRCULAR,
    DATE,
    FOOTER,
    JOIN,
    NO,
    NUMBER,
    SIGNATORIES,
    YES,
    YES_NO,
)
from gongkai.sitereport.models import ReportedSite, ReportStatus, SiteReport

DRAFT = frozenset({ReportStatus.DRAFT})

NOT_A_FILLER = Guard(
    lambda report, s: s.user.pk not in four_eyes.changers(report),
    t.FILLED_BY_PUBLISHER,
    shown=True,
)


def unsigned(report) -> list[str]:
    """The officers whose names the sign-off still lacks."""
    return [BY_KEY[k].label for k in SIGNATORIES if not getattr(report, k)]


# the table is signed by its 单位负责人、审核人、填报人, as the form annexed to the circular
# prints them; the 报送系统 takes no table without them
SIGNED = Guard(
    lambda report, s: not unsigned(report),
    lambda report, s: (
        f"年度报表须由单位负责人、审核人、填报人署名后发布（{CIRCULAR}附件《政府网站工作年度报表》）："
        f"尚未填写{'、'.join(unsigned(report))}"
    ),
    CIRCULAR,
    shown=True,
)


class StaffCellsForm(forms.Form):
    """One field for each cell no record holds (人工填报), typed by the cell's kind, validated
    as a whole: every bad value is refused at once with a sentence naming its cell
    (transitions.clean_value, the rule the transition applies too), and the page shows the
    form again with everything typed. cleaned_data holds the cells' values as the report
    keeps them: int, a decimal's text, 是/否, text, or None for an emptied cell."""

    def __init__(self, *args, report: SiteReport, **kwargs):
        super().__init__(*args, **kwargs)
        stored = report.staff_values
        for key, cell in compute(report.agency, report.year, stored).items():
            if not cell.staff:
                continue
            f = cell.field
            if f.kind == CHOICES:
                only = f"“{f.label}”只能勾选：{JOIN.join(f.options)}"
                field = forms.MultipleChoiceField(
                    choices=[(o, o) for o in f.options],
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": only},
                    initial=stored[key].split(JOIN) if stored.get(key) else [],
                )
            elif f.kind == YES_NO:
                # a plain text field with a select: clean_value says what is wrong, by name
                field = forms.CharField(
                    widget=forms.Select(choices=[("", "未填"), (YES, YES), (NO, NO)]),
                    initial=stored.get(key, ""),
                )
            else:
                attrs = {"inputmode": "numeric"} if f.kind == NUMBER else {}
                field = forms.CharField(
                    max_length=300,
                    widget=forms.TextInput(attrs=attrs),
                    initial=stored.get(key),
                    error_messages={"max_length": f"“{f.label}”最多填写300字"},
                )
            field.required = False
            field.label = f.full_label
            self.fields[key] = field
        for f in FOOTER:  # the sign-off, under the table
            held = getattr(report, f.key)
            if f.kind == DATE:
                field = forms.CharField(
                    widget=forms.DateInput(attrs={"type": "date"}),
                    initial=held.isoformat() if held else "",
                    help_text="不填则为发布之日",
                )
            else:
                attrs = {"inputmode": "tel", "autocomplete": "off"} if f.key == "phone" else {}
                field = forms.CharField(
                    max_length=50,
                    widget=forms.TextInput(attrs=attrs),
                    initial=held,
                    error_messages={"max_length": f"“{f.label}”最多填写50字"},
                    help_text="单位办公室的固定电话，不填个人手机号码" if f.key == "phone" else "",
                )
            field.required = False
            field.label = f.label
            self.fields[f.key] = field

    @property
    def sign_off_fields(self):
        """The sign-off's fields, in the table's order, for the page under the table."""
        return [self[f.key] for f in FOOTER]

    def clean(self):
        super().clean()
        values = {}
        for key in self.fields:
            if key in self.errors:
                continue
            try:
                values[key] = t.clean_value(key, self.cleaned_data.get(key))
            except TransitionError as error:
                self.add_error(key, str(error))
        return values


STEPS = (
    Step(
        "fill",
        "保存人工填报的数据",
        lambda report, *, by, today, data: t.fill_cells(report, by=by, values=data),
        roles.STAFF,
        states=DRAFT,
        form=StaffCellsForm,
        form_kwargs=lambda report: {"report": report},
        waits=False,  # the 工作台 says the report is due (workbench.py), not each cell
        done=lambda report: "人工填报的数据已保存",
    ),
    Step(
        "publish",
        "发布",
        lambda report, *, by, today, data: t.publish(report, by=by, on=today),
        roles.STAFF,
        states=DRAFT,
        guards=(NOT_A_FILLER, SIGNED),
        summary="在网站首页发布…",
        explain="将要发生：年度报表今天在网站首页发布，数据按现在的记录和填报固定，不能再修改。",
        irreversible="我已核对全部数据，确认发布",
    ),
)

FIRST_YEAR = 2018  # 国办函〔2018〕12号: the first reports were on 2017, published in 2018


class StartForm(forms.Form):
    """The finished year to report on."""

    year = forms.IntegerField(
        label="年度",
        min_value=FIRST_YEAR,
        error_messages={
            "required": "请填写年度",
            "invalid": "年度应为四位数字，如 2026",
            "min_value": f"年度不能早于{FIRST_YEAR}年",
        },
    )


SITE_STEPS = register(
    page_steps(
        model=ReportedSite,
        noun="本网站",
        steps=(
            Step(
                "start",
                "编制年度报表",
                lambda target, *, by, today, data: t.start_report(
                    target.agency, data["year"], by=by, today=today
                ),
                roles.STAFF,
                guards=(
                    Guard(
                        lambda target, s: runs_a_site(target.agency),
                        lambda target, s: t.NO_SITE.format(name=target.agency.name),
                    ),
                ),
                form=StartForm,
                done=lambda report: f"已开始编制{report.year}年度报表",
                waits=False,
            ),
        ),
    )
)

SITE_REPORT_STEPS = register(StepSet(model=SiteReport, noun="年度报表", steps=STEPS))
