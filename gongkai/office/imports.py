"""Staff page for bringing in an existing catalogue from Excel or CSV: all rows or none,
with every problem listed by spreadsheet row."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.import_steps import AgencyImport
from gongkai.catalogue.importer import COLUMNS
from gongkai.core.http import download_response
from gongkai.office.access import staff_agency
from gongkai.office.steps import step_context, take_step


def _import_page(request, target: AgencyImport, refused=None):
    """The two steps of catalogue/import_steps.py as this person may take them; a refused
    file comes back with every problem listed by row (nothing was written)."""
    problems = []
    if refused is not None:
        problems = [
            line for error in refused.errors.values() for e in error for line in e.split("\n")
        ]
    context = step_context(target, request.user, today=timezone.localdate())
    return render(
        request,
        "office/import.html",
        {
            **context,
            "agency": target.agency,
            "problems": problems,
            "columns": [names[0] for names in COLUMNS.values()],
        },
        status=400 if problems else 200,
    )


@login_required
def catalogue_import(request):
    return _import_page(request, AgencyImport(staff_agency(request)))


@login_required
@require_POST
def import_action(request, action: str):
    """检查并导入 or 导入并直接公开, taken by the one handler; the items' list comes next."""
    target = AgencyImport(staff_agency(request))
    return take_step(
        request, target, action, invalid=lambda form: _import_page(request, target, form)
    )


@login_required
def import_template(request):
    """An empty workbook with our column names and one example row to overwrite."""
    from openpyxl import Workbook

    from gongkai.core.xlsx import workbook_bytes

    staff_agency(request)
    book = Workbook()
    sheet = book.active
    sheet.title = "政府信息"
    sheet.append([names[0] for names in COLUMNS.values()])
    sheet.append(
        [
            "",
            "关于印发青石镇2024年防汛工作方案的通知",
            "救灾",
            "",
            "2024-05-20",
            "2024-05-22",
            "",
            "青政发〔2024〕5号",
            "防汛 应急",
            "",
            "<p>正文可为纯文字或简单 HTML</p>",
            "有效",
            "",
            "其他",
        ]
    )
    return download_response(
        "catalogue-import-template.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        workbook_bytes(book),
    )
