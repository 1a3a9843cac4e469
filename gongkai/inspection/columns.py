"""The columns (栏目) of each agency's 政府信息公开 column as a reader meets them, with when
each was last updated — the unit the inspectors count empty and stale columns in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q

from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.models import Agency

LIVE = Q(status=ItemStatus.PUBLISHED)  # as Item.objects.live(), inside an aggregate


@dataclass(frozen=True)
class Column:
    agency_id: int
    category_id: int
    name: str
    source: str
    published: int  # items a reader sees now
    latest: date | None  # newest publication date among them


def columns_of(agencies: list[Agency]) -> dict[int, list[Column]]:
    """Per agency: its own columns (分类 it created), every shared subject it has ever
    filed an item under, and the three sub-columns every 政府信息公开 column must have
    (指南, 制度, 年报; 国办公开办函〔2019〕61号). Two aggregate queries for any number of
    agencies."""
    ids = [a.pk for a in agencies]
    stats: dict[tuple[int, int], tuple[int, date | None]] = {}
    rows = (
        # a column exists for readers once something was published in it (drafts do not open one)
        Item.objects.filter(agency_id__in=ids, published_on__isnull=False)
        .values("agency_id", "category_id")
        .annotate(
            published=Count("pk", filter=LIVE),
            latest=Max("published_on", filter=LIVE),
        )
    )
    for row in rows:
        stats[(row["agency_id"], row["category_id"])] = (row["published"], row["latest"])
    categories = {
        c.pk: c
        for c in Category.objects.filter(
            Q(agency_id__in=ids) | Q(agency=None, parent__isnull=False)
        ).select_related("parent")
    }
    required = [c for c in categories.values() if c.agency_id is None and c.source == "column"]
    # a heading with sub-columns under it is a group, not a column
    groups = {c.parent_id for c in categories.values() if c.parent_id is not None}
    used: dict[int, set[int]] = {agency_id: set() for agency_id in ids}
    for agency_id, cid in stats:
        used[agency_id].add(cid)
    for c in categories.values():
        if c.agency_id is not None:
            used[c.agency_id].add(c.pk)
    result: dict[int, list[Column]] = {a.pk: [] for a in agencies}
    for agency_id in ids:
        wanted = used[agency_id] | {c.pk for c in required}
        for cid in sorted(wanted):
            category = categories.get(cid)
            if category is None or cid in groups:
                continue
            published, latest = stats.get((agency_id, cid), (0, None))
            result[agency_id].append(
                Column(agency_id, cid, category.name, category.source, published, latest)
            )
    return result
