"""Checking published annual reports (reports/check_runs.py) as two declared steps
(core/steps.py): the county's 政务公开办 uploads report files — or one ZIP of them — or has
the reports its agencies published for a finished year checked.

Who: an administrator of an agency with agencies under it — the government's office that
条例第三条第二款 makes 主管部门 of disclosure ("负责推进、指导、协调、监督"), and 第四十七条
charges with 日常指导和监督检查. Checking reports is that supervision (and a run reads files
from outside, with OCR that costs minutes of CPU), so clerks and township staff do not get it.

Each form returns what the run checks (Accepted files), read and unpacked whole before
anything is stored: a bad upload is refused with one Chinese sentence and nothing runs."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from gongkai.core.models import Role
from gongkai.core.steps import AgencyPage, Guard, Step, page_steps, register
from gongkai.reports.check_runs import Accepted, Refused, accept, published_under, start_run

SUPERVISES = "条例第四十七条"


class AgencyChecks(AgencyPage):
    """The agency's 政务公开办 as the one that checks the reports published under it."""


@dataclass(frozen=True)
class ReportFiles:
    """What a run checks: the report files (a ZIP opened) and how many files were skipped."""

    accepted: tuple[Accepted, ...]
    skipped: int = 0


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern): a list of uploads."""

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple) and data:
            return [one(upload, initial) for upload in data]
        return [one(data, initial)]


class ReportFilesForm(forms.Form):
    """Report files, or one ZIP of them: ReportFiles, accepted and unpacked."""

    files = MultipleFileField(
        label="报告文件",
        widget=MultipleFileInput(
            attrs={"accept": ".html,.htm,.pdf,.docx,.txt,.png,.jpg,.jpeg,.zip"}
        ),
        error_messages={"required": "请选择要核查的报告文件", "empty": "上传的文件是空的"},
    )

    def clean_files(self) -> ReportFiles:
        try:
            accepted, skipped = accept(self.cleaned_data["files"])
        except Refused as refused:
            raise forms.ValidationError(str(refused)) from None
        return ReportFiles(tuple(accepted), skipped)


class PublishedYearForm(forms.Form):
    """A finished year whose reports the agencies under this one published: the year (int)
    and ReportFiles of those reports as the portal serves them."""

    year = forms.TypedChoiceField(
        label="核查所属机构已发布的年度报告",
        coerce=int,
        error_messages={"required": "请选择报告年度", "invalid_choice": "请选择报告年度"},
    )

    def __init__(self, *args, agency, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["year"].choices = [
            (year, f"{year}年度") for year in range(today.year - 1, 2018, -1)
        ]

    def clean(self):
        data = super().clean()
        if "year" in data:
            try:
                data["reports"] = ReportFiles(tuple(published_under(self.agency, data["year"])))
            except Refused as refused:
                raise forms.ValidationError(str(refused)) from None
        return data


def _run(step: str, files_of):
    def run(target: AgencyChecks, *, by, today, data):
        files = files_of(data)
        return start_run(
            target.agency, by, list(files.accepted), files.skipped, step=step, today=today
        )

    return run


def _started(run) -> str:
    return f"已开始核查 {run.files.count()} 份报告，核查结果在本页陆续显示"


HAS_AGENCIES_UNDER_IT = Guard(
    lambda target, s: target.agency.children.exists(),
    f"核查已发布的年度报告是上级主管部门的监督检查（{SUPERVISES}），本机关没有下属机构",
    article=SUPERVISES,
)

CHECK_STEPS = register(
    page_steps(
        model=AgencyChecks,
        noun="本机关",
        steps=(
            Step(
                "upload",
                "开始核查",
                _run("upload", lambda data: data["files"]),
                (Role.ADMIN,),
                guards=(HAS_AGENCIES_UNDER_IT,),
                form=ReportFilesForm,
                form_kwargs=lambda target: {"prefix": None},  # the field keeps its name
                summary="上传报告核查",
                done=_started,
                waits=False,
            ),
            Step(
                "published",
                "核查已发布的年度报告",
                _run("published", lambda data: data["reports"]),
                (Role.ADMIN,),
                guards=(HAS_AGENCIES_UNDER_IT,),
                form=PublishedYearForm,
                form_kwargs=lambda target: {
                    "prefix": None,
                    "agency": target.agency,
                    # the finished years: the unfinished one is not reported yet
                    "today": timezone.localdate(),
                },
                done=_started,
                waits=False,
            ),
        ),
    )
)
