"""Checking one published report, or several (consecutive years of one agency are compared)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from gongkai.statute.report_format import APPEAL_GROUPS, ReportFormat, ReportTables
from gongkai.statute.report_identities import (
    Finding,
    Severity,
    carried_over,
    check_tables,
    documents_in_force,
)

from .narrative import narrative_findings
from .sources import IMAGE_SUFFIXES, Source, UnreadableReport, read_source
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
NOT_TOWNSHIP = re.compile(r"(省|市|州|盟|[县区旗])(人民政府|政府)?(办公厅|办公室)?$")
COUNTY_DEPARTMENT = re.compile(r"[县旗区].*(局|委员会|委|办公室|中心|办)$")
# Above this a 万元 fee is a billion yuan: far more likely an amount written in yuan.
IMPLAUSIBLE_FEE_WAN_YUAN = Decimal(100_000)


class Outcome(StrEnum):
    """What could be checked of one report: all of it, some tables, or nothing."""

    CHECKED = "checked"
    PARTLY_CHECKED = "partly_checked"
    NOT_CHECKED = "not_checked"


OUTCOME_WORDS = {
    Outcome.CHECKED: "已核对",
    Outcome.PARTLY_CHECKED: "部分核对",
    Outcome.NOT_CHECKED: "未核对",
}


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
    # tables that could not be read (wholly or in part): table number → why, in Chinese
    unread: dict[str, str] = field(default_factory=dict)
    ocr: bool = False  # some of the text was recognised from images

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is not Severity.NOTE]

    @property
    def ocr_findings(self) -> int:
        """Problems that rest on text recognised from images (a misread digit looks alike)."""
        return sum(1 for f in self.problems if f.message.startswith(OCR_MARK))

    @property
    def outcome(self) -> Outcome:
        if self.error or not any(
            isinstance(v, int | Decimal)
            for rows in self.tables.values()
            for values in rows.values()
            for v in values
        ):
            return Outcome.NOT_CHECKED  # not one figure was read
        if self.unread:
            return Outcome.PARTLY_CHECKED
        return Outcome.CHECKED

    @property
    def outcome_text(self) -> str:
        """One line: 已核对; 部分核对 with the tables not read and why; 未核对 and why."""
        outcome = self.outcome
        if outcome is Outcome.NOT_CHECKED:
            reasons = self.error or _distinct(self.unread.values())
            return f"{OUTCOME_WORDS[outcome]}：{reasons}"
        if outcome is Outcome.PARTLY_CHECKED:
            unread = "；".join(
                f"表{n}：{why}" for n, why in sorted(self.unread.items(), key=_order)
            )
            return f"{OUTCOME_WORDS[outcome]}（未能核对——{unread}）"
        return OUTCOME_WORDS[outcome]


def _distinct(reasons) -> str:
    return "；".join(dict.fromkeys(reasons))


def _order(item) -> int:
    return "二三四".index(item[0]) if item[0] in "二三四" else 9


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
    report.ocr = source.ocr
    report.findings = _findings(report, parsed, text, source)
    if source.ocr:
        report.findings = [_marked_ocr(f) for f in report.findings]
    return report


def _marked_ocr(finding: Finding) -> Finding:
    """Every finding on a recognised image says so: a misread digit looks like an error."""
    if finding.message.startswith(OCR_MARK):
        return finding
    return replace(finding, message=OCR_MARK + finding.message)


OCR_MARK = "〔图片识别〕"
# The body names the year it reports on even when the title does not ("2022年以来", "2022年度").
BODY_YEAR = re.compile(r"(20\d\d)\s*年(?:度|以来|全年|,|，|我|本)")


def recognise_title(text: str) -> tuple[str, int | None]:
    head = text[:4000]
    patterns = (TITLE, TITLE_YEAR_FIRST, TITLE_WITHOUT_YEAR)  # the last: PDF lines out of order
    matches = [m for m in (p.search(head) for p in patterns) if m]
    match = min(matches, key=lambda m: m.start(), default=None)
    if match:
        agency = match.group("agency").strip("#*《 ").removeprefix("关于")
        return agency, int(match.group("year"))
    period = PERIOD.search(text)
    if period:
        return "", int(period.group(1))
    years = [int(y) for y in BODY_YEAR.findall(text[:20000]) if 2008 <= int(y) <= 2100]
    if years:
        # the most often named year is the one reported on
        return "", max(set(years), key=lambda y: (years.count(y), y))
    return "", None


def is_township(report: CheckedReport, text: str) -> bool:
    """A township (镇, 乡, 街道) or county department, by its name or, when the title does not
    say, by how the report speaks of itself ("我镇", "本街道")."""
    name = re.sub(r"\(.*?\)", "", report.agency)
    if TOWNSHIP.search(name) or COUNTY_DEPARTMENT.search(name):
        return True
    if NOT_TOWNSHIP.search(name):
        return False  # named, and above a township
    head = text[:20000]
    return len(re.findall(r"[我本全](?:镇|乡|街道)(?!政府信息公开)", head)) >= 2


def _findings(
    report: CheckedReport, parsed: ParsedTables, text: str, source: Source
) -> list[Finding]:
    fmt = report.fmt
    findings: list[Finding] = []
    if report.year is None:
        findings.append(Finding("Y1", Severity.NOTE, "未能识别报告年度，按表格样式判断格式"))
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
    findings += _missing(report, parsed, source)
    findings += check_tables(fmt, report.tables)
    findings += _not_numbers(report)
    findings += _rules_at_township(report, text)
    findings += _fee_unit(report, parsed)
    findings += _blank_totals(report)
    narrative = text[: parsed.first_table_at] if parsed.first_table_at else text
    findings += narrative_findings(narrative, report.tables, fmt)
    findings += parsed.notes
    for number, why in parsed.unreadable.items():
        report.unread.setdefault(number, why)
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


ARTICLE_50 = "条例第五十条要求年度报告包括主动公开、收到和处理申请、复议诉讼的统计数据"


def _missing(report: CheckedReport, parsed: ParsedTables, source: Source) -> list[Finding]:
    """Tables missing or empty: a finding in a whole report (条例第五十条), a note when the text
    was cut off or the tables are images that could not be read."""
    found = {number for number, rows in report.tables.items() if rows}
    if not found:
        if source.images:
            why = "表格以图片发布，未能识别"
            message = f"未找到统计表格：报告中的 {source.images} 张图片未能识别为表格，无法核对"
            severity = Severity.NOTE
        elif parsed.truncated:
            why = "文本截断，未见统计表格"
            message = "未找到统计表格（文本在表格之前截断），无法核对"
            severity = Severity.NOTE
        else:
            why = "缺少统计表格"
            message = (
                f"报告没有统计表格：表二、表三、表四缺失或为空（{ARTICLE_50}）；"
                "如表格以图片发布，请提供原文件（PDF 或图片）"
            )
            severity = Severity.FINDING
        for number in ("二", "三", "四"):
            report.unread[number] = why
        return [Finding("T0", severity, message)]
    findings = []
    absent_tables = [n for n in ("二", "三", "四") if n not in found]
    for number in absent_tables:
        if parsed.truncated:
            report.unread[number] = "文本截断，缺少此表"
            findings.append(
                Finding("T1", Severity.NOTE, f"缺少表{number}（文本在此之前截断）", number)
            )
        else:
            report.unread[number] = "缺少此表"
            findings.append(
                Finding("T1", Severity.FINDING, f"缺少表{number}（{ARTICLE_50}）", number)
            )
    cut: dict[str, list[str]] = {}
    for number, label in parsed.missing_rows:
        if number in absent_tables:
            continue
        if parsed.truncated:
            cut.setdefault(number, []).append(label)
        else:
            report.unread.setdefault(number, f"未找到“{label}”一行")
            findings.append(
                Finding("T2", Severity.FINDING, f"表{number}缺少“{label}”一行", number, label)
            )
    for number, labels in cut.items():
        report.unread.setdefault(number, f"文本截断，从“{labels[0]}”起缺少 {len(labels)} 行")
        message = f"表{number}从“{labels[0]}”起缺少 {len(labels)} 行（文本截断）"
        findings.append(Finding("T2", Severity.NOTE, message, number, labels[0]))
    for number in sorted(found):
        cells = [v for values in report.tables[number].values() for v in values]
        if number in parsed.unreadable:
            continue  # figures whose columns could not be told apart: unread, not empty
        if cells and all(v is None for v in cells):
            report.unread.setdefault(number, "表格为空")
            findings.append(
                Finding(
                    "T3", Severity.FINDING, f"表{number}的单元格全部为空白（{ARTICLE_50}）", number
                )
            )
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
                    # a mark in a recognised blank cell ("口", "(") is the engine's, not the
                    # report's: said, not counted against the report
                    misread = report.ocr and not re.search(r"\d", value)
                    findings.append(
                        Finding(
                            "N1",
                            Severity.NOTE if misread else Severity.FINDING,
                            f"表{number} {label}「{column.label}」"
                            + ("识别出的" if misread else "")
                            + f"不是数字：“{value}”",
                            number,
                            label,
                            column.label,
                            "数字",
                            value,
                        )
                    )
    return findings


SELF_NAMED_TOWNSHIP = "本机关（正文自称镇、乡或街道）"


def _rules_at_township(report: CheckedReport, text: str) -> list[Finding]:
    """立法法 Arts. 91, 93: townships and county departments cannot make 规章."""
    if not is_township(report, text):
        return []
    findings = []
    columns = report.fmt.tables["二"].blocks[0].columns
    for column, value in zip(columns, report.tables.get("二", {}).get("规章", []), strict=False):
        if isinstance(value, int | Decimal) and value != 0:
            findings.append(
                Finding(
                    "R1",
                    Severity.FINDING,
                    f"{report.agency or SELF_NAMED_TOWNSHIP}无权制定规章"
                    "（立法法第九十一、九十三条），"
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


def _blank_totals(report: CheckedReport) -> list[Finding]:
    """A 总计 left blank while the cells it totals are filled: the report omits a figure the
    format requires (one finding per table, naming the rows)."""
    rows = []
    three = report.tables.get("三", {})
    for row in report.fmt.tables["三"].blocks[0].value_rows:
        values = three.get(row.key)
        if values and values[6] is None and any(isinstance(v, int) for v in values[:6]):
            rows.append(row.label)
    four = report.tables.get("四", {}).get("四") or []
    for index, (_, group) in enumerate(APPEAL_GROUPS):
        cells = four[index * 5 : index * 5 + 5]
        if len(cells) == 5 and cells[4] is None and any(isinstance(v, int) for v in cells[:4]):
            rows.append(f"表四{group}")
    if not rows:
        return []
    shown = "、".join(rows[:4]) + (f" 等 {len(rows)} 行" if len(rows) > 4 else "")
    return [
        Finding(
            "B2",
            Severity.FINDING,
            f"“总计”为空白而其他单元格已填报：{shown}",
            "三" if three else "四",
            rows[0],
            "总计",
            "数字",
            "空白",
        )
    ]


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


REPORT_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf", *IMAGE_SUFFIXES)
TEXT_SUFFIXES = (".txt", ".md", ".text")
NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog|copying|notice|authors)\b", re.I)


@dataclass
class Collected:
    files: list[Path]
    missing: list[str]  # names given that do not exist
    skipped: list[Path]  # files in a named folder that are not reports


def collect_reports(paths: list[Path]) -> Collected:
    """Every report file named, or found (recursively) in a named folder: HTML, PDF, DOCX,
    images, and text files that read like a report. A file named explicitly is always taken."""
    collected = Collected([], [], [])
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_report_file(found):
                    collected.files.append(found)
                else:
                    collected.skipped.append(found)
        elif path.exists():
            collected.files.append(path)
        else:
            collected.missing.append(str(path))
    return collected


def report_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    collected = collect_reports(paths)
    return collected.files, collected.missing


def _is_report_file(path: Path) -> bool:
    name = path.name.lower()
    if NOT_REPORTS.match(name) or name.startswith("."):
        return False
    if name.endswith(REPORT_SUFFIXES):
        return True
    if name.endswith(TEXT_SUFFIXES):
        try:
            with path.open("rb") as handle:
                head = handle.read(30_000)
        except OSError:
            return True  # let the check say why it cannot be read
        return looks_like_report(head.decode("utf-8", errors="ignore"))
    return False


def looks_like_report(text: str) -> bool:
    """Text of an annual report, not notes about one: Chinese prose about 政府信息公开 with the
    report's section headings, and little Latin script (a README of labels is mostly English
    or Markdown around the labels)."""
    if "信息公开" not in text:
        return False
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if chinese < 100 or latin > chinese * 0.3:
        return False
    return bool(re.search(r"总体情况|主动公开政府信息情况|本年新收|年度报告|年报", text))
