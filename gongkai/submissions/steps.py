"""The steps of a submission (报送), declared once beside the transitions (core/steps.py).

A submission waiting for a decision belongs to the agency that holds it (the county, or the
department it was forwarded to): its staff adopt, return or forward it. A returned one
belongs to its source again, whose editors correct and resubmit it."""

from __future__ import annotations

from django import forms

from gongkai.core import four_eyes, roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Agency, Role
from gongkai.core.steps import Guard, Step, StepSet, register
from gongkai.submissions import transitions as t
from gongkai.submissions.models import Kind, Status, Submission

SUBMITTED = frozenset({Status.SUBMITTED})
RETURNED = frozenset({Status.RETURNED})


class ReturnForm(ControlCharactersStripped, forms.Form):
    reason = forms.CharField(label="退回理由", max_length=500)


class ConfirmForm(ControlCharactersStripped, forms.Form):
    reason = forms.CharField(label="确认可以公开的理由", max_length=500)


class ResubmitForm(ControlCharactersStripped, forms.Form):
    title = forms.CharField(label="标题", max_length=200, required=False)
    body = forms.CharField(
        label="正文", widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=50_000
    )

    def __init__(self, *args, submission=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submission is None or submission.kind != Kind.NEWS:
            # an item is corrected in the catalogue; resubmitting takes it as it is now
            del self.fields["title"], self.fields["body"]
        else:
            self.fields["title"].initial = submission.title
            self.fields["body"].initial = submission.body


class ForwardForm(ControlCharactersStripped, forms.Form):
    destination = forms.ChoiceField(label="转至")

    def __init__(self, *args, submission=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if submission is not None:
            for agency in t.receivers_of(submission.source.parent).exclude(pk=submission.source_id):
                for column in t.columns_for(agency):
                    if agency.pk == submission.target_id and column.pk == submission.column_id:
                        continue
                    choices.append((f"{agency.pk}:{column.pk}", f"{agency.name}·{column.name}"))
        self.fields["destination"].choices = choices

    def clean(self):
        data = super().clean()
        value = data.get("destination")
        if value:
            agency_pk, column_pk = (int(part) for part in value.split(":"))
            data["target"] = Agency.objects.get(pk=agency_pk)
            data["column"] = t.Category.objects.get(pk=column_pk)
        return data


def _submission(sub) -> dict:
    return {"submission": sub}


def _hits(sub, situation) -> bool:
    return bool(sub.personal_data)


NOT_A_CHANGER = Guard(
    lambda sub, s: s.user.pk not in four_eyes.changers(sub),
    t.CHANGED_BY_ADOPTER,
    shown=True,
)
PERSONAL_DATA_PENDING = Guard(
    lambda sub, s: all(hit["confirmed"] for hit in sub.personal_data),
    "还有未处理的个人信息：请脱敏、确认可以公开，或退回报送单位",
    shown=True,
)

STEPS = (
    Step(
        "redact",
        "脱敏处理",
        lambda sub, *, by, today, data: t.redact_submission(sub, by=by, on=today),
        roles.STAFF,
        states=SUBMITTED,
        guards=(
            Guard(_hits, "未发现个人信息，无需脱敏"),
            Guard(
                lambda sub, s: sub.kind == Kind.NEWS,
                "政府信息由报送单位在本机关目录中更正：请退回",
            ),
        ),
    ),
    Step(
        "confirm",
        "确认可以公开",
        lambda sub, *, by, today, data: t.confirm_personal_data(
            sub, by=by, on=today, reason=data["reason"]
        ),
        roles.STAFF,
        states=SUBMITTED,
        guards=(
            Guard(
                lambda sub, s: any(not h["confirmed"] for h in sub.personal_data),
                "未发现需要确认的个人信息",
            ),
        ),
        form=ConfirmForm,
    ),
    Step(
        "adopt",
        "采用",
        lambda sub, *, by, today, data: t.adopt(sub, by=by, on=today),
        roles.STAFF,
        states=SUBMITTED,
        guards=(NOT_A_CHANGER, PERSONAL_DATA_PENDING),
        summary="采用并在栏目中发布…",
        explain=(
            "将要发生：本稿件今天出现在所选栏目中，注明报送单位；政府信息保留报送单位的索引号。"
        ),
        irreversible="我已核对标题、正文和栏目，确认采用",
    ),
    Step(
        "return",
        "退回",
        lambda sub, *, by, today, data: t.return_submission(
            sub, by=by, on=today, reason=data["reason"]
        ),
        roles.STAFF,
        states=SUBMITTED,
        form=ReturnForm,
    ),
    Step(
        "forward",
        "转办",
        lambda sub, *, by, today, data: t.forward(
            sub, by=by, on=today, target=data["target"], column=data["column"]
        ),
        roles.STAFF,
        states=SUBMITTED,
        form=ForwardForm,
        form_kwargs=_submission,
        waits=False,
    ),
    Step(
        "resubmit",
        "重新报送",
        lambda sub, *, by, today, data: t.resubmit(
            sub, by=by, on=today, title=data.get("title", ""), body=data.get("body", "")
        ),
        roles.EDITORS,
        states=RETURNED,
        form=ResubmitForm,
        form_kwargs=_submission,
    ),
)


def _holder(sub: Submission) -> Agency:
    """Who acts now: the agency deciding while it waits, the source once returned."""
    return sub.target if sub.status == Status.SUBMITTED else sub.source


SUBMISSION_STEPS = register(StepSet(model=Submission, noun="该报送", steps=STEPS, agency=_holder))


class CountyReporting:
    """The county (the site's own government) as the one who chooses whether its submission
    counts go into section 一 of its annual report."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.pk = agency.pk

    def __eq__(self, other):
        return isinstance(other, CountyReporting) and other.pk == self.pk

    def __hash__(self):
        return hash(("CountyReporting", self.pk))

    @property
    def included(self) -> bool:
        from gongkai.submissions.models import ReportingChoice

        return ReportingChoice.objects.filter(agency=self.agency, in_annual_report=True).exists()


def _runs_the_site(target: CountyReporting, situation) -> bool:
    return target.agency.level not in t.SUBMITTING_LEVELS


RUNS_THE_SITE = Guard(_runs_the_site, "报送采用情况由县级政府统计，写入其年度报告", shown=False)

REPORTING_STEPS = register(
    StepSet(
        model=CountyReporting,
        noun="本机关",
        state=lambda target: "on" if target.included else "off",
        state_label=lambda target: "已写入年度报告" if target.included else "未写入年度报告",
        steps=(
            Step(
                "include",
                "写入年度报告",
                lambda target, *, by, today, data: t.choose_annual_report_counts(
                    target.agency, by=by, include=True, today=today
                ),
                (Role.ADMIN,),
                states=frozenset({"off"}),
                guards=(RUNS_THE_SITE,),
                explain="年度报告第一部分“主动公开”将写明全年收到的报送、采用和退回条数"
                "（编制年度报告时按记录统计）。",
                done=lambda choice: "年度报告第一部分将写明报送采用情况",
                waits=False,
            ),
            Step(
                "exclude",
                "不再写入年度报告",
                lambda target, *, by, today, data: t.choose_annual_report_counts(
                    target.agency, by=by, include=False, today=today
                ),
                (Role.ADMIN,),
                states=frozenset({"on"}),
                guards=(RUNS_THE_SITE,),
                done=lambda choice: "年度报告不再写明报送采用情况",
                waits=False,
            ),
        ),
    )
)
