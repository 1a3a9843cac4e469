"""Staff pages for the publication log: record a post on another channel or a media
adoption, and the monthly statistics (信息月报) with its XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.channel_steps import AgencyChannels
from gongkai.catalogue.models import ChannelPost, MediaAdoption
from gongkai.catalogue.statistics import MONTHS, monthly_statistics, to_xlsx
from gongkai.core.http import download_response
from gongkai.office.access import staff_agency, viewed_agency
from gongkai.office.steps import StepRow, step_context, take_step


def _log_page(request, target: AgencyChannels, bound=None):
    """The log with its two steps (catalogue/channel_steps.py); a form the step refused
    comes back bound, with what was typed."""
    context = step_context(target, request.user, today=timezone.localdate())
    rows = {row.step.name: row for row in context["step_rows"]}
    if bound is not None:
        name = bound.prefix
        rows[name] = StepRow(rows[name].step, bound, rows[name].url)
    agency = target.agency
    return render(
        request,
        "office/channels.html",
        {
            "agency": agency,
            "item": target.item,
            "post": rows.get("post"),
            "adoption": rows.get("adoption"),
            "step_refusals": context["step_refusals"],
            "posts": ChannelPost.objects.filter(agency=agency).order_by("-posted_on", "-pk")[:50],
            "adoptions": MediaAdoption.objects.filter(agency=agency).order_by("-adopted_on", "-pk")[
                :50
            ],
        },
        status=400 if bound is not None else 200,
    )


@login_required
def log(request):
    agency = staff_agency(request)
    return _log_page(request, AgencyChannels.of(agency, request.GET.get("item")))


@login_required
@require_POST
def log_action(request, action: str):
    """登记渠道发布 or 登记媒体采用, taken by the one handler."""
    target = AgencyChannels.of(staff_agency(request), request.GET.get("item"))
    return take_step(request, target, action, invalid=lambda form: _log_page(request, target, form))


def _year(request) -> int:
    text = request.GET.get("year", "")
    today = timezone.localdate()
    return int(text) if text.isdigit() and 2008 <= int(text) <= today.year else today.year


@login_required
def monthly(request):
    agency, read_only = viewed_agency(request)
    year = _year(request)
    stats = monthly_statistics(agency, year)
    if request.GET.get("format") == "xlsx":
        return download_response(
            f"{agency.name}{year}年信息月报.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            to_xlsx(stats),
        )
    return render(
        request,
        "office/monthly.html",
        {
            "agency": agency,
            "read_only": read_only,
            "stats": stats,
            "months": MONTHS,
            "years": range(timezone.localdate().year, 2008 - 1, -1)[:10],
            "category_totals": [
                sum(row.months[m - 1] for row in stats.by_category) for m in MONTHS
            ],
        },
    )
