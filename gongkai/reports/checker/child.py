"""What the report check's bounded child process runs (gongkai/core/bounded.py): refuse
what is too large to read, check the file, and hand back plain JSON. Nothing here touches the
database, so the child starts without loading Django's apps."""

from __future__ import annotations

import tempfile
from pathlib import Path

from gongkai.core import bounded, uploads
from gongkai.reports.checker.check import CheckedReport, check_report
from gongkai.reports.render.layout import cell_text


def check_in_child(data: bytes, suffix: str, name: str) -> list:
    """[outcome, result] of one report file, in the bounded child."""
    from gongkai.reports.checker.ocr import RESOLUTION

    if suffix == uploads.PDF[2]:
        bounded.check_pdf(data, dpi=RESOLUTION)
    elif suffix in (uploads.PNG[2], uploads.JPEG[2]):
        bounded.check_image(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        report = check_report(path)
    return [str(report.outcome), result_of(report, name)]


def result_of(report: CheckedReport, name: str) -> dict:
    """What the page and the CSV need, as JSON: the outcome line, the findings and the tables
    as read (cell texts, laid out again by the report renderers' layout)."""
    return {
        "file": name,
        "agency": report.agency,
        "year": report.year,
        "format": report.fmt.name if report.fmt else "",
        "error": report.error,
        "outcome_text": report.outcome_text,
        "unread": report.unread,
        "ocr": report.ocr,
        "tables": {
            number: {key: [cell_text(v) for v in values] for key, values in rows.items()}
            for number, rows in report.tables.items()
        },
        "findings": [f.as_dict() for f in report.findings],
    }
