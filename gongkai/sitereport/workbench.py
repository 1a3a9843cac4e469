"""The 年度报表 on the 工作台: from January the report on last year waits for the staff of
every agency running a site, until it is published; past 31 January it is overdue, and
stays so (国办函〔2018〕12号)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.workbench import DueLine, Urgency
from gongkai.sitereport.compute import runs_a_site
from gongkai.sitereport.format import CIRCULAR, DUE_DAY, DUE_MONTH, TITLE
from gongkai.sitereport.models import ReportStatus, SiteReport

STAFF = frozenset(roles.STAFF)


def site_report_lines(*, user, agencies, today, calendar):
    """From 1 January the report on last year: a notice, then due soon, then overdue from
    1 February for the rest of the year while it is unpublished (the fact stays)."""
    due = date(today.year, DUE_MONTH, DUE_DAY)
    year = today.year - 1
    lines = []
    sites = [a for a, held in agencies.items() if held & STAFF and runs_a_site(a)]
    if not sites:
        return lines
    reports = {r.agency_id: r for r in SiteReport.objects.filter(agency__in=sites, year=year)}
    for agency in sites:
        report = reports.get(agency.pk)
        if report is not None and report.status == ReportStatus.PUBLISHED:
            continue
        state = "草稿待完成" if report else "尚未编制"
        lines.append(
            DueLine(
                Urgency.of(due, today=today, calendar=calendar, otherwise=Urgency.NOTICE),
                agency.name,
                TITLE,
                f"{year}年度{TITLE}{state}，应于{chinese_date(due)}前在网站首页发布（{CIRCULAR}）",
                reverse("office:site_report") + f"?agency={agency.pk}&year={year}",
                due,
                STAFF,
            )
        )
    return lines
