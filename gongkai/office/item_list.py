"""The office's list of an agency's items (issue 25, "Find and fix"): search by 名称, 索引号
and 文号, filters by 分类, 状态, 年份 and 公开事项, numbered pages, every item reachable.

Drafts are not in the public search index (catalogue/search.py indexes what is published,
word by word), and a clerk looks for a draft by a fragment of its title, a 文号 such as
“青政发〔2026〕3号” or an 索引号 copied from the portal — so the office matches the
characters as typed (contains, case-insensitive) inside one agency. The agency's own rows
come from the item_agency_* indexes; one agency holds hundreds to a few thousand items even
on a 200,000-item province, so the match is cheap on PostgreSQL as on SQLite."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import QueryDict

from gongkai.catalogue.models import Category, Item, ItemStatus

PER_PAGE = 50


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    status: str = ""
    category: int | None = None
    year: int | None = None
    matter: int | None = None

    @classmethod
    def from_query(cls, params: QueryDict) -> ItemFilters:
        """Only what names something real is kept; anything else is no filter at all."""

        def number(name: str, low: int = 1, high: int = 2**31 - 1) -> int | None:
            value = params.get(name, "").strip()
            return int(value) if value.isdigit() and low <= int(value) <= high else None

        q = unicodedata.normalize("NFKC", params.get("q", "")).strip()[:100]
        status = params.get("status", "")
        return cls(
            q=q,
            status=status if status in ItemStatus.values else "",
            category=number("category"),
            year=number("year", 1949, 2100),
            matter=number("matter"),
        )

    def apply(self, items):
        if self.q:
            # NFKC folds a full-width 〔2026〕 or Ｑ typed on a phone into what was stored
            items = items.filter(
                Q(title__icontains=self.q)
                | Q(index_number__icontains=self.q)
                | Q(document_number__icontains=self.q)
            )
        if self.status:
            items = items.filter(status=self.status)
        if self.category:
            chosen = self.category
            items = items.filter(Q(category_id=chosen) | Q(category__parent_id=chosen))
        if self.year:
            # a published item by its 发布日期, one not yet published by its 形成日期
            items = items.filter(
                Q(published_on__year=self.year)
                | Q(published_on__isnull=True, formed_on__year=self.year)
            )
        if self.matter:
            items = items.filter(matter_id=self.matter)
        return items

    @property
    def active(self) -> bool:
        return bool(self.q or self.status or self.category or self.year or self.matter)


def page_links(number: int, pages: int) -> list[int | None]:
    """The first and last page and two either side of the current one; None for a gap."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    links: list[int | None] = []
    for n in shown:
        if links and n - (links[-1] or 0) > 1:
            links.append(None)
        links.append(n)
    return links


def list_items(agency, params: QueryDict, *, calendar, today) -> dict:
    """The page's context: the filtered rows of one page with their timeliness, the choices
    the filters offer, and the query string the page links keep."""
    from gongkai.standards.transitions import adopted_matters

    filters = ItemFilters.from_query(params)
    listed = filters.apply(Item.objects.filter(agency=agency))
    listed = (
        listed.select_related("category", "matter")
        .defer("body", "search_terms", "personal_data", "review_note")
        .order_by("-updated_at", "-pk")
    )
    paginator = Paginator(listed, PER_PAGE)
    page = paginator.get_page(params.get("page"))
    rows = [(item, item.timeliness(calendar=calendar, today=today)) for item in page]
    kept = params.copy()
    kept.pop("page", None)
    years = sorted(
        {d.year for d in Item.objects.filter(agency=agency).dates("formed_on", "year")}
        | {d.year for d in Item.objects.filter(agency=agency).dates("published_on", "year")},
        reverse=True,
    )
    categories = Category.objects.filter(
        Q(agency=agency) | Q(agency__isnull=True), parent__isnull=False
    ).select_related("parent")
    return {
        "rows": rows,
        "page": page,
        "total": paginator.count,
        "page_links": page_links(page.number, paginator.num_pages),
        "filters": filters,
        "query": kept.urlencode(),
        "statuses": ItemStatus.choices,
        "years": years,
        "categories": categories,
        "matters": adopted_matters(agency),
    }
