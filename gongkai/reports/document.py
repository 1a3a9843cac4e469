"""One report object for every renderer: the six sections, the three tables, the fee block
and the findings, either counted live from the records (a draft) or read back from the
snapshot frozen at publication."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.catalogue.statistics import monthly_statistics
from gongkai.reports.tables_json import json_value
from gongkai.statute.report_format import (
    FORMATS,
    GOVERNMENT_OVERSIGHT,
    GOVERNMENT_OVERSIGHT_BASIS,
    GOVERNMENT_SECTION_SIX,
    SECTION_TITLES,
    TABLE_FOUR_NOTE,
    ReportFormat,
    ReportTables,
    format_for_year,
)
from gongkai.statute.report_identities import (
    Finding,
    Severity,
    carried_over,
    check_tables,
    documents_in_force,
    fee_notices_cover_abandoned_for_fees,
)

NARRATIVE = ("一", "五", "六")
FIRST_GENERATED_YEAR = 2021  # the 2021 format; earlier years used the trial format


class ReportRefused(ValueError):
    """The message says why, in Chinese."""


@dataclass(frozen=True)
class FeeBlock:
    """Section 六: 信息处理费 notices issued (count, yuan) and the amount actually collected."""

    notices: int
    notice_amount: Decimal
    collected: Decimal

    def sentence(self) -> str:
        return (
            f"本年度共发出信息处理费收费通知{self.notices}件，金额{self.notice_amount}元，"
            f"实际收取信息处理费{self.collected}元。"
        )


@dataclass
class ReportDocument:
    agency_name: str
    agency_prefix: str
    year: int
    fmt: ReportFormat
    sections: dict[str, str]  # narrative text of 一, 五 and 六
    tables: ReportTables
    fee: FeeBlock
    findings: list[Finding] = field(default_factory=list)
    # items published per channel in the year (门户网站 first, then the log's channels and
    # media adoptions): section 一's figures and the illustrated report's first chart
    channels: list[tuple[str, int]] = field(default_factory=list)
    status: str = "draft"
    version: int = 1
    index_number: str = ""
    number: str = ""  # 文号, given on publication
    published_on: date | None = None
    correction_note: str = ""

    @property
    def title(self) -> str:
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告"

    @property
    def table_notes(self) -> dict[str, str]:
        """Printed under the table in every format: table 四's counting reading."""
        return {"四": TABLE_FOUR_NOTE}

    @property
    def table_four_note(self) -> str:
        return TABLE_FOUR_NOTE

    @property
    def section_list(self) -> list[tuple[str, str, str | None]]:
        """(number, title, narrative text or None for a table section) in the fixed order."""
        return [
            (number, title, self.sections.get(number, "") if number in NARRATIVE else None)
            for number, title in SECTION_TITLES.items()
        ]

    @property
    def blocking(self) -> list[Finding]:
        """Findings that stop publication: I1–I5 and incomplete tables."""
        return [f for f in self.findings if f.severity == Severity.FINDING]

    def snapshot(self) -> dict:
        return {
            "format": self.fmt.name,
            "sections": self.sections,
            "tables": {
                number: {key: [json_value(v) for v in values] for key, values in rows.items()}
                for number, rows in self.tables.items()
            },
            "fee": [self.fee.notices, str(self.fee.notice_amount), str(self.fee.collected)],
            "findings": [f.as_dict() for f in self.findings],
            "channels": [list(pair) for pair in self.channels],
        }


def _decimal_or_int(value):
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def from_snapshot(report) -> ReportDocument:
    data = report.snapshot
    notices, amount, collected = data["fee"]
    return ReportDocument(
        agency_name=report.agency.name,
        agency_prefix=report.agency.index_prefix,
        year=report.year,
        fmt=FORMATS[data["format"]],
        sections=data["sections"],
        tables={
            number: {key: [_decimal_or_int(v) for v in values] for key, values in rows.items()}
            for number, rows in data["tables"].items()
        },
        fee=FeeBlock(notices, Decimal(amount), Decimal(collected)),
        findings=[Finding(**{**f, "severity": Severity(f["severity"])}) for f in data["findings"]],
        channels=[tuple(pair) for pair in data.get("channels", [])],
        status=report.status,
        version=report.version,
        index_number=report.item.index_number if report.item else "",
        number=report.number,
        published_on=report.published_on,
        correction_note=report.correction_note,
    )


def count_tables(agency, year: int) -> tuple[ReportTables, FeeBlock, object]:
    """Tables 二–四 and the fee block from the records, and the staff-entered figures row."""
    from gongkai.reports.compute import fee_block, report_tables
    from gongkai.reports.models import YearFigures

    figures = YearFigures.objects.filter(agency=agency, year=year).first()
    tables = report_tables([agency.pk], year)[agency.pk]
    return tables, FeeBlock(*fee_block(agency, year)), figures


