"""A county's roll-up: the agencies under it side by side — who has published, who is late,
whose numbers break an identity — and their tables summed. An agency without a report is
counted live from its records, so the sum covers everyone; a cell some agency has not
reported (table 二's figures) stays blank in the sum rather than pretending to be 0."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.models import Agency
from gongkai.reports.compute import report_tables
from gongkai.reports.status import ReportState, report_states
from gongkai.statute.report_format import ReportTables, format_for_year
from gongkai.statute.report_identities import Finding, check_tables


@dataclass
class RollUp:
    year: int
    states: list[ReportState]
    tables: ReportTables  # summed
    findings: list[Finding]  # I1–I5 on the summed tables
    by_agency: dict[int, ReportTables]  # each agency's own: published, draft or counted

    @property
    def published(self) -> int:
        return sum(1 for s in self.states if s.published)

    @property
    def late(self) -> int:
        return sum(1 for s in self.states if s.late)

    @property
    def broken(self) -> int:
        return sum(1 for s in self.states if s.blocking)


def _add(total: list, values: list) -> list:
    return [None if a is None or b is None else a + b for a, b in zip(total, values, strict=True)]


def sum_tables(all_tables: list[ReportTables]) -> ReportTables:
    summed: ReportTables = {}
    for tables in all_tables:
        for number, rows in tables.items():
            target = summed.setdefault(number, {})
            for key, values in rows.items():
                target[key] = _add(target[key], values) if key in target else list(values)
    return summed


def agencies_under(parent: Agency, *, whole_tree: bool = False) -> list[Agency]:
    """The agencies directly under `parent`, or (whole_tree) every agency below it at any
    depth — a province's office summing the whole province — one query per level."""
    found = list(parent.children.order_by("name"))
    level = found
    while whole_tree and level:
        level = list(Agency.objects.filter(parent__in=level).order_by("name"))
        found += level
    return found


def roll_up(parent: Agency, year: int, today: date, *, whole_tree: bool = False) -> RollUp:
    children = agencies_under(parent, whole_tree=whole_tree)
    states = report_states(children, year, today)
    # agencies without a report are counted together, in a handful of grouped queries
    counted = report_tables([s.agency.pk for s in states if s.document is None], year)
    by_agency = {
        s.agency.pk: s.document.tables if s.document else counted[s.agency.pk] for s in states
    }
    summed = sum_tables(list(by_agency.values())) or {"二": {}, "三": {}, "四": {}}
    findings = check_tables(format_for_year(year), summed) if children else []
    return RollUp(year, states, summed, findings, by_agency)


def rollup_xlsx(parent: Agency, rollup: RollUp) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gongkai.core.xlsx import workbook_bytes
    from gongkai.reports.render.html import laid_tables
    from gongkai.reports.render.xlsx import write_table

    book = Workbook()
    sheet = book.active
    sheet.title = "各机构"
    sheet.append([f"{parent.name}所属机构{rollup.year}年度报告情况"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(
        [
            "机构",
            "状态",
            "发布日期",
            "发布期限",
            "提示",
            "勾稽问题",
            "本年新收",
            "办结",
            "结转下年度",
        ]
    )
    for state in rollup.states:
        three = rollup.by_agency[state.agency.pk]["三"]
        sheet.append(
            [
                state.agency.name,
                "已发布" if state.published else ("草稿" if state.draft else "未编制"),
                state.published.published_on if state.published else None,
                state.deadline,
                state.warning,
                state.blocking,
                three["一"][6],
                three["三（七）"][6],
                three["四"][6],
            ]
        )
    sheet.column_dimensions["A"].width = 32
    laid = laid_tables(format_for_year(rollup.year), rollup.tables)
    summed = book.create_sheet("汇总表")
    summed.cell(1, 1, f"{parent.name}所属机构{rollup.year}年汇总").font = Font(bold=True)
    row = 3
    for block in laid.two:
        row = write_table(summed, row, block, len(block.header[-1]) - 1)
    row = write_table(summed, row, laid.three, 7)
    write_table(summed, row, laid.four, 15)
    summed.column_dimensions["A"].width = 48
    return workbook_bytes(book)
