"""The agency's 基层政务公开标准目录 as county sites publish it, but live: each row with its
elements and deadline, linked to the items published under it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from html import escape

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalogue.models import Item
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.standards.models import Adoption, Audience, Manner
from gongkai.standards.transitions import adopted_matters
from gongkai.statute.disclosure_limits import PublicationLimit

ITEMS_PER_ROW = 5
# the matter's columns the page shows, read as tuples: 300 model instances cost the page
# more than its queries do (issue 17's p95 target is 50 ms)
ROW_FIELDS = (
    "pk", "domain", "level1", "level2", "content", "basis", "limit_kind", "limit_days",
    "subject", "channels", "audience", "manner", "county_level", "township_level",
)  # fmt: skip


def _live_of_the_matter(agency):
    """The agency's live items (Item.objects.live(): status PUBLISHED) of the outer row's
    matter, in the range of item_agency_matter_newest: its condition (a publication date,
    which publishing and importing always set) said in the query so the planner uses it."""
    return Item.objects.live().filter(
        agency=agency, matter=OuterRef("pk"), published_on__isnull=False
    )


def _rows_with_newest(matters, agency, item_url: str):
    """PostgreSQL: the rows with, per matter, its ITEMS_PER_ROW newest live items and their
    number, in the one statement that reads the rows. Each is a subquery per matter over
    item_agency_matter_newest: the newest items a probe of the matter's range stopping
    after ITEMS_PER_ROW entries (and their ties), the count an index-only scan of that range
    — index entries (status is included in the index), no item's page. Reading every live
    item of the agency, as before, grew with it: ~350,000 at a county of a 20 M-item
    province (issue 27). Measured there (293 rows, 350,000 items): 6,890 pages and 66 ms
    p50 for the page, the count's index entries most of it; 9,375 pages and 429 ms before."""
    newest = ArraySubquery(
        _live_of_the_matter(agency)
        .order_by("-published_on", "-pk")
        .values(json=JSONObject(pk="pk", title="title", on="published_on"))[:ITEMS_PER_ROW]
    )
    # COUNT(*), not of a column: the index holds no id, and counting one would read the items
    counted = Subquery(
        _live_of_the_matter(agency).order_by().values("matter").annotate(n=Count("*")).values("n")
    )
    rows, items, counts = [], {}, {}
    for *row, newest_items, count in matters.annotate(newest=newest, count=counted).values_list(
        *ROW_FIELDS, "newest", "count"
    ):
        rows.append(row)
        items[row[0]] = [
            (f"{item_url}{i['pk']}/", i["title"], date.fromisoformat(i["on"])) for i in newest_items
        ]
        counts[row[0]] = count or 0
    return rows, items, counts


def _newest_of_every_item(agency, item_url: str):
    """SQLite, the one-machine default (an agency's thousands of items, and no ARRAY
    subquery to bring a row's items with it): every live item of the agency, newest first,
    each matter's first ITEMS_PER_ROW kept and all counted, in one statement of its own."""
    items = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for pk, title, published_on, matter_id in (
        Item.objects.live()
        .filter(agency=agency)
        .order_by("-published_on", "-pk")
        .values_list("pk", "title", "published_on", "matter_id")
    ):
        if matter_id is None:
            continue
        counts[matter_id] += 1
        if counts[matter_id] <= ITEMS_PER_ROW:
            items[matter_id].append((f"{item_url}{pk}/", title, published_on))
    return items, counts


def standards(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    matters = adopted_matters(agency)
    # one reverse for the page instead of one per link: "/item/0/" less its "0/"
    item_url = reverse("portal:item", args=[0])[:-2]
    if connection.vendor == "postgresql":
        rows, items, counts = _rows_with_newest(matters, agency, item_url)
    else:
        rows = matters.values_list(*ROW_FIELDS)
        items, counts = _newest_of_every_item(agency, item_url)
    domains: dict[str, list] = {}
    for row in rows:
        domains.setdefault(row[1], []).append((row, items.get(row[0], []), counts.get(row[0], 0)))
    # 更新日期: the latest change of a row of this agency (hidden ones too) or of the model
    # it adopted — one query for both
    stamps = Adoption.objects.filter(agency=agency).aggregate(
        row=Max("updated_at"), model=Max("matter__catalogue__updated_at")
    )
    stamps = [s for s in stamps.values() if s is not None]
    updated_on = timezone.localdate(max(stamps)) if stamps else None
    return render(
        request,
        "portal/standards.html",
        {
            "agency": agency,
            "tables": _tables(domains),
            "updated": bool(stamps),
            "updated_on": updated_on,
        },
    )


HEADER = (
    "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
    "公开渠道和载体", "公开对象", "公开方式", "公开层级", "已公开信息",
)  # fmt: skip


AUDIENCES = {value: escape(str(label)) for value, label in Audience.choices}
MANNERS = {value: escape(str(label)) for value, label in Manner.choices}


def _limit_cell(kind: str, days: int | None, seen: dict) -> str:
    """公开时限's label, worked out once per distinct limit of the page."""
    if (kind, days) not in seen:
        seen[kind, days] = escape(PublicationLimit.of(kind, days).label)
    return seen[kind, days]


def _tables(domains: dict[str, list]) -> SafeString:
    """One table per 领域, written here rather than by template loops: a county's 300 rows
    take the template engine 200 ms and this a few (the page's p95 target is 50 ms).
    Every value is escaped (html.escape: Django's lazy-aware escape costs twice as much);
    labels from choices and limits once each, dates once per distinct day."""
    head = "".join(f'<th scope="col">{name}</th>' for name in HEADER)
    limits: dict = {}
    days: dict = {}
    parts = []
    for domain, rows in domains.items():
        parts.append(
            f'<table class="grid" tabindex="0"><caption>{escape(domain)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>"
        )
        for row, items, count in rows:
            (_, _, level1, level2, content, basis, kind, limit_days, subject, channels,
             audience, manner, county, township) = row  # fmt: skip
            levels = "、".join(
                label for flag, label in ((county, "县级"), (township, "乡级")) if flag
            )
            parts.append(
                f"<tr><td>{escape(level1)}</td><td>{escape(level2)}</td>"
                f"<td>{escape(content)}</td><td>{escape(basis)}</td>"
                f"<td>{_limit_cell(kind, limit_days, limits)}</td><td>{escape(subject)}</td>"
                f"<td>{escape(channels)}</td><td>{AUDIENCES.get(audience, escape(audience))}</td>"
                f"<td>{MANNERS.get(manner, escape(manner))}</td><td>{levels}</td><td>"
            )
            if items:
                parts.append("<ul>")
                for url, title, on in items:
                    if on not in days:
                        days[on] = chinese_date(on)
                    parts.append(
                        f'<li><a href="{url}">{escape(title)}</a> '
                        f'<span class="muted">{days[on]}</span></li>'
                    )
                parts.append("</ul>")
                if count > len(items):
                    parts.append(f'<span class="muted">共{count}条</span>')
            elif manner == Manner.ON_APPLICATION:
                parts.append("依申请公开")
            else:
                parts.append("暂无")
            parts.append("</td></tr>")
        parts.append("</tbody></table>")
    return mark_safe("".join(parts))