def previous_tables(agency, year: int) -> ReportTables | None:
    """The tables of the agency's published report on the year before, if any."""
    from gongkai.reports.models import AnnualReport, ReportStatus

    previous = (
        AnnualReport.objects.filter(agency=agency, year=year - 1, status=ReportStatus.PUBLISHED)
        .select_related("agency", "item")
        .first()
    )
    return from_snapshot(previous).tables if previous else None


def findings_for(agency, year: int, fmt: ReportFormat, tables, fee: FeeBlock, figures):
    """I1–I5 and completeness block publication; I6 against last year's published report;
    I7 and I8 and a 规章 count from an agency that cannot make rules are warnings."""
    findings = check_tables(fmt, tables)
    if figures is None:
        findings.append(
            Finding(
                "T2",
                Severity.FINDING,
                "表二第二十条第（五）（六）（八）项的数字（行政许可、行政处罚、行政强制、"
                "行政事业性收费）尚未填写：请在“表二填报数”中填写并注明来源",
                "二",
            )
        )
    if not agency.may_make_rules and any(tables["二"]["规章"]):
        findings.append(
            Finding(
                "T3",
                Severity.WARNING,
                "本机关不是规章制定主体（立法法），表二“规章”一行应为 0：请检查文件类型是否标错",
                "二",
                "规章",
            )
        )
    previous = previous_tables(agency, year)
    if previous is not None:
        columns = [c.label for c in fmt.tables["三"].blocks[0].columns]
        findings += carried_over(previous, tables, columns)
        findings += documents_in_force(previous, tables)
    findings += fee_notices_cover_abandoned_for_fees(tables, fee.notices)
    findings += normative_register_check(agency, year, tables)
    return findings


def is_government(agency) -> bool:
    """各级人民政府 (条例第五十条第四项): province, city, county and township governments."""
    from gongkai.core.models.agency import GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE, AgencyLevel

    return agency.level in GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE or (
        agency.level == AgencyLevel.TOWNSHIP
    )


def government_findings(agency, sections: dict[str, str]) -> list[Finding]:
    """A 人民政府's report: 一 carries 工作考核、社会评议和责任追究结果情况 (第五十条第四项) and 六
    names the government items. The text itself is required where it is entered (table 二's
    figures refuse a government without it, and the draft quotes it); here a warning says
    when the saved narrative has lost it."""
    if not is_government(agency):
        return []
    found = []
    one, six = sections.get("一", ""), sections.get("六", "")
    if not _filled(one, GOVERNMENT_OVERSIGHT):
        found.append(
            Finding(
                "G1",
                Severity.WARNING,
                f"人民政府的年度报告应在一（五）写明{GOVERNMENT_OVERSIGHT}"
                f"（{GOVERNMENT_OVERSIGHT_BASIS}）：请写明“{GOVERNMENT_OVERSIGHT}：”及其内容，"
                "或在“表二填报数”中填写后重新生成",
                "一",
            )
        )
    for label in GOVERNMENT_SECTION_SIX:
        if not _filled(six, label):
            found.append(
                Finding(
                    "G2",
                    Severity.WARNING,
                    f"人民政府的年度报告应在六、其他需要报告的事项中写明{label}：请补充",
                    "六",
                )
            )
    return found


def _filled(text: str, label: str) -> bool:
    """The label stands in the text with something after it on its line."""
    for line in text.splitlines():
        _, sep, rest = line.partition(label)
        if sep and rest.lstrip("：:（）() 　。").strip():
            return True
    return False


def normative_register_check(agency, year: int, tables) -> list[Finding]:
    """Table 二's 行政规范性文件 row against the policies register (国办发〔2018〕37号 统一登记),
    a warning shown before publication."""
    from gongkai.policies.figures import register_difference

    message = register_difference(agency, year, tables["二"]["行政规范性文件"])
    return [Finding("T4", Severity.WARNING, message, "二", "行政规范性文件")] if message else []


def build_document(report) -> ReportDocument:
    """A draft counted live; a published or superseded report as frozen."""
    if report.snapshot is not None:
        return from_snapshot(report)
    return live_document(
        report.agency,
        report.year,
        sections={"一": report.section_one, "五": report.section_five, "六": report.section_six},
        version=report.version,
        correction_note=report.correction_note,
    )


def live_document(agency, year: int, *, sections: dict[str, str], **extra) -> ReportDocument:
    if year < FIRST_GENERATED_YEAR:
        raise ReportRefused(
            f"{year}年的报告适用试行格式（国办公开办函〔2019〕60号），本系统只生成2021年及以后的报告"
        )
    fmt = format_for_year(year)
    tables, fee, figures = count_tables(agency, year)
    return ReportDocument(
        agency_name=agency.name,
        agency_prefix=agency.index_prefix,
        year=year,
        fmt=fmt,
        sections=sections,
        tables=tables,
        fee=fee,
        findings=findings_for(agency, year, fmt, tables, fee, figures)
        + government_findings(agency, sections),
        channels=[(row.label, row.total) for row in monthly_statistics(agency, year).by_channel],
        **extra,
    )
