"""The public catalogue: 法定主动公开内容 listed by category, year, validity and kind, and
each item's page with the metadata table portals show. Pages are numbered; 下一页 goes by
keyset."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from gongkai.catalogue.attachments import file_response
from gongkai.catalogue.models import (
    DocumentKind,
    Item,
    ItemAttachment,
    ItemStatus,
    Validity,
)
from gongkai.catalogue.tree import Entry, Group, category_ids, column_category_ids, find, tree_for
from gongkai.core.models import Agency

PAGE = 20
COUNT_CAP = 10_000  # 500 numbered pages; the year and subject filters narrow the rest


def _cursor(text: str) -> tuple[date, int] | None:
    try:
        day, pk = text.split("_")
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _page_number(text: str) -> int:
    return int(text) if text.isdigit() and 0 < int(text) <= 100_000 else 1


def _numbered_page(items, shown, number: int) -> list[Item]:
    """Page `number`: its ids found by the index alone (item_agency_listing_counted holds the
    order and the filtered columns), then those rows read. An OFFSET over whole rows read a
    row for every item skipped, and with real text each row is a page of its own: 8,700
    pages for the largest agency at 500,000 items, growing with it (issue 27)."""
    ids = list(items.values_list("pk", flat=True)[(number - 1) * PAGE : number * PAGE])
    rows = Item.objects.only(*shown, "validity").in_bulk(ids)
    return [rows[pk] for pk in ids]


def listing(request, prefix: str):
    """Numbered pages of 20 with the total; 下一页 goes by keyset (?before=), a numbered
    page by OFFSET (every page still starts on the same index walk)."""
    agency = get_object_or_404(Agency, index_prefix=prefix)
    items = (
        Item.objects.listed().filter(agency=agency).exclude(category_id__in=column_category_ids())
    )
    filters = {}
    kinds = (
        DocumentKind.choices
        if agency.may_make_rules
        else [c for c in DocumentKind.choices if c[0] != DocumentKind.RULE]
    )  # 规章 are made by governments of provinces and cities (立法法第九十三条)
    for name, lookup, values in (
        ("validity", "validity", Validity.values),
        ("kind", "document_kind", [value for value, _ in kinds]),
    ):
        if request.GET.get(name) in values:
            filters[lookup] = request.GET[name]
    year = request.GET.get("year", "")
    if year.isdigit() and 1949 <= int(year) <= 2100:  # anything else is not a year to filter by
        filters["published_on__year"] = int(year)
    subjects = tree_for(agency)
    category = None
    if request.GET.get("category", "").isdigit():
        category = find(subjects, int(request.GET["category"]))
        if category:
            filters["category_id__in"] = category_ids(category)
    items = items.filter(**filters).order_by("-published_on", "-pk")
    shown = ("pk", "title", "index_number", "document_number", "published_on", "status")
    number = _page_number(request.GET.get("page", ""))
    cursor = _cursor(request.GET.get("before", ""))
    if cursor:
        day, pk = cursor
        # the redundant bound lets PostgreSQL start its index scan at the cursor
        page = list(
            items.filter(
                Q(published_on__lt=day) | Q(published_on=day, pk__lt=pk), published_on__lte=day
            ).only(*shown, "validity")[:PAGE]
        )
    else:
        page = _numbered_page(items, shown, number)
    # counted from item_agency_listing_counted alone, which holds every column the listing
    # filters on: a count carried on the page's rows (a window) read every item's row. Counted
    # up to COUNT_CAP only: a count grows with the agency (15 ms at 17,000 items, about 300 ms
    # projected for a county holding 350,000 — bench/RESULTS.md, province scale); beyond it
    # the page says "超过" and 下一页 (keyset) still goes on to the oldest
    total = items[: COUNT_CAP + 1].count()
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    pages = max(1, -(-total // PAGE))
    if not page and total:  # past the end: the last page
        number = pages
        page = _numbered_page(items, shown, number)
    number = min(number, pages)
    item_path = reverse("portal:item", args=[0]).removesuffix("0/")  # one reverse, not twenty
    for item in page:
        item.href = f"{item_path}{item.pk}/"
    # 下一页 past the numbered pages when the count stopped at its cap, or from a keyset page
    more = number < pages or ((capped or cursor is not None) and len(page) == PAGE)
    next_cursor = f"{page[-1].published_on}_{page[-1].pk}" if page and more else ""
    query = request.GET.copy()
    for name in ("before", "page"):
        query.pop(name, None)
    without_category = query.copy()
    without_category.pop("category", None)
    return render(
        request,
        "portal/items.html",
        {
            "agency": agency,
            "items": page,
            "total": total,
            "capped": capped,
            "number": number,
            "pages": pages,
            "page_links": _page_links(number, pages),
            "next_cursor": next_cursor,
            "query": query.urlencode(),
            "tree_query": without_category.urlencode(),
            "category": category,
            "subjects": subject_tree(subjects, category, without_category.urlencode()),
            "kinds": kinds,
        },
    )


def subject_tree(groups: list[Group], selected: Entry | None, query: str) -> SafeString:
    """The subject tree's HTML, built here rather than in the template: some sixty links on
    every listing are the page's largest part, and the template engine's slowest."""
    prefix = f"?{query}&category=" if query else "?category="
    parts = []
    for group in groups:
        links = format_html_join(
            "",
            '<li><a href="{}{}"{}>{}</a></li>',
            (
                (
                    prefix,
                    entry.pk,
                    SafeString(' aria-current="page"') if entry is selected else "",
                    entry.label,
                )
                for entry in group.entries
            ),
        )
        parts.append(
            format_html(
                "<details{}><summary>{}</summary><ul>{}</ul></details>",
                SafeString(" open") if selected in group.entries else "",
                group.name,
                links,
            )
        )
    return SafeString("".join(parts))


def _page_links(number: int, pages: int) -> list[int | None]:
    """Page numbers to show: the first, the last, and two either side of the current one;
    None where numbers are left out."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    links: list[int | None] = []
    for n in shown:
        if links and n - (links[-1] or 0) > 1:
            links.append(None)
        links.append(n)
    return links


def item_page(request, pk: int):
    item = get_object_or_404(Item.objects.select_related("agency", "category"), pk=pk)
    if not item.is_listed:
        raise Http404
    from gongkai.catalogue.history import correction_views

    return render(
        request,
        "portal/item.html",
        {
            "item": item,
            "attachments": item.attachments.all(),
            # 更正 (issue 25): when, why, and what changed — as far as it may be public again
            "corrections": correction_views(item, public=True),
        },
    )


def attachment(request, pk: int, attachment_pk: int):
    """A published item's file; withdrawn items keep their page but not their files."""
    found = get_object_or_404(
        ItemAttachment.objects.select_related("item"), pk=attachment_pk, item_id=pk
    )
    if found.item.status != ItemStatus.PUBLISHED or found.item.notice_body_hidden:
        raise Http404
    return file_response(found)


def search_page(request):
    from gongkai.catalogue.history import last_corrected
    from gongkai.catalogue.search import NEWEST, ORDER_RULES, RELEVANCE, highlight, search

    query = request.GET.get("q", "").strip()[:100]
    agency = Agency.objects.filter(index_prefix=request.GET.get("agency", "")).first()
    order = RELEVANCE if request.GET.get("order") == RELEVANCE else NEWEST
    results = []
    if query:
        found = search(query, agency=agency, order=order)
        # 更正 (issue 25): a corrected item says so, with the day, in the list itself
        corrected = last_corrected(item.pk for item in found)
        results = [(item, highlight(item.title, query), corrected.get(item.pk)) for item in found]
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
