"""A year whose annual report is published is closed to backdated records: an event dated
in it would change figures the public has already read. The clerk first starts a
correction version of that report (reports.transitions.start_report), which reopens the
year until the correction is published (条例第五十条: the report is the agency's public
account; a change is made openly, as a new version)."""

from __future__ import annotations


def published_year_reason(agency, year: int) -> str:
    from gongkai.reports.models import AnnualReport, ReportStatus

    reports = AnnualReport.objects.filter(agency=agency, year=year)
    statuses = set(reports.values_list("status", flat=True))
    if ReportStatus.PUBLISHED in statuses and ReportStatus.DRAFT not in statuses:
        return (
            f"{year}年度报告已经发布，不能再登记该年度日期的办理事项；"
            f"确需补登的，请先在年度报告页面开始{year}年度报告的更正版本"
        )
    return ""
