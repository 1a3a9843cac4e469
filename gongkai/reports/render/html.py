"""The report as HTML: a fragment (sections and tables, the body of the published item and
of the portal page) and a standalone page (download, and the source of the PDF)."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string

from gongkai.reports.document import ReportDocument
from gongkai.reports.render import layout


def laid_tables(fmt, tables) -> SimpleNamespace:
    """Tables 二, 三 and 四 laid out for the templates (a missing table is laid out blank)."""
    return SimpleNamespace(
        two=layout.table_two(fmt, tables.get("二", {})),
        three=layout.table_three(fmt, tables.get("三", {})),
        four=layout.table_four(fmt, tables.get("四", {})),
    )


def laid_out(document: ReportDocument) -> SimpleNamespace:
    return laid_tables(document.fmt, document.tables)


def report_fragment(document: ReportDocument) -> str:
    return render_to_string(
        "reports/fragment.html", {"document": document, "laid": laid_out(document)}
    )


def report_page(document: ReportDocument) -> str:
    from django.utils.safestring import mark_safe

    return render_to_string(
        "reports/standalone.html",
        {"document": document, "fragment": mark_safe(report_fragment(document))},
    )
