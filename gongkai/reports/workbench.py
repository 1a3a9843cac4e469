"""What the annual report asks of a member of staff today, for the 工作台.

The report on last year is due by the agency's deadline (条例第四十九条, Agency.report_deadline);
when it is near (reports.status.WARN_DAYS) or passed and the report is not published, its
editors and publishers see it. A publisher (reviewer, administrator) sees each draft whose
numbers hold as waiting for their approval and publication."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency, offer, wanted_for_overview
from gongkai.reports.document import ReportRefused
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.status import WARN_DAYS, report_states
from gongkai.reports.transitions import EDITORS, PUBLISHERS

KIND = "年度报告"
EDITOR_ROLES = frozenset(EDITORS)
PUBLISHER_ROLES = frozenset(PUBLISHERS)
# the shared read of agencies' reports on last year (their rows among the provider's)
LAST_YEARS = "annual-reports-last-year"


def _near(agencies, today) -> list:
    year = today.year - 1
    return [a for a in agencies if (a.report_deadline(year) - today).days <= WARN_DAYS]


def _deadline_lines(near, rows, *, today, calendar) -> list[DueLine]:
    year = today.year - 1
    lines = []
    for state in report_states(near, year, today, rows=rows) if near else ():
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


def _approval_lines(agencies, user, today, rows) -> list[DueLine]:
    lines = []
    # The query narrows the drafts (the drafter never publishes alone, issue 14); the final
    # word is 审核发布's declaration (reports/steps.py), the one the report page offers from
    # and publish_report checks under its lock: not the drafter's, and no finding blocking.
    drafts = [
        report
        for report in rows
        if report.agency in agencies
        and report.status == ReportStatus.DRAFT
        and report.created_by_id != user.pk
    ]
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
    near = _near(involved, today)
    # one read of the reports (issue 25): last year's of the agencies near their deadline,
    # the drafts waiting for this publisher and, on a county administrator's page, the
    # supervised agencies' on last year for the overview (office/overview.py), handed over
    # with offer()
    overview = wanted_for_overview(LAST_YEARS)
    wanted = Q()
    if overview:
        wanted |= Q(agency__in=overview, year=today.year - 1)
    if near:
        wanted |= Q(agency__in=near, year=today.year - 1)
    if publishing:
        wanted |= Q(agency__in=list(publishing), status=ReportStatus.DRAFT) & ~Q(created_by=user)
    rows = (
        list(AnnualReport.objects.filter(wanted).select_related("agency", "item"))
        if near or publishing or overview
        else []
    )
    if overview:
        offer(LAST_YEARS, overview, rows)
    lines = _deadline_lines(near, rows, today=today, calendar=calendar) if near else []
    if publishing:
        lines += _approval_lines(publishing, user, today, rows)
    return lines
