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
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM catalogue_item_fts WHERE rowid = %s", [item.pk])
            if terms:
                cursor.execute(
                    "INSERT INTO catalogue_item_fts (rowid, terms, agency_id, published_on) "
                    "VALUES (%s, %s, %s, %s)",
                    [item.pk, terms, item.agency_id, item.published_on.isoformat()],
                )
        else:
            cursor.execute(
                "UPDATE catalogue_item SET search_vector = "
                "CASE WHEN %s <> '' THEN to_tsvector('simple', %s) END WHERE id = %s",
                [terms, terms, item.pk],
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
    """Every query word must match; relevance first, then the newest. The agency filter and
    the order are applied inside the query, so a big platform's other agencies can never
    crowd an agency's own results out of the first page."""
    query_words = words(query)
    if not query_words:
        return []
    where, params = "", []
    if connection.vendor == "sqlite":
        # the FTS table holds only published items, with their agency and date beside them
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in query_words)
        if agency is not None:
            where, params = "AND agency_id = %s", [agency.pk]
        sql = (
            "SELECT rowid FROM catalogue_item_fts WHERE catalogue_item_fts MATCH %s "
            f"{where} ORDER BY round(bm25(catalogue_item_fts), 6), published_on DESC, "
            "rowid DESC LIMIT %s"
        )
        params = [match, *params, MAX_RESULTS]
    else:
        if agency is not None:
            where, params = "AND agency_id = %s", [agency.pk]
        sql = (
            "SELECT id FROM catalogue_item, plainto_tsquery('simple', %s) q "
            f"WHERE search_vector @@ q AND status = 'published' {where} "
            "ORDER BY round(ts_rank(search_vector, q)::numeric, 6) DESC, "
            "published_on DESC, id DESC LIMIT %s"
        )
        params = [" ".join(query_words), *params, MAX_RESULTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        order = [pk for (pk,) in cursor.fetchall()]
    found = Item.objects.select_related("agency", "category").in_bulk(order)
    return [found[pk] for pk in order if pk in found]


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
