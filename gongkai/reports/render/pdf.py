"""The report as PDF, printed by WeasyPrint from the standalone HTML page. Without a CJK
font the Chinese would come out as empty boxes, so that is refused with the package to
install instead."""

from __future__ import annotations

import shutil
import subprocess

from gongkai.reports.document import ReportDocument, ReportRefused
from gongkai.reports.render.html import report_page

FONT_PACKAGE = "fonts-noto-cjk"


def cjk_font_installed() -> bool:
    """fontconfig knows a font covering Chinese (what WeasyPrint will use)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(listed.stdout.strip())


def render_pdf(document: ReportDocument) -> bytes:
    if not cjk_font_installed():
        raise ReportRefused(
            f"没有安装中文字体，生成的 PDF 会显示为方框：请先安装 {FONT_PACKAGE}"
            f"（Debian/Ubuntu：sudo apt install {FONT_PACKAGE}）"
        )
    from weasyprint import HTML

    return HTML(string=report_page(document)).write_pdf()
