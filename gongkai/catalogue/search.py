"""Chinese full-text search over published items, the same on SQLite and PostgreSQL.

Text is cut into words by jieba (search mode, so long words also yield their parts) and
stored space-separated in Item.search_terms; SQLite indexes those words with FTS5,
PostgreSQL with to_tsvector('simple', …). A query is cut the same way and every word must
match. Results are ranked by relevance, then by publication date."""

from __future__ import annotations

import logging
import re
from functools import cache

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalogue.models import Item, ItemStatus

MAX_RESULTS = 200


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def words(text: str) -> list[str]:
    import unicodedata

    text = unicodedata.normalize("NFKC", text).lower()
    return [w for w in _jieba().cut_for_search(text) if re.search(r"\w", w)]


def terms_of(item: Item) -> str:
    body = re.sub(r"<[^>]+>", " ", item.body)
    return " ".join(
        words(" ".join([item.title, item.document_number, item.keywords, item.summary, body]))
    )


def index_item(item: Item) -> None:
    """(Re)index one item: searchable while published, gone from the index otherwise."""
    terms = terms_of(item) if item.status == ItemStatus.PUBLISHED else ""
    Item.objects.filter(pk=item.pk).update(search_terms=terms)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_item_fts WHERE rowid = %s", [item.pk])
            if terms:
                cursor.execute(
                    "INSERT INTO catalogue_item_fts (rowid, terms) VALUES (%s, %s)",
                    [item.pk, terms],
                )


def reindex_all() -> int:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_item_fts")
    count = 0
    for item in Item.objects.filter(status=ItemStatus.PUBLISHED).iterator():
        index_item(item)
        count += 1
    return count


def search(query: str, *, agency=None) -> list[Item]:
    query_words = words(query)
    if not query_words:
        return []
    if connection.vendor == "sqlite":
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in query_words)
        sql = (
            "SELECT rowid, bm25(catalogue_item_fts) FROM catalogue_item_fts "
            "WHERE catalogue_item_fts MATCH %s ORDER BY bm25(catalogue_item_fts) LIMIT %s"
        )
        params = [match, MAX_RESULTS * 5]
        better_first = 1  # bm25: lower is better
    else:
        sql = (
            "SELECT id, ts_rank(to_tsvector('simple', search_terms), q) FROM catalogue_item, "
            "plainto_tsquery('simple', %s) q WHERE to_tsvector('simple', search_terms) @@ q "
            "AND status = 'published' ORDER BY 2 DESC LIMIT %s"
        )
        params = [" ".join(query_words), MAX_RESULTS * 5]
        better_first = -1
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scores = {pk: score * better_first for pk, score in cursor.fetchall()}
    items = Item.objects.filter(pk__in=scores, status=ItemStatus.PUBLISHED).select_related(
        "agency", "category"
    )
    if agency is not None:
        items = items.filter(agency=agency)
    ranked = sorted(
        items, key=lambda i: (round(scores[i.pk], 6), -i.published_on.toordinal(), -i.pk)
    )
    return ranked[:MAX_RESULTS]


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, with every query word wrapped in <mark>."""
    escaped = escape(text)
    for word in sorted(set(words(query)), key=len, reverse=True):
        escaped = re.sub(
            re.escape(escape(word)),
            lambda m: f"<mark>{m.group()}</mark>",
            escaped,
            flags=re.IGNORECASE,
        )
    return mark_safe(escaped)
