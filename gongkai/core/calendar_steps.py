"""The holiday-arrangement upload as a declared step (core/steps.py), beside its transition
(core/calendar.py upload_arrangements): each November an agency's 管理员 imports the State
Council's notice for next year, and an agency in a region with its own ethnic holidays
(《全国年节及纪念日放假办法》第四条) that region's rows.

The form reads the whole file before anything is written and returns its rows (statute
Arrangement values); a file with any wrong line is refused with every line named, in
Chinese, and nothing is stored. Who may upload is the declaration's: an administrator of the
agency the page is for — the calendar every period is counted in is not a clerk's to change
(issue 23)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from gongkai.core.models import Role
from gongkai.core.steps import Step, page_steps, register
from gongkai.statute.arrangement_file import ArrangementFileError, decode_text, parse_arrangements
from gongkai.statute.workdays import Arrangement

MAX_ARRANGEMENT_BYTES = 200_000  # a year's notice is a few dozen rows
NATIONAL = "全国（国务院办公厅放假通知）"


class AgencyCalendar:
    """The working-day calendar as one agency's administrator keeps it."""

    def __init__(self, agency):
        self.agency = agency
        self.pk = agency.pk

    def __eq__(self, other):
        return isinstance(other, AgencyCalendar) and other.pk == self.pk

    def __hash__(self):
        return hash(("AgencyCalendar", self.pk))


@dataclass(frozen=True)
class ArrangementFile:
    """An uploaded file read whole: its name (as the audit log records it) and its rows."""

    name: str
    rows: tuple[Arrangement, ...]


class ArrangementFileForm(forms.Form):
    """The file and where it applies — the whole country, or the agency's own region (放假办法
    第四条): an ArrangementFile and the region's name ("" for the whole country)."""

    region = forms.ChoiceField(
        label="适用范围",
        required=False,
        error_messages={"invalid_choice": "本机关不属于“%(value)s”，不能导入该地区的节假日"},
    )
    file = forms.FileField(
        label="CSV 文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "请选择要导入的 CSV 文件（日期,类型,依据）",
            "empty": "第 1 行：文件是空的",
        },
    )

    def __init__(self, *args, region: str = "", **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        choices = [("", NATIONAL)]
        if region:
            choices.append((region, f"{region}的民族节日（放假办法第四条）"))
        else:
            self.fields["region"].widget = forms.HiddenInput()
        self.fields["region"].choices = choices

    def clean_file(self) -> ArrangementFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ARRANGEMENT_BYTES:
            raise forms.ValidationError("第 1 行：文件过大：节假日安排每年只有几十行")
        try:
            rows = parse_arrangements(decode_text(upload.read()))
        except ArrangementFileError as error:
            # every wrong line, each on its own: the page lists them
            raise forms.ValidationError([str(problem) for problem in error.problems]) from None
        return ArrangementFile((upload.name or "")[:200], tuple(rows))


def _import(target: AgencyCalendar, *, by, today, data):
    from gongkai.core.calendar import upload_arrangements

    arrangement = data["file"]
    return upload_arrangements(
        target.agency,
        list(arrangement.rows),
        by=by,
        today=today,
        file_name=arrangement.name,
        region=data["region"],
    )


def _done(uploaded) -> str:
    result = uploaded.result
    years = "、".join(str(year) for year in result.years)
    said = (
        f"已导入{years}年节假日安排：新增 {result.added} 天，修改 {result.changed} 天，"
        f"未变 {result.unchanged} 天"
    )
    return "；".join((said, *uploaded.followed))


CALENDAR_STEPS = register(
    page_steps(
        model=AgencyCalendar,
        noun="本机关",
        steps=(
            Step(
                "import",
                "导入",
                _import,
                (Role.ADMIN,),
                form=ArrangementFileForm,
                # the page's one form: its fields keep their plain names
                form_kwargs=lambda target: {
                    "prefix": None,
                    "region": target.agency.holiday_region or "",
                },
                summary="导入节假日安排",
                done=_done,
                waits=False,
            ),
        ),
    )
)
