"""The steps of a submission (报送), declared once beside the transitions (core/steps.py).

A new submission is a step of the submitting agency (AgencySubmitting): its editors send one
of its published items or a news post to a column of the county's site. A submission waiting
for a decision belongs to the agency that holds it (the county, or the department it was
forwarded to): its staff adopt, return or forward it. A returned one belongs to its source
again, whose editors correct and resubmit it."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.models import Item
from gongkai.core import four_eyes, roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Agency, Role
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, page_steps, register
from gongkai.submissions import transitions as t
from gongkai.submissions.models import Kind, Status, Submission

MAX_BODY = 50_000  # a news post, not a document: anything longer is an attachment's

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


class CountyReporting(AgencyPage):
    """The county (the site's own government) as the one who chooses whether its submission
    counts go into section 一 of its annual report."""

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


# ---------------------------------------------------------------- a new submission


class AgencySubmitting(AgencyPage):
    """The agency as the one that submits to its county's site: a township, or a department
    of the county, sends one of its published items or a news post to a county column."""


class NewSubmissionForm(ControlCharactersStripped, forms.Form):
    """What is sent and where: a Kind, the Item (for an item) or the title and body (for a
    news post), and a Category of the county's site."""

    kind = forms.TypedChoiceField(
        label="报送内容",
        choices=Kind.choices,
        coerce=Kind,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择报送内容", "invalid_choice": "请选择报送内容"},
    )
    item = forms.ModelChoiceField(
        label="本机关已公开的信息",
        queryset=Item.objects.none(),
        required=False,
        error_messages={"invalid_choice": "所选信息不是本机关已公开的信息，请重新选择"},
    )
    title = forms.CharField(label="稿件标题", max_length=200, required=False)
    body = forms.CharField(
        label="稿件正文",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MAX_BODY,
    )
    column = forms.ModelChoiceField(label="报送至栏目", queryset=t.Category.objects.none())

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            Item.objects.live().filter(agency=agency).order_by("-published_on", "-pk")
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.index_number} {i.title}"
        county = agency.parent
        # offered only below a county (the guards): a county column, nothing else
        columns = self.fields["column"]
        columns.queryset = t.columns_for(county) if county else t.Category.objects.none()
        columns.label_from_instance = lambda c: (
            f"{c.parent.name}·{c.name}" if c.parent_id else c.name
        )
        where = county.name if county else "上级机构"
        columns.error_messages = {
            **columns.error_messages,
            "required": "请选择报送至哪个栏目",
            "invalid_choice": f"所选栏目不是{where}网站的栏目，请重新选择",
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.ITEM and not data.get("item"):
            self.add_error("item", "请选择要报送的信息")
        if data.get("kind") == Kind.NEWS:
            if not data.get("title"):
                self.add_error("title", "请填写稿件标题")
            if not data.get("body"):
                self.add_error("body", "请填写稿件正文")
        return data


def _submit(target: AgencySubmitting, *, by, today, data) -> Submission:
    if data["kind"] == Kind.ITEM:
        return t.submit_item(data["item"], by=by, column=data["column"], on=today)
    return t.submit_news(
        target.agency,
        by=by,
        column=data["column"],
        title=data["title"],
        body=data["body"],
        on=today,
    )


SUBMITS = Guard(lambda target, s: target.agency.level in t.SUBMITTING_LEVELS, t.NOT_A_SUBMITTER)
HAS_A_COUNTY = Guard(lambda target, s: target.agency.parent_id is not None, t.NO_COUNTY_ABOVE)

SUBMITTING_STEPS = register(
    page_steps(
        model=AgencySubmitting,
        noun="本机关",
        steps=(
            Step(
                "submit",
                "报送",
                _submit,
                roles.EDITORS,
                guards=(SUBMITS, HAS_A_COUNTY),
                form=NewSubmissionForm,
                # the page's one form: its fields keep their plain names
                form_kwargs=lambda target: {"prefix": None, "agency": target.agency},
                summary="报送信息或稿件",
                done=lambda sub: f"已报送{sub.target.name}",
                waits=False,
            ),
        ),
    )
)
