"""Where each agency stands with its report on a year: published or not, by its deadline
(条例第四十九条), and whether its numbers hold. Shared by the office list and the roll-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.reports.document import ReportDocument, ReportRefused, build_document
from gongkai.reports.models import AnnualReport, ReportStatus

WARN_DAYS = 30


@dataclass
class ReportState:
    agency: Agency
    year: int
    deadline: date
    published: AnnualReport | None
    draft: AnnualReport | None
    document: ReportDocument | None  # the published version, else the draft; None if neither

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days

    today: date = date.min
    # the first version's publication date: a correction published later does not make an
    # on-time report late (条例第四十九条 asks for the report by the deadline, once)
    first_published_on: date | None = None

    @property
    def late(self) -> bool:
        if self.published is not None:
            return (self.first_published_on or self.published.published_on) > self.deadline
        return self.today > self.deadline

    @property
    def warning(self) -> str:
        """The sentence the office shows, or ''."""
        if self.published is not None:
            return "逾期发布" if self.late else ""
        if self.late:
            return f"已超过发布期限（{chinese_date(self.deadline)}）{-self.days_left} 天"
        if self.days_left <= WARN_DAYS:
            return f"距发布期限（{chinese_date(self.deadline)}）还有 {self.days_left} 天"
        return ""

    @property
    def blocking(self) -> int:
        return len(self.document.blocking) if self.document else 0


def report_state(agency: Agency, year: int, today: date) -> ReportState:
    return report_states([agency], year, today)[0]


def report_states(
    agencies: list[Agency], year: int, today: date, *, rows=None
) -> list[ReportState]:
    """One query for all the agencies' reports on `year` (or `rows`, read by the caller with
    others: the agencies' reports on `year` among them); a published report is read from its
    snapshot, a draft counted live."""
    if rows is None:
        rows = AnnualReport.objects.filter(agency__in=agencies, year=year).select_related(
            "agency", "item"
        )
    wanted = {agency.pk for agency in agencies}
    reports: dict[int, list[AnnualReport]] = {}
    for report in rows:
        if report.year == year and report.agency_id in wanted:
            reports.setdefault(report.agency_id, []).append(report)
    states = []
    for agency in agencies:
        mine = reports.get(agency.pk, [])
        published = next((r for r in mine if r.status == ReportStatus.PUBLISHED), None)
        draft = next((r for r in mine if r.status == ReportStatus.DRAFT), None)
        chosen = published or draft
        first = min((r.published_on for r in mine if r.published_on), default=None)
        try:
            document = build_document(chosen) if chosen else None
        except ReportRefused:
            document = None
        states.append(
            ReportState(
                agency,
                year,
                agency.report_deadline(year),
                published,
                draft,
                document,
                today=today,
                first_published_on=first,
            )
        )
    return states
