"""The public catalogue: 法定主动公开内容 listed by category, year, validity and kind, and
each item's page with the metadata table portals show. Pages go by keyset, never OFFSET."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from gongkai.catalogue.attachments import file_response
from gongkai.catalogue.models import (
    Category,
    DocumentKind,
    Item,
    ItemAttachment,
    ItemStatus,
    Validity,
)
from gongkai.core.models import Agency
from gongkai.portal.column import outside_column

PAGE = 20
PUBLIC = (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN)


def _cursor(text: str) -> tuple[date, int] | None:
    try:
        day, pk = text.split("_")
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def listing(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    items = (
        Item.objects.filter(agency=agency, status__in=PUBLIC)
        .filter(outside_column())
        .select_related("category")
    )
    filters = {}
    for name, lookup, choices in (
        ("validity", "validity", Validity.values),
        ("kind", "document_kind", DocumentKind.values),
    ):
        if request.GET.get(name) in choices:
            filters[lookup] = request.GET[name]
    year = request.GET.get("year", "")
    if year.isdigit() and 1949 <= int(year) <= 2100:  # anything else is not a year to filter by
        filters["published_on__year"] = int(year)
    category = None
    if request.GET.get("category", "").isdigit():
        category = Category.objects.filter(pk=request.GET["category"]).first()
        if category:
            filters["category__in"] = [category, *category.children.all()]
    items = items.filter(**filters).order_by("-published_on", "-pk")
    cursor = _cursor(request.GET.get("before", ""))
    if cursor:
        day, pk = cursor
        # the redundant bound lets PostgreSQL start its index scan at the cursor
        items = items.filter(
            Q(published_on__lt=day) | Q(published_on=day, pk__lt=pk), published_on__lte=day
        )
    page = list(items[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    next_cursor = f"{page[-1].published_on}_{page[-1].pk}" if more else ""
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "portal/items.html",
        {
            "agency": agency,
            "items": page,
            "next_cursor": next_cursor,
            "query": query.urlencode(),
            "category": category,
            "categories": Category.objects.filter(
                Q(agency__isnull=True) | Q(agency=agency), parent__isnull=True
            )
            .exclude(source="column")
            .prefetch_related("children"),
        },
    )


def item_page(request, pk: int):
    item = get_object_or_404(Item.objects.select_related("agency", "category"), pk=pk)
    if item.status not in PUBLIC:
        raise Http404
    return render(
        request, "portal/item.html", {"item": item, "attachments": item.attachments.all()}
    )


def attachment(request, pk: int, attachment_pk: int):
    """A published item's file; withdrawn items keep their page but not their files."""
    found = get_object_or_404(
        ItemAttachment.objects.select_related("item"), pk=attachment_pk, item_id=pk
    )
    if found.item.status != ItemStatus.PUBLISHED:
        raise Http404
    return file_response(found)


def search_page(request):
    from gongkai.catalogue.search import NEWEST, ORDER_RULES, RELEVANCE, highlight, search

    query = request.GET.get("q", "").strip()[:100]
    agency = Agency.objects.filter(index_prefix=request.GET.get("agency", "")).first()
    order = RELEVANCE if request.GET.get("order") == RELEVANCE else NEWEST
    results = []
    if query:
        results = [
            (item, highlight(item.title, query))
            for item in search(query, agency=agency, order=order)
        ]
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "results": results,
            "agency": agency,
            "order": order,
            "orders": [(key, rule) for key, rule in ORDER_RULES.items()],
            "rule": ORDER_RULES[order],
        },
    )
