"""The 年度报表 on the 工作台: from January the report on last year waits for the staff of
every agency running a site, until it is published; past 31 January it is overdue, and
stays so (国办函〔2018〕12号)."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.workbench import DueLine, Urgency, column
from gongkai.sitereport.compute import DEPARTMENTS, GOVERNMENTS, runs_a_site
from gongkai.sitereport.format import CIRCULAR, DUE_DAY, DUE_MONTH, TITLE
from gongkai.sitereport.models import ReportStatus, SiteReport

STAFF = frozenset(roles.STAFF)
# the status of the agency's report on last year (None: not started), read with the
# 工作台's memberships (core.workbench.COLUMNS)
LAST_YEARS_STATE = "site_report_last_year"
# whether the agency's site identity carries a 政府网站标识码 of its own: runs_a_site()'s
# question for a department, read with the memberships too (not one statement a department)
OWN_SITE_CODE = "site_code_of_its_own"


def last_years_state(today: date) -> dict:
    """The columns read with the 工作台's memberships: the report on last year's status, and
    whether a department has a 标识码 of its own."""
    from gongkai.inspection.models import SiteIdentity

    return {
        LAST_YEARS_STATE: Subquery(
            SiteReport.objects.filter(agency=OuterRef("agency"), year=today.year - 1).values(
                "status"
            )[:1]
        ),
        OWN_SITE_CODE: Exists(
            SiteIdentity.objects.filter(agency=OuterRef("agency")).exclude(site_code="")
        ),
    }


def _sites(agencies) -> list:
    """The agencies that run a site (runs_a_site), a department's 标识码 read with the
    memberships on the 工作台 (else asked of each, as runs_a_site does)."""
    departments = [a for a in agencies if a.level in DEPARTMENTS]
    coded = column(
        OWN_SITE_CODE,
        departments,
        lambda: {a.pk: runs_a_site(a) for a in departments},
    )
    return [a for a in agencies if a.level in GOVERNMENTS or coded.get(a.pk)]


def site_report_lines(*, user, agencies, today, calendar):
    """From 1 January the report on last year: a notice, then due soon, then overdue from
    1 February for the rest of the year while it is unpublished (the fact stays)."""
    due = date(today.year, DUE_MONTH, DUE_DAY)
    year = today.year - 1
    lines = []
    sites = _sites([a for a, held in agencies.items() if held & STAFF])
    if not sites:
        return lines
    states = column(
        LAST_YEARS_STATE,
        sites,
        lambda: dict(
            SiteReport.objects.filter(agency__in=sites, year=year).values_list(
                "agency_id", "status"
            )
        ),
    )
    for agency in sites:
        status = states.get(agency.pk)
        if status == ReportStatus.PUBLISHED:
            continue
        state = "草稿待完成" if status is not None else "尚未编制"
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
