"""A column of the county's site as a reader meets it: the county's own items in it and what
it adopted from its townships and departments (报送 → 采用), each under its source agency's
name and — for a catalogue item — the 索引号 its own agency gave it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.catalogue.models import Category, Item
from gongkai.core.models import Agency
from gongkai.submissions.models import Kind, Status, Submission


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    source: str
    index_number: str
    on: date


def column_entries(agency: Agency, column: Category, *, limit: int = 200) -> list[Entry]:
    own = Item.objects.live().filter(agency=agency, category=column).order_by("-published_on")
    entries = [
        Entry(
            i.title,
            reverse("portal:item", args=[i.pk]),
            agency.name,
            i.index_number,
            i.published_on,
        )
        for i in own[:limit]
    ]
    adopted = (
        Submission.objects.adopted_into(agency, column)
        .select_related("source", "item")
        .order_by("-adopted_on", "-pk")[:limit]
    )
    for sub in adopted:
        url = (
            reverse("portal:item", args=[sub.item_id])
            if sub.kind == Kind.ITEM
            else reverse("portal:adopted", args=[sub.pk])
        )
        entries.append(Entry(sub.title, url, sub.source.name, sub.index_number, sub.adopted_on))
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries[:limit]


def adopted_columns(agency: Agency) -> list[Category]:
    """The columns holding adopted submissions, for the agency's home page."""
    ids = Submission.objects.adopted_into(agency).values_list("column_id", flat=True)
    return list(Category.objects.filter(pk__in=ids).order_by("name"))


def column(request, prefix: str, pk: int):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    category = get_object_or_404(Category, pk=pk)
    entries = column_entries(agency, category)
    if not entries:
        raise Http404
    return render(
        request,
        "portal/column.html",
        {"agency": agency, "column": category, "entries": entries},
    )


def adopted(request, pk: int):
    """An adopted news post: shown only once adopted, under its source's name."""
    sub = get_object_or_404(
        Submission.objects.select_related("source", "target", "column"),
        pk=pk,
        kind=Kind.NEWS,
        status=Status.ADOPTED,
    )
    return render(request, "portal/adopted.html", {"sub": sub})
