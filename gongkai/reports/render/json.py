"""The report as machine-readable JSON (schema: gongkai/reports/annual-report.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.reports.document import ReportDocument
from gongkai.reports.tables_json import tables_to_json

SCHEMA = Path(__file__).resolve().parents[1] / "annual-report.schema.json"


def report_json(document: ReportDocument) -> dict:
    return {
        "agency": {"name": document.agency_name, "prefix": document.agency_prefix},
        "year": document.year,
        "format": document.fmt.name,
        "status": document.status,
        "version": document.version,
        "index_number": document.index_number or None,
        "number": document.number or None,
        "published_on": document.published_on.isoformat() if document.published_on else None,
        "sections": [
            {"number": number, "title": title, "text": text}
            for number, title, text in document.section_list
        ],
        "tables": tables_to_json(document.fmt, document.tables),
        "table_notes": document.table_notes,
        "fee": {
            "notices": document.fee.notices,
            "notice_amount_yuan": float(document.fee.notice_amount),
            "collected_yuan": float(document.fee.collected),
        },
        "findings": [f.as_dict() for f in document.findings],
    }


def render_json(document: ReportDocument) -> bytes:
    return json.dumps(report_json(document), ensure_ascii=False, indent=2).encode()
