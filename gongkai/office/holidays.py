"""The holiday-arrangement upload (spec/workdays.md): each November an administrator imports
the State Council's notice for next year — the CSV `gongkai workdays import` reads — and a
region's own ethnic holidays (放假办法第四条). The whole file is checked before anything is
written; open deadlines are recomputed at once."""

from __future__ import annotations

from django import forms
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


class HolidayFileForm(forms.Form):
    """The file and where it applies: the whole country, or a region one of the user's
    agencies is in (放假办法第四条) — the same refusal as upload_arrangements' for another."""

    region = forms.ChoiceField(
        label="适用范围",
        required=False,
        error_messages={"invalid_choice": "您管理的机构不属于“%(value)s”，不能导入该地区的节假日"},
    )
    file = forms.FileField(
        label="CSV 文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "请选择要导入的 CSV 文件（日期,类型,依据）"},
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        self.fields["region"].choices = [("", "全国（国务院办公厅放假通知）")] + [
            (region, f"{region}的民族节日（放假办法第四条）") for region in regions
        ]
        if not regions:
            self.fields["region"].widget = forms.HiddenInput()


@login_required
def upload(request):
    admin_of = Membership.objects.filter(user=request.user, role=Role.ADMIN)
    if not admin_of.exists():
        raise Http404
    regions = sorted({r for r in admin_of.values_list("agency__holiday_region", flat=True) if r})
    today = timezone.localdate()
    problems: list[str] = []
    form = HolidayFileForm(regions=regions)
    if request.method == "POST":
        form = HolidayFileForm(request.POST, request.FILES, regions=regions)
        if not form.is_valid():
            problems = [e for errors in form.errors.values() for e in errors]
        else:
            upload_file = form.cleaned_data["file"]
            try:
                result = upload_arrangements(
                    upload_file.read(),
                    by=request.user,
                    file_name=upload_file.name[:200],
                    region=form.cleaned_data["region"],
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
            "form": form,
            "problems": problems,
            "regions": regions,
            "missing": next_year_missing(today),
            "arranged": f"{arranged[0]}—{arranged[-1]}" if arranged else "",
            "imported": CalendarDay.objects.order_by("-day")[:60],
        },
        status=400 if problems else 200,
    )
