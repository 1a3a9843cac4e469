"""The agency's 基层政务公开标准目录 as county sites publish it, but live: each row with its
elements and deadline, linked to the items published under it."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.standards.models import Adoption, Manner, ModelCatalogue
from gongkai.standards.transitions import adopted_matters

ITEMS_PER_ROW = 5


def standards(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    matters = adopted_matters(agency)
    # one reverse for the page instead of one per link: "/item/0/" less its "0/"
    item_url = reverse("portal:item", args=[0])[:-2]
    items = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for pk, title, published_on, matter_id in (
        # no "matter IS NOT NULL" here: PostgreSQL would AND in that index's 100,000s of rows
        Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
        .order_by("-published_on", "-pk")
        .values_list("pk", "title", "published_on", "matter_id")
    ):
        if matter_id is None:
            continue
        counts[matter_id] += 1
        if counts[matter_id] <= ITEMS_PER_ROW:
            items[matter_id].append((f"{item_url}{pk}/", title, published_on))
    domains: dict[str, list] = {}
    for matter in matters:
        domains.setdefault(matter.domain, []).append(
            (matter, items.get(matter.pk, []), counts.get(matter.pk, 0))
        )
    # 更新日期: the latest change of a row of this agency or of the model it adopted
    stamps = [
        Adoption.objects.filter(agency=agency).aggregate(at=Max("updated_at"))["at"],
        ModelCatalogue.objects.filter(matters__adoptions__agency=agency).aggregate(
            at=Max("updated_at")
        )["at"],
    ]
    stamps = [s for s in stamps if s is not None]
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


def _tables(domains: dict[str, list]) -> SafeString:
    """One table per 领域, written here rather than by template loops: a county's 300 rows
    take the template engine 200 ms and this a few (the page's p95 target is 50 ms).
    Every value is escaped (html.escape: Django's lazy-aware escape costs twice as much)."""
    head = "".join(f'<th scope="col">{name}</th>' for name in HEADER)
    parts = []
    for domain, rows in domains.items():
        parts.append(
            f'<table class="grid" tabindex="0"><caption>{escape(domain)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>"
        )
        for matter, items, count in rows:
            cells = [
                matter.level1, matter.level2, matter.content, matter.basis, matter.limit.label,
                matter.subject, matter.channels, matter.get_audience_display(),
                matter.get_manner_display(), matter.levels_label,
            ]  # fmt: skip
            parts.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "<td>")
            if items:
                parts.append("<ul>")
                for url, title, on in items:
                    parts.append(
                        f'<li><a href="{escape(url)}">{escape(title)}</a> '
                        f'<span class="muted">{chinese_date(on)}</span></li>'
                    )
                parts.append("</ul>")
                if count > len(items):
                    parts.append(f'<span class="muted">共{count}条</span>')
            elif matter.manner == Manner.ON_APPLICATION:
                parts.append("依申请公开")
            else:
                parts.append("暂无")
            parts.append("</td></tr>")
        parts.append("</tbody></table>")
    return mark_safe("".join(parts))
