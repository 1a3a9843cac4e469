"""Writing checked reports as text for a person, JSON for programs, CSV for a spreadsheet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import TextIO

from gongkai.reports.tables_json import tables_to_json
from gongkai.statute.report_identities import Severity

from .check import CheckedReport

SEVERITY_WORDS = {Severity.FINDING: "问题", Severity.WARNING: "提醒", Severity.NOTE: "说明"}
CSV_FIELDS = (
    "file",
    "agency",
    "year",
    "format",
    "severity",
    "rule",
    "table",
    "row",
    "column",
    "expected",
    "found",
    "message",
)


def report_as_dict(report: CheckedReport) -> dict:
    return {
        "file": report.path,
        "agency": report.agency,
        "year": report.year,
        "format": report.fmt.name if report.fmt else None,
        "error": report.error or None,
        "outcome": str(report.outcome),
        "outcome_text": report.outcome_text,
        "unread": report.unread,
        "ocr": report.ocr,
        "ocr_findings": report.ocr_findings,
        "tables": tables_to_json(report.fmt, report.tables) if report.fmt else {},
        "findings": [f.as_dict() for f in report.findings],
    }


def write_json(reports: Iterable[CheckedReport], out: TextIO) -> None:
    out.write("[")
    for index, report in enumerate(reports):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(report_as_dict(report), ensure_ascii=False, indent=1))
    out.write("\n]\n")


def write_csv(reports: Iterable[CheckedReport], out: TextIO) -> None:
    # a cell a spreadsheet would run as a formula (=, +, -, @ — an agency name or a file
    # name taken from a published report) is written quoted with ' (defusedcsv)
    from defusedcsv import csv as safe_csv

    writer = safe_csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for report in reports:
        fmt = report.fmt.name if report.fmt else ""
        if report.error:
            writer.writerow(
                [report.path, "", "", "", "error", "E0", "", "", "", "", "", report.error]
            )
        for f in report.findings:
            writer.writerow(
                [
                    report.path,
                    report.agency,
                    report.year or "",
                    fmt,
                    f.severity.value,
                    f.rule,
                    f.table,
                    f.row,
                    f.column,
                    f.expected,
                    f.found,
                    f.message,
                ]
            )


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_text(reports: Iterable[CheckedReport], out: TextIO) -> None:
    for report in reports:
        out.write(f"== {report.path}\n")
        if report.error:
            out.write(f"   结论：{report.outcome_text}\n   无法读取：{report.error}\n\n")
            continue
        fmt = f"{report.fmt.name}（{report.fmt.basis}）"
        out.write(
            f"   机构：{report.agency or '未识别'}  年度：{report.year or '未识别'}  格式：{fmt}\n"
        )
        for number, table in report.fmt.tables.items():
            values = report.tables.get(number)
            if not values:
                continue
            out.write(f"   表{number}\n")
            for block in table.blocks:
                for row in block.value_rows:
                    if row.key in values:
                        cells = " ".join(f"{_cell(v):>6}" for v in values[row.key])
                        out.write(f"     {row.label[:24]:<24} {cells}\n")
        problems = report.problems
        out.write(f"   结论：{report.outcome_text}\n")
        out.write(f"   发现 {len(problems)} 项问题\n" if problems else "   未发现问题\n")
        if report.ocr:
            out.write(f"   其中依据图片识别的问题：{report.ocr_findings} 项（请对照原图核实）\n")
        for finding in sorted(report.findings, key=lambda f: list(Severity).index(f.severity)):
            out.write(f"   [{SEVERITY_WORDS[finding.severity]} {finding.rule}] {finding.message}\n")
        out.write("\n")
