"""The agency's 政府信息公开 column (国办公开办函〔2019〕61号) besides 法定主动公开内容:
the guide (条例第十二条), the agency's disclosure rules, and its annual reports."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from gongkai.catalogue.models import Category, ChannelPost, Item, ItemStatus
from gongkai.core.models import Agency
from gongkai.statute.catalogue_subjects import ANNUAL_REPORTS, GUIDE, RULES


def column_items(agency: Agency, name: str):
    return (
        Item.objects.live()
        .filter(
            agency=agency,
            category__parent__source="column",
            category__name=name,
        )
        .order_by("-published_on", "-pk")
    )


def guide(request, prefix: str):
    """Generated from what the system knows, so it never goes stale: the subject tree in
    use, the channels the agency actually publishes on, and the office's contacts."""
    agency = get_object_or_404(Agency, index_prefix=prefix)
    used = (
        Category.objects.filter(items__agency=agency, items__status=ItemStatus.PUBLISHED)
        .exclude(parent__source="column")
        .select_related("parent")
        .distinct()
        .order_by("parent__order", "order")
    )
    channels = sorted(
        {post.get_channel_display() for post in ChannelPost.objects.filter(agency=agency)[:500]}
    )
    return render(
        request,
        "portal/guide.html",
        {
            "agency": agency,
            "categories": used,
            "channels": channels,
            "published": column_items(agency, GUIDE)[:5],
            **_standards_context(agency),
        },
    )


def _standards_context(agency: Agency) -> dict:
    """The guide edited by staff (issue 17), and the 标准目录's 更新日期 beside it."""
    from django.db.models import Max
    from django.utils import timezone

    from gongkai.standards.models import Adoption, Guide

    edited = Guide.objects.filter(agency=agency).first()
    changed = Adoption.objects.filter(agency=agency).aggregate(at=Max("updated_at"))["at"]
    return {
        "edited_guide": edited,
        "guide_updated_on": timezone.localdate(edited.updated_at) if edited else None,
        "standards_updated_on": timezone.localdate(changed) if changed else None,
    }


def _sub_column(request, prefix: str, name: str, intro: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    return render(
        request,
        "portal/sub_column.html",
        {
            "agency": agency,
            "heading": name,
            "intro": intro,
            "items": column_items(agency, name)[:100],
        },
    )


def rules(request, prefix: str):
    return _sub_column(request, prefix, RULES, "本机关政府信息公开工作的制度和规定。")


def reports(request, prefix: str):
    """Generated reports by year (with their versions), and any report published as an
    ordinary item before the system was in use."""
    from gongkai.reports.models import AnnualReport, ReportStatus

    agency = get_object_or_404(Agency, index_prefix=prefix)
    generated = (
        AnnualReport.objects.filter(agency=agency, status=ReportStatus.PUBLISHED)
        .select_related("item")
        .order_by("-year")
    )
    return render(
        request,
        "portal/sub_column.html",
        {
            "agency": agency,
            "heading": ANNUAL_REPORTS,
            "intro": (
                "按照条例第四十九条、第五十条，本机关每年公布上一年度政府信息公开工作年度报告。"
            ),
            "reports": generated,
            "items": column_items(agency, ANNUAL_REPORTS).filter(annual_report__isnull=True)[:100],
        },
    )


def outside_column() -> Q:
    """法定主动公开内容 excludes the other three sub-columns' items."""
    return ~Q(category__parent__source="column")
