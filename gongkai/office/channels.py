"""Staff pages for the publication log: record a post on another channel or a media
adoption, and the monthly statistics (信息月报) with its XLSX export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.catalogue import channels
from gongkai.catalogue.models import (
    Channel,
    ChannelPost,
    Item,
    MediaAdoption,
    MediaLevel,
)
from gongkai.catalogue.statistics import MONTHS, monthly_statistics, to_xlsx
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.http import download_response
from gongkai.core.transitions import TransitionError
from gongkai.office.access import staff_agency, viewed_agency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PostForm(ControlCharactersStripped, forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    on = forms.DateField(label="发布日期", widget=DATE)
    item = forms.IntegerField(label="对应政府信息编号", required=False, widget=forms.HiddenInput)
    title = forms.CharField(label="标题（对应政府信息时可不填）", max_length=300, required=False)
    url = forms.URLField(
        label="链接（可选）", max_length=500, required=False, assume_scheme="https"
    )


class AdoptionForm(ControlCharactersStripped, forms.Form):
    level = forms.ChoiceField(label="媒体层级", choices=MediaLevel.choices)
    outlet = forms.CharField(label="采用媒体", max_length=100)
    on = forms.DateField(label="采用日期", widget=DATE)
    item = forms.IntegerField(label="对应政府信息编号", required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label="稿件标题（对应政府信息时可不填）", max_length=300, required=False
    )


def _item(agency, pk) -> Item | None:
    if not pk:
        return None
    return Item.objects.live().filter(agency=agency, pk=pk).first()


@login_required
def log(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    item = _item(agency, request.GET.get("item") or request.POST.get("item"))
    initial = {"on": today, "item": item.pk if item else None}
    post_form = PostForm(
        request.POST if request.POST.get("form") == "post" else None, initial=initial
    )
    adoption_form = AdoptionForm(
        request.POST if request.POST.get("form") == "adoption" else None, initial=initial
    )
    for form, record in (
        (post_form, channels.record_channel_post),
        (adoption_form, channels.record_media_adoption),
    ):
        if form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("item")
            try:
                record(agency, by=request.user, today=today, item=item, **data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "已登记")
                return redirect(f"{request.path}?agency={agency.pk}")
    return render(
        request,
        "office/channels.html",
        {
            "agency": agency,
            "item": item,
            "post_form": post_form,
            "adoption_form": adoption_form,
            "posts": ChannelPost.objects.filter(agency=agency).order_by("-posted_on", "-pk")[:50],
            "adoptions": MediaAdoption.objects.filter(agency=agency).order_by("-adopted_on", "-pk")[
                :50
            ],
        },
    )


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
