"""The steps of an annual report draft — table 二's figures, the narrative sections, and
审核发布 — declared once beside the transitions (core/steps.py). A correction is a new draft
(start_report), started from the agency's list of years. Publishing cannot be undone: the
page's tick is checked again on the server, and publish_report checks this declaration
under its row lock."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from gongkai.core import roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.steps import Guard, Step, StepSet, page_steps, register
from gongkai.reports import transitions as rt
from gongkai.reports.models import AnnualReport, ReportStatus, YearFigures

DRAFT = frozenset({ReportStatus.DRAFT})


class FiguresForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = YearFigures
        fields = [
            "licences",
            "penalties",
            "enforcement",
            "fee_amount",
            "source",
            "oversight",  # 人民政府: 条例第五十条第四项
            "innovations",
        ]


class SectionsForm(ControlCharactersStripped, forms.Form):
    one = forms.CharField(
        label="一、总体情况", max_length=20_000, widget=forms.Textarea(attrs={"rows": 14})
    )
    five = forms.CharField(
        label="五、存在的主要问题及改进情况",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    six = forms.CharField(
        label="六、其他需要报告的事项", max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    correction_note = forms.CharField(
        label="更正说明（更正版本填写）", max_length=500, required=False
    )


def _figures_kwargs(report: AnnualReport) -> dict:
    figures = YearFigures.objects.filter(agency=report.agency, year=report.year).first()
    return {"instance": figures, "initial": None if figures else {"fee_amount": Decimal(0)}}


def _sections_kwargs(report: AnnualReport) -> dict:
    return {
        "initial": {
            "one": report.section_one,
            "five": report.section_five,
            "six": report.section_six,
            "correction_note": report.correction_note,
        }
    }


def document_of(report: AnnualReport):
    """The report's document with its findings, built once per report object."""
    from gongkai.reports.document import build_document

    if getattr(report, "_document", None) is None:
        report._document = build_document(report)
    return report._document


def _blocking(report, situation) -> str:
    return f"有 {len(document_of(report).blocking)} 处须改正的问题，改正后才能发布"


STEPS = (
    Step(
        "figures",
        "保存填报数",
        lambda report, *, by, today, data: rt.enter_figures(
            report.agency, report.year, by=by, **data
        ),
        roles.EDITORS,
        states=DRAFT,
        form=FiguresForm,
        form_kwargs=_figures_kwargs,
        waits=False,
    ),
    Step(
        "sections",
        "保存",
        lambda report, *, by, today, data: rt.save_sections(report, by=by, **data),
        roles.EDITORS,
        states=DRAFT,
        form=SectionsForm,
        form_kwargs=_sections_kwargs,
        notice=lambda document: (
            f"还有 {len(document.blocking)} 处问题" if document.blocking else ""
        ),
        waits=False,
    ),
    Step(
        "publish",
        "审核通过并发布",
        lambda report, *, by, today, data: rt.publish_report(report, by=by, on=today),
        roles.PUBLISHERS,
        states=DRAFT,
        guards=(
            # issue 14: the one who drafted it never publishes it alone
            Guard(
                lambda report, s: report.created_by_id != s.user.pk,
                "年度报告须由起草人以外的审核人审核发布",
                shown=True,
            ),
            Guard(lambda report, s: not document_of(report).blocking, _blocking, shown=True),
        ),
        explain="将要发生：报告的数字按今天的记录冻结，取得索引号，在门户“政府信息公开年报”栏目公开"
        "（更正版本替代此前发布的版本，此前版本继续公开）。发布后不能修改，如有错误只能发布更正版本。",
        irreversible="我已核对报告全文和三张表，确认发布",
    ),
)

REPORT_STEPS = register(StepSet(model=AnnualReport, noun="该报告", steps=STEPS))


class ReportYear:
    """One agency's year on its list of reports: where a draft (or, once a version is
    published, the draft of a correction) is started."""

    def __init__(self, agency, year: int):
        self.agency = agency
        self.year = year
        self.pk = agency.pk

    def __eq__(self, other):
        return isinstance(other, ReportYear) and (other.pk, other.year) == (self.pk, self.year)

    def __hash__(self):
        return hash(("ReportYear", self.pk, self.year))


YEAR_STEPS = register(
    page_steps(
        model=ReportYear,
        noun="该年度",
        steps=(
            Step(
                "start",
                "编制年度报告",
                lambda target, *, by, today, data: rt.start_report(
                    target.agency, target.year, by=by, today=today
                ),
                roles.EDITORS,
                guards=(
                    # 条例第四十九条: the report covers the whole calendar year
                    Guard(
                        lambda target, s: target.year < s.today.year,
                        lambda target, s: f"{target.year}年尚未结束，年度报告统计至当年12月31日",
                    ),
                ),
                done=lambda report: f"已开始编制{report.year}年度报告",
                waits=False,
            ),
        ),
    )
)
