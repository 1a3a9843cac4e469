"""Checking one published report, or several (consecutive years of one agency are compared)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongkai.statute.report_format import ReportFormat, ReportTables
from gongkai.statute.report_identities import (
    Finding,
    Severity,
    carried_over,
    check_tables,
    documents_in_force,
)

from .narrative import narrative_findings
from .sources import Source, UnreadableReport, read_source
from .tables import ParsedTables, detect_format, read_tables

TITLE = re.compile(
    r"^\s*(?:(?:TITLE|标题|名称)\s*:\s*)?#*\s*(?P<agency>[^\s:>\x1f]{2,40}?)\s*"
    r"(?P<year>20\d\d)\s*年\s*度?\s*(?:政府)?信息公开(?:工作)?\s*(?:年度)?\s*(?:报告|年报)",
    re.M,
)
TITLE_YEAR_FIRST = re.compile(
    r"^\s*(?P<year>20\d\d)\s*年\s*度?\s*(?P<agency>[^\s:>\x1f]{2,40}?)\s*"
    r"(?:政府)?信息公开(?:工作)?\s*(?:年度)?\s*(?:报告|年报)",
    re.M,
)
TITLE_WITHOUT_YEAR = re.compile(
    r"^\s*(?P<agency>[^\s:>\x1f]{2,40}?)\s*年\s*度?\s*(?:政府)?信息公开(?:工作)?\s*(?:年度)?\s*报告"
    r"[\s\x1f]*(?P<year>20\d\d)\b",
    re.M,
)
PERIOD = re.compile(r"(20\d\d)\s*年\s*1\s*月\s*1\s*日")
TOWNSHIP = re.compile(r"(镇|乡|街道|苏木)(人民政府|政府|办事处)?$|街道办事处$")
COUNTY_DEPARTMENT = re.compile(r"[县旗区].*(局|委员会|委|办公室|中心|办)$")
# Above this a 万元 fee is a billion yuan: far more likely an amount written in yuan.
IMPLAUSIBLE_FEE_WAN_YUAN = Decimal(100_000)


@dataclass
class CheckedReport:
    path: str
    kind: str = ""
    agency: str = ""
    year: int | None = None
    fmt: ReportFormat | None = None
    tables: ReportTables = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # the file could not be read

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is not Severity.NOTE]


def check_report(path: Path, year: int | None = None) -> CheckedReport:
    try:
        source = read_source(path)
    except UnreadableReport as error:
        return CheckedReport(str(path), error=str(error))
    return check_source(source, year)


def check_source(source: Source, year: int | None = None) -> CheckedReport:
    text = source.text
    agency, title_year = recognise_title(text)
    year = year or title_year
    fmt = detect_format(text, year)
    parsed = read_tables(text, fmt)
    report = CheckedReport(source.path, source.kind, agency, year, fmt, parsed.tables)
    report.findings = _findings(report, parsed, text)
    return report


def recognise_title(text: str) -> tuple[str, int | None]:
    head = text[:4000]
    patterns = (TITLE, TITLE_YEAR_FIRST, TITLE_WITHOUT_YEAR)  # the last: PDF lines out of order
    matches = [m for m in (p.search(head) for p in patterns) if m]
    match = min(matches, key=lambda m: m.start(), default=None)
    if match:
        agency = match.group("agency").strip("#*《 ").removeprefix("关于")
        return agency, int(match.group("year"))
    period = PERIOD.search(text)
    return "", int(period.group(1)) if period else None


def _findings(report: CheckedReport, parsed: ParsedTables, text: str) -> list[Finding]:
    fmt = report.fmt
    findings: list[Finding] = []
    if report.year is None:
        findings.append(Finding("Y1", Severity.NOTE, "未能从标题识别报告年度，按表格样式判断格式"))
    elif not fmt.applies_to(report.year) and report.year >= 2021:
        findings.append(
            Finding(
                "F1",
                Severity.FINDING,
                f"{report.year}年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）的表格，"
                "应使用国办公开办函〔2021〕30号格式",
                "二",
            )
        )
    findings += _missing(report, parsed)
    findings += check_tables(fmt, report.tables)
    findings += _not_numbers(report)
    findings += _rules_at_township(report)
    findings += _fee_unit(report, parsed)
    narrative = text[: parsed.first_table_at] if parsed.first_table_at else ""
    findings += narrative_findings(narrative, report.tables)
    findings += parsed.notes
    findings += _blank_notes(report)
    return collapse_uncheckable(findings)


def collapse_uncheckable(findings: list[Finding]) -> list[Finding]:
    """One note per identity for the places blanks made it uncheckable, not one per cell."""
    kept: list[Finding] = []
    places: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.NOTE and finding.rule.startswith("I"):
            places.setdefault(finding.rule, []).append(
                f"{finding.row}「{finding.column}」" if finding.column else finding.row
            )
        else:
            kept.append(finding)
    for rule, where in places.items():
        shown = "、".join(where[:6]) + (f" 等 {len(where)} 处" if len(where) > 6 else "")
        kept.append(Finding(rule, Severity.NOTE, f"{rule} 因空白单元格（未填报）无法核对：{shown}"))
    return kept


def _missing(report: CheckedReport, parsed: ParsedTables) -> list[Finding]:
    found = {number for number, rows in report.tables.items() if rows}
    if not found:
        return [
            Finding("T0", Severity.NOTE, "未找到任何统计表格（表格可能以图片形式发布），无法核对")
        ]
    findings = []
    absent_tables = [n for n in ("二", "三", "四") if n not in found]
    for number in absent_tables:
        severity = Severity.NOTE if parsed.truncated else Severity.FINDING
        reason = "（文本在此之前截断）" if parsed.truncated else ""
        findings.append(Finding("T1", severity, f"缺少表{number}{reason}", number))
    cut: dict[str, list[str]] = {}
    for number, label in parsed.missing_rows:
        if number in absent_tables:
            continue
        if parsed.truncated:
            cut.setdefault(number, []).append(label)
        else:
            findings.append(
                Finding("T2", Severity.FINDING, f"表{number}缺少“{label}”一行", number, label)
            )
    for number, labels in cut.items():
        message = f"表{number}从“{labels[0]}”起缺少 {len(labels)} 行（文本截断）"
        findings.append(Finding("T2", Severity.NOTE, message, number, labels[0]))
    return findings


def _not_numbers(report: CheckedReport) -> list[Finding]:
    findings = []
    for number, rows in report.tables.items():
        table = report.fmt.tables[number]
        for key, values in rows.items():
            columns = table.block_of(key).columns
            label = table.row(key).label
            for column, value in zip(columns, values, strict=False):
                if isinstance(value, str):
                    findings.append(
                        Finding(
                            "N1",
                            Severity.FINDING,
                            f"表{number} {label}「{column.label}」不是数字：“{value}”",
                            number,
                            label,
                            column.label,
                            "数字",
                            value,
                        )
                    )
    return findings


def _rules_at_township(report: CheckedReport) -> list[Finding]:
    """立法法 Arts. 91, 93: townships and county departments cannot make 规章."""
    name = re.sub(r"\(.*?\)", "", report.agency)
    if not (TOWNSHIP.search(name) or COUNTY_DEPARTMENT.search(name)):
        return []
    findings = []
    columns = report.fmt.tables["二"].blocks[0].columns
    for column, value in zip(columns, report.tables.get("二", {}).get("规章", []), strict=False):
        if isinstance(value, int | Decimal) and value != 0:
            findings.append(
                Finding(
                    "R1",
                    Severity.FINDING,
                    f"{report.agency}无权制定规章（立法法第九十一、九十三条），"
                    f"表二“规章”「{column.label}」应为 0，实为 {value}",
                    "二",
                    "规章",
                    column.label,
                    "0",
                    str(value),
                )
            )
    return findings


def _fee_unit(report: CheckedReport, parsed: ParsedTables) -> list[Finding]:
    if report.fmt.name != "2021":
        return []
    fee = (report.tables.get("二", {}).get("行政事业性收费") or [None])[0]
    column = "本年收费金额（单位：万元）"
    if parsed.fee_unit and parsed.fee_unit != "万元":
        return [
            Finding(
                "F2",
                Severity.FINDING,
                f"表二“行政事业性收费”的金额单位写作“{parsed.fee_unit}”，格式规定为“万元”",
                "二",
                "行政事业性收费",
                column,
                "万元",
                parsed.fee_unit,
            )
        ]
    if isinstance(fee, int | Decimal) and fee >= IMPLAUSIBLE_FEE_WAN_YUAN:
        return [
            Finding(
                "F2",
                Severity.WARNING,
                f"表二“行政事业性收费”为 {fee} 万元（即 {fee / 10000} 亿元），疑为以“元”填报",
                "二",
                "行政事业性收费",
                column,
                "万元",
                str(fee),
            )
        ]
    return []


def _blank_notes(report: CheckedReport) -> list[Finding]:
    blanks = sum(
        1
        for rows in report.tables.values()
        for values in rows.values()
        for v in values
        if v is None
    )
    if not blanks:
        return []
    return [Finding("B1", Severity.NOTE, f"共有 {blanks} 个空白单元格，按“未填报”处理（不视为 0）")]


def compare_years(reports: list[CheckedReport]) -> None:
    """I6 and I7 between reports of consecutive years of the same agency, given together."""
    by_agency: dict[str, dict[int, CheckedReport]] = {}
    for report in reports:
        if report.agency and report.year and not report.error:
            by_agency.setdefault(_agency_key(report.agency), {})[report.year] = report
    for years in by_agency.values():
        for year, report in years.items():
            previous = years.get(year - 1)
            if previous is None:
                continue
            columns = [c.label for c in report.fmt.tables["三"].blocks[0].columns]
            new = carried_over(previous.tables, report.tables, columns)
            if previous.fmt.name == report.fmt.name == "2021":
                new += documents_in_force(previous.tables, report.tables)
            report.findings += collapse_uncheckable(new)


def _agency_key(name: str) -> str:
    return re.sub(r"\W|人民政府$", "", name)


REPORT_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".txt", ".md", ".text", ".docx", ".pdf")


def report_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Every report file named or found (recursively) in a named folder, and the names
    that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.name.lower().endswith(REPORT_SUFFIXES)
                and not p.name.upper().startswith("README")
            )
        elif path.exists():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing
