"""Staff page for bringing in an existing catalogue from Excel or CSV: all rows or none,
with every problem listed by spreadsheet row."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.catalogue.importer import COLUMNS, MAX_BYTES, ImportRefused, import_catalogue
from gongkai.core.http import download_response
from gongkai.core.models import Membership, Role
from gongkai.core.transitions import TransitionError
from gongkai.office.access import staff_agency


@login_required
def catalogue_import(request):
    agency = staff_agency(request)
    problems: list = []
    is_reviewer = Membership.objects.filter(
        user=request.user, agency=agency, role=Role.REVIEWER
    ).exists()
    if request.method == "POST":
        # publishing directly needs the reviewer's explicit word; anything else is submitted
        publish = request.POST.get("publish") == "1" and request.POST.get("confirm") == "1"
        upload = request.FILES.get("file")
        if request.POST.get("publish") == "1" and not publish:
            problems = ["选择直接公开时，须确认已对每条信息完成保密审查和个人信息检查"]
        elif upload is None:
            problems = ["请选择要导入的 Excel（.xlsx）或 CSV 文件"]
        elif upload.size > MAX_BYTES:
            problems = ["文件超过 20 MB，请分批导入"]
        else:
            try:
                items = import_catalogue(
                    agency, upload.read(), upload.name, by=request.user, publish=publish
                )
            except ImportRefused as error:
                problems = [str(p) for p in error.problems]
            except TransitionError as error:
                problems = [str(error)]
            else:
                state = "已直接公开" if publish else "已提交保密审查，审核后公开"
                messages.success(request, f"已导入 {len(items)} 条信息（{state}）")
                return redirect(f"{reverse('office:items')}?agency={agency.pk}")
    return render(
        request,
        "office/import.html",
        {
            "agency": agency,
            "problems": problems,
            "is_reviewer": is_reviewer,
            "columns": [names[0] for names in COLUMNS.values()],
        },
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
