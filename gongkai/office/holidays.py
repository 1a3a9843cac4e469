"""The holiday-arrangement upload (spec/workdays.md): each November an administrator imports
the State Council's notice for next year — the CSV `gongkai workdays import` reads — and a
region's own ethnic holidays (放假办法第四条). The whole file is checked before anything is
written; open deadlines are recomputed at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.applications.deadline_sweep import refresh_open_deadlines
from gongkai.core.calendar import current_calendar, next_year_missing, upload_arrangements
from gongkai.core.models import CalendarDay, Membership, Role
from gongkai.core.transitions import TransitionError
from gongkai.statute.arrangement_file import ArrangementFileError


@login_required
def upload(request):
    admin_of = Membership.objects.filter(user=request.user, role=Role.ADMIN)
    if not admin_of.exists():
        raise Http404
    regions = sorted({r for r in admin_of.values_list("agency__holiday_region", flat=True) if r})
    today = timezone.localdate()
    problems: list[str] = []
    if request.method == "POST":
        upload_file = request.FILES.get("file")
        if upload_file is None:
            problems = ["请选择要导入的 CSV 文件（日期,类型,依据）"]
        else:
            try:
                result = upload_arrangements(
                    upload_file.read(),
                    by=request.user,
                    file_name=upload_file.name[:200],
                    region=request.POST.get("region", ""),
                )
            except ArrangementFileError as error:
                problems = [str(p) for p in error.problems]
            except TransitionError as error:
                problems = [str(error)]
            else:
                changed = refresh_open_deadlines(calendar=current_calendar(), today=today)
                years = "、".join(str(y) for y in result.years)
                messages.success(
                    request,
                    f"已导入{years}年节假日安排：新增 {result.added} 天，修改 {result.changed} 天，"
                    f"未变 {result.unchanged} 天；{changed} 件办理中申请的期限随之更新",
                )
                return redirect("office:holidays")
    calendar = current_calendar()
    arranged = sorted(calendar.arranged_years)
    return render(
        request,
        "office/holidays.html",
        {
            "problems": problems,
            "regions": regions,
            "missing": next_year_missing(today),
            "arranged": f"{arranged[0]}—{arranged[-1]}" if arranged else "",
            "imported": CalendarDay.objects.order_by("-day")[:60],
        },
        status=400 if problems else 200,
    )
