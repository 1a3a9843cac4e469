"""What the annual report asks of a member of staff today, for the 工作台.

The report on last year is due by the agency's deadline (条例第四十九条, Agency.report_deadline);
when it is near (reports.status.WARN_DAYS) or passed and the report is not published, its
editors and publishers see it. A publisher (reviewer, administrator) sees each draft whose
numbers hold as waiting for their approval and publication."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency
from gongkai.reports.document import ReportRefused
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.status import WARN_DAYS, report_states
from gongkai.reports.transitions import EDITORS, PUBLISHERS

KIND = "年度报告"
EDITOR_ROLES = frozenset(EDITORS)
PUBLISHER_ROLES = frozenset(PUBLISHERS)


def _deadline_lines(agencies, *, today, calendar) -> list[DueLine]:
    year = today.year - 1
    near = [a for a in agencies if (a.report_deadline(year) - today).days <= WARN_DAYS]
    lines = []
    for state in report_states(near, year, today) if near else ():
        if state.published is not None:
            continue
        urgency = Urgency.of(
            state.deadline, today=today, calendar=calendar, otherwise=Urgency.NOTICE
        )
        if state.draft is not None:
            url = reverse("office:report", args=[state.draft.pk])
            where = "草稿待完成并发布"
        else:
            url = reverse("office:reports") + f"?agency={state.agency.pk}"
            where = "尚未编制"
        lines.append(
            DueLine(
                urgency,
                state.agency.name,
                KIND,
                f"{year}年度报告{where}：{state.warning}",
                url,
                state.deadline,
                EDITOR_ROLES | PUBLISHER_ROLES,
            )
        )
    return lines


def _approval_lines(agencies, user, today) -> list[DueLine]:
    lines = []
    # A query narrows the drafts (the drafter never publishes alone, issue 14); the final word
    # is 审核发布's declaration (reports/steps.py), the one the report page offers from and
    # publish_report checks under its lock: not the drafter's, and no finding still blocking.
    drafts = (
        AnnualReport.objects.filter(agency__in=agencies, status=ReportStatus.DRAFT)
        .exclude(created_by=user)
        .select_related("agency")
    )
    for report in drafts:
        try:
            refusal = refusal_of(
                report, "publish", user=user, today=today, roles=agencies[report.agency]
            )
        except ReportRefused:
            continue
        if refusal is not None:  # e.g. still the editor's work: the page lists what to correct
            continue
        lines.append(
            DueLine(
                Urgency.WAITING,
                report.agency.name,
                "审核",
                f"{report.year}年度报告（第{report.version}版）勾稽检查通过，待审核发布",
                reverse("office:report", args=[report.pk]),
                report.agency.report_deadline(report.year),
                PUBLISHER_ROLES,
            )
        )
    return lines


def report_lines(*, user, agencies, today, calendar):
    involved = [a for a, roles in agencies.items() if roles & (EDITOR_ROLES | PUBLISHER_ROLES)]
    publishing = {a: roles for a, roles in agencies.items() if roles & PUBLISHER_ROLES}
    lines = _deadline_lines(involved, today=today, calendar=calendar) if involved else []
    if publishing:
        lines += _approval_lines(publishing, user, today)
    return lines
