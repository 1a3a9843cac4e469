"""One report object, many renderers."""

from __future__ import annotations

FORMATS = {
    "html": ("text/html; charset=utf-8", ".html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "pdf": ("application/pdf", ".pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "json": ("application/json", ".json"),
}


def render(document, fmt: str) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of `document` in one of FORMATS, so the web, the
    command and the tests take one path; ReportRefused when it cannot be made here."""
    return filename(document, fmt), FORMATS[fmt][0], _bytes(document, fmt)


def _bytes(document, fmt: str) -> bytes:
    if fmt == "html":
        from gongkai.reports.render.html import report_page

        return report_page(document).encode()
    if fmt == "docx":
        from gongkai.reports.render.docx import render_docx

        return render_docx(document)
    if fmt == "pdf":
        from gongkai.reports.render.pdf import render_pdf

        return render_pdf(document)
    if fmt == "xlsx":
        from gongkai.reports.render.xlsx import render_xlsx

        return render_xlsx(document)
    if fmt == "json":
        from gongkai.reports.render.json import render_json

        return render_json(document)
    raise ValueError(fmt)


def filename(document, fmt: str) -> str:
    return f"{document.agency_name}{document.year}年政府信息公开工作年度报告{FORMATS[fmt][1]}"


def http_response(name: str, content_type: str, data: bytes):
    """A rendered report as a download; HTML and PDF open in the browser."""
    from gongkai.core.http import download_response

    response = download_response(name, content_type, data)
    if content_type.startswith("text/html"):
        from gongkai.core.headers import STANDALONE_POLICY

        response["Content-Security-Policy"] = STANDALONE_POLICY  # its one inline stylesheet
    return response
