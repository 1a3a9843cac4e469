"""The subject tree a visitor filters the catalogue by: 条例第二十条's fifteen items, 第二十一条's
eight for a township, the standard catalogue's 重点领域, and the agency's own subjects —
each subject once (社会救助 is both a 第二十一条 matter and a 重点领域: one entry finds both).

Categories are the same for every visitor and almost never change, so each process reads
them all once and keeps them for TREE_SECONDS (a change shows within that time everywhere,
at once in the process that made it): a listing reads no category row."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_migrate, post_save

from gongkai.catalogue.models import Category, CategorySource

TREE_SECONDS = 300
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass
class Entry:
    pk: int
    name: str
    label: str  # as listed: 第二十条's items with their （一）…（十五）
    ids: set[int] = field(default_factory=set)  # the categories the entry finds
    rank: int = 0  # 第二十条's item number, which orders its entries


@dataclass
class Group:
    name: str
    entries: list[Entry]


def _numbered(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    return "十" + CHINESE_NUMERALS[n - 11]


GROUP_NAMES = {
    CategorySource.ARTICLE_20: "条例第二十条规定的内容",
    CategorySource.ARTICLE_21: "乡镇（条例第二十一条）",
    CategorySource.STANDARD: "重点领域",
}
_cache: tuple[float, Categories] | None = None


@dataclass
class Categories:
    """Every category, read at once: the shared groups, the column's own subjects (指南,
    制度, 年报, which 法定主动公开内容 leaves out), each agency's own rows, and children."""

    groups: dict[str, list[Entry]]
    column: set[int]
    own: dict[int, list[tuple[int, str, int | None]]]  # agency id: (pk, name, parent id)
    children: dict[int, list[int]]


def _load() -> Categories:
    loaded = Categories({source: [] for source in GROUP_NAMES}, set(), {}, {})
    rows = Category.objects.values_list(
        "pk", "name", "source", "parent_id", "article20_item", "agency_id"
    ).order_by("source", "order", "name", "pk")
    for pk, name, source, parent_id, item, agency_id in rows:
        if parent_id is not None:
            loaded.children.setdefault(parent_id, []).append(pk)
        if source == CategorySource.COLUMN:
            loaded.column.add(pk)
        elif agency_id is not None:
            loaded.own.setdefault(agency_id, []).append((pk, name, parent_id))
        elif parent_id is not None and source in loaded.groups:
            label = f"（{_numbered(item)}）{name}" if item else name
            loaded.groups[source].append(Entry(pk, name, label, {pk}, rank=item or 99))
    loaded.groups[CategorySource.ARTICLE_20].sort(key=lambda e: e.rank)
    return loaded


def categories() -> Categories:
    global _cache
    if _cache is None or time.monotonic() - _cache[0] > TREE_SECONDS:
        _cache = (time.monotonic(), _load())
    return _cache[1]


def forget(**kwargs) -> None:
    global _cache
    _cache = None


post_save.connect(forget, sender=Category, dispatch_uid="catalogue-tree-forget-save")
post_delete.connect(forget, sender=Category, dispatch_uid="catalogue-tree-forget-delete")
post_migrate.connect(forget, dispatch_uid="catalogue-tree-forget-migrate")  # also after flush


def column_category_ids() -> set[int]:
    """The column's own subjects (指南, 制度, 年报), left out of 法定主动公开内容."""
    return categories().column


def tree_for(agency) -> list[Group]:
    """The groups offered to `agency`'s visitors, each subject once."""
    from gongkai.core.models import AgencyLevel

    known = categories()
    sources = [CategorySource.ARTICLE_20]
    if agency.level == AgencyLevel.TOWNSHIP:
        sources.append(CategorySource.ARTICLE_21)
    sources.append(CategorySource.STANDARD)
    result, seen = [], {}
    for source in sources:
        entries = []
        for shared_entry in known.groups[source]:
            if shared_entry.name in seen:  # the same subject under another heading
                seen[shared_entry.name].ids.add(shared_entry.pk)
                continue
            entry = Entry(shared_entry.pk, shared_entry.name, shared_entry.label, {shared_entry.pk})
            seen[entry.name] = entry
            entries.append(entry)
        result.append(Group(GROUP_NAMES[source], entries))
    own = known.own.get(agency.pk, [])
    roots = {pk: Group(name, []) for pk, name, parent_id in own if parent_id is None}
    for pk, name, parent_id in own:
        if parent_id in roots:
            roots[parent_id].entries.append(Entry(pk, name, name, {pk}))
    result.extend(group for group in roots.values() if group.entries)
    return result


def category_ids(entry: Entry) -> list[int]:
    """The categories an entry finds: its own and their children."""
    children = categories().children
    return [*entry.ids, *(child for pk in entry.ids for child in children.get(pk, []))]


def find(tree: list[Group], pk: int) -> Entry | None:
    for group in tree:
        for entry in group.entries:
            if entry.pk == pk or pk in entry.ids:
                return entry
    return None
