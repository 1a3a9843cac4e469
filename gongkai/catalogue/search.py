"""Chinese full-text search over published items, the same on SQLite and PostgreSQL.

Text is cut into words by jieba (search mode, so long words also yield their parts) and
stored space-separated in Item.search_terms; SQLite indexes those words with FTS5,
PostgreSQL with to_tsvector('simple', …). A query is cut the same way and every word must
match. Results come newest first (NEWEST, the portal's default) or, among the newest POOL
matches, by relevance, then publication date (RELEVANCE); an item whose 索引号 or 文号 is
the whole query comes first either way."""

from __future__ import annotations

import hashlib
import logging
import re
from contextlib import contextmanager
from datetime import date
from functools import cache, lru_cache

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalogue.models import Item, ItemStatus

MAX_RESULTS = 200
NEWEST, RELEVANCE = "newest", "relevance"
# A query is ranked among its newest POOL matches only: ranking reads each ranked match's
# whole word vector (about 2.5 KB, most stored out of line in TOAST), and reading them all
# takes longer than a visitor waits. At 6,000,000 items a word in 13,968 of them (河县)
# ranked among its newest 5,000 read 29,586 pages, 15,000 of them for the vectors, its SQL
# alone 104 ms p50; among its newest 1,000, 16,763 pages and about 20 ms, near the cost of
# finding its matches at all (13,713 pages: one heap page each, 16 ms). A word in 81 % of the
# items walks its newest rows, each vector read to match it: 34,778 pages for 5,000, 7,078
# for 1,000 (bench/RESULTS.md, branch relevance). The 200 listed are a fifth of those ranked.
POOL = 1000
# the orders as the search page states them to its visitors: relevance says it ranks only
# the newest POOL matches, since an older match, however relevant, is not among them
ORDER_RULES = {
    NEWEST: "按发布日期从新到旧排列",
    RELEVANCE: f"在最新的{POOL}条结果中按关键词出现的次数和位置排列，相关程度相同的较新的在前",
}


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


EPOCH = date(1970, 1, 1)


def fts_key(item: Item) -> int:
    """SQLite's FTS row key: publication day in the high bits, item id in the low 32, so
    the index itself walks newest first and no item row is read to order or cut."""
    return ((item.published_on - EPOCH).days << 32) | item.pk


def agency_token(agency_id: int) -> str:
    """A word only the agency's items carry, so the FTS index filters by agency itself."""
    return f"gkagency{agency_id}"


def index_item(item: Item) -> None:
    """(Re)index one item: searchable while published, gone from the index otherwise."""
    terms = terms_of(item) if item.status == ItemStatus.PUBLISHED else ""
    Item.objects.filter(pk=item.pk).update(search_terms=terms)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if item.published_on is None:
                return
            cursor.execute("DELETE FROM catalogue_item_fts WHERE rowid = %s", [fts_key(item)])
            if terms:
                cursor.execute(
                    "INSERT INTO catalogue_item_fts (rowid, terms) VALUES (%s, %s)",
                    [fts_key(item), f"{terms} {agency_token(item.agency_id)}"],
                )
        else:
            cursor.execute("DELETE FROM catalogue_item_search WHERE item_id = %s", [item.pk])
            if terms:
                cursor.execute(
                    "INSERT INTO catalogue_item_search (item_id, agency_id, published_on, "
                    "vector) VALUES (%s, %s, %s, to_tsvector('simple', %s))",
                    [
                        item.pk,
                        item.agency_id,
                        item.published_on,
                        f"{terms} {agency_token(item.agency_id)}",
                    ],
                )


def reindex_all() -> int:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_item_fts")
    count = 0
    for item in Item.objects.live().iterator():
        index_item(item)
        count += 1
    return count


def index_id_range(first: int, last: int) -> None:
    """Index the published items with ids in [first, last] in one statement — for rows
    written in bulk (their search_terms already filled), which index_item would take one by
    one."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO catalogue_item_fts (rowid, terms) "
                "SELECT (CAST(julianday(published_on) - 2440587.5 AS INTEGER) << 32) | id, "
                "search_terms || ' gkagency' || agency_id FROM catalogue_item "
                "WHERE id BETWEEN %s AND %s AND status = 'published'",
                [first, last],
            )
        else:
            cursor.execute(
                "INSERT INTO catalogue_item_search (item_id, agency_id, published_on, vector) "
                "SELECT id, agency_id, published_on, "
                "to_tsvector('simple', search_terms || ' gkagency' || agency_id) "
                "FROM catalogue_item WHERE id BETWEEN %s AND %s AND status = 'published'",
                [first, last],
            )


def index_ids(pks: list[int]) -> None:
    """(Re)index the items with these ids from their stored search_terms, in two statements
    — for rows written in bulk whose ids are not one range (a site migration updates some
    and adds others)."""
    if not pks:
        return
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            keys = Item.objects.filter(pk__in=pks, published_on__isnull=False).values_list(
                "pk", "published_on"
            )
            rowids = [((day - EPOCH).days << 32) | pk for pk, day in keys]
            if rowids:
                keys = ", ".join(["%s"] * len(rowids))
                cursor.execute(f"DELETE FROM catalogue_item_fts WHERE rowid IN ({keys})", rowids)
            cursor.execute(
                "INSERT INTO catalogue_item_fts (rowid, terms) "
                "SELECT (CAST(julianday(published_on) - 2440587.5 AS INTEGER) << 32) | id, "
                "search_terms || ' gkagency' || agency_id FROM catalogue_item "
                f"WHERE id IN ({marks}) AND status = 'published' AND search_terms != ''",
                pks,
            )
        else:
            cursor.execute(f"DELETE FROM catalogue_item_search WHERE item_id IN ({marks})", pks)
            cursor.execute(
                "INSERT INTO catalogue_item_search (item_id, agency_id, published_on, vector) "
                "SELECT id, agency_id, published_on, "
                "to_tsvector('simple', search_terms || ' gkagency' || agency_id) "
                f"FROM catalogue_item WHERE id IN ({marks}) AND status = 'published' "
                "AND search_terms != ''",
                pks,
            )


def _sqlite_ids(query_words: list[str], agency, order: str = RELEVANCE) -> list[int]:
    phrases = ['"' + w.replace('"', '""') + '"' for w in query_words]
    if agency is not None:
        phrases.append(f'"{agency_token(agency.pk)}"')
    match = " AND ".join(phrases)
    with connection.cursor() as cursor:
        if order == NEWEST:  # the row key is the publication day: the index walks newest first
            cursor.execute(
                "SELECT rowid FROM catalogue_item_fts WHERE catalogue_item_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s",
                [match, MAX_RESULTS],
            )
            return [key & 0xFFFFFFFF for (key,) in cursor.fetchall()]
        cursor.execute(
            "SELECT rowid FROM catalogue_item_fts WHERE catalogue_item_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
            [match, POOL - 1],
        )
        floor = cursor.fetchone()
        cursor.execute(
            "SELECT rowid FROM catalogue_item_fts WHERE catalogue_item_fts MATCH %s "
            "AND rowid >= %s ORDER BY round(bm25(catalogue_item_fts), 6), rowid DESC LIMIT %s",
            [match, floor[0] if floor else 0, MAX_RESULTS],
        )
        return [key & 0xFFFFFFFF for (key,) in cursor.fetchall()]


def implied_words(query_words: list[str]) -> set[str]:
    """Query words every matching item has anyway: jieba's search mode gives a word of more
    than two characters its dictionary 2-grams (and, beyond three, 3-grams) wherever it
    appears, in items and queries alike — so an item holding 危房改造 holds 危房, 房改 and 改造.
    Leaving those out of the match finds the same items without reading their postings."""
    freq = _jieba().dt.FREQ
    return {
        word
        for word in query_words
        if len(word) in (2, 3)
        and freq.get(word)
        and any(len(other) > len(word) and word in other for other in query_words)
    }


SAMPLE = 2000  # the newest rows the probe looks at


def walks_by_date(share: float, wanted: int, rows: int) -> bool:
    """Whether walking the date index newest first finds the `wanted` newest matches reading
    fewer rows than the word index reads matches, for a query matched by `share` of the
    newest rows in a table of `rows`: the walk reads about wanted ÷ share rows, the word
    index about share × rows, so the walk wins once share² × rows > wanted. A fixed 5,000
    matches misjudged a word in 9,312 of 4,000,000 items as broad: the walk read 89,231 rows
    (445 ms) where the word index read 9,131 pages (23 ms), and ranked by relevance, with
    5,000 matches wanted, 31 s (bench/RESULTS.md, branch scale4m)."""
    return share * share * rows > wanted


def _walks_by_date(cursor, text: str, wanted: int) -> bool:
    """walks_by_date for `text`, its share measured among the SAMPLE newest rows (the rows the
    walk would read first; through the date index, so the probe costs the same for any word —
    counting a common word's matches up to the threshold took 0.3–1.1 s at 4,000,000 items),
    remembered for an hour: the answer only picks the faster of two plans that find the same
    items."""
    from django.core.cache import cache

    key = f"search-walk:{wanted}:" + hashlib.sha1(text.encode()).hexdigest()
    walks = cache.get(key)
    if walks is None:
        # the planner's own count of the table's rows (as of its last ANALYZE): no scan
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'catalogue_item_search'::regclass"
        )
        rows = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT count(*) FILTER (WHERE vector @@ plainto_tsquery('simple', %s)), count(*) "
            "FROM (SELECT vector FROM catalogue_item_search "
            "ORDER BY published_on DESC, item_id DESC LIMIT %s) newest",
            [text, SAMPLE],
        )
        found, seen = cursor.fetchone()
        walks = bool(seen) and walks_by_date(found / seen, wanted, max(rows, seen))
        cache.set(key, walks, 3600)
    return walks


@contextmanager
def _planner_settings(cursor):
    """`put(name, value)` sets a planner setting for this search's statements alone. SET LOCAL
    lasts to the end of the whole transaction, not of the atomic block: a search made inside
    a caller's transaction would leave index scans off for every statement after it, so each
    setting is put back to its default when the search is done."""
    changed: list[str] = []

    def put(name: str, value: str) -> None:
        cursor.execute(f"SET LOCAL {name} = {value}")
        changed.append(name)

    try:
        yield put
    finally:
        for name in changed:
            cursor.execute(f"SET LOCAL {name} TO DEFAULT")


def _postgres_ids(query_words: list[str], agency, order: str = RELEVANCE) -> list[int]:
    """Within one agency the word index alone finds the matches (the agency's token is one
    more word to intersect), however many. Across the platform a probe of the newest rows
    says whether the query is broad enough that walking the date index newest first reads
    fewer rows than its matches (walks_by_date); a broad one walks until it has its
    matches (rows are appended as items are published, so the search table lies in date
    order). The planner's guess for correlated words (危房, 改造,
    危房改造) is too far off to leave that choice to it."""
    from django.db import transaction

    if agency is not None:
        query_words = [*query_words, agency_token(agency.pk)]
    text = " ".join(query_words)  # ranked by every word
    implied = implied_words(query_words)
    match = " ".join(w for w in query_words if w not in implied)  # matched by the rest
    matches = "FROM catalogue_item_search WHERE vector @@ plainto_tsquery('simple', %s)"
    with transaction.atomic(), connection.cursor() as cursor, _planner_settings(cursor) as put:
        # the newest POOL matches are sorted with their vectors: in memory, not on disk
        put("work_mem", "'32MB'")
        wanted = MAX_RESULTS if order == NEWEST else POOL
        if agency is None and _walks_by_date(cursor, match, wanted):  # newest first
            for setting in ("enable_bitmapscan", "enable_seqscan"):
                put(setting, "off")
            put("max_parallel_workers_per_gather", "0")
        elif agency is None:
            # too few matches for the walk: the word index finds them all and they are sorted
            # in memory. Left free, the planner guesses a rare word's matches too high and walks
            # the date index instead, reading every row newer than the oldest match found —
            # 83,000 rows, 1.8 s, for a word in 1,159 of 500,000 items (bench/RESULTS.md,
            # province scale); that walk grows with the table, this sort does not
            for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_seqscan"):
                put(setting, "off")
        if order == NEWEST:
            cursor.execute(
                f"SELECT item_id {matches} ORDER BY published_on DESC, item_id DESC LIMIT %s",
                [match, MAX_RESULTS],
            )
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(
            f"SELECT item_id FROM (SELECT item_id, published_on, vector {matches}"
            " ORDER BY published_on DESC, item_id DESC LIMIT %s) pool"
            " ORDER BY round(ts_rank(vector, plainto_tsquery('simple', %s))::numeric, 6) DESC,"
            " published_on DESC, item_id DESC LIMIT %s",
            [match, POOL, text, MAX_RESULTS],
        )
        return [pk for (pk,) in cursor.fetchall()]


def by_index_number(query: str, agency=None) -> Item | None:
    """The published item whose 索引号 is the whole query, as copied from its page (the
    index number is not among the searchable words: jieba would cut it into digits)."""
    import unicodedata

    number = re.sub(r"\s", "", unicodedata.normalize("NFKC", query))
    number = re.sub(r"^索引号:?", "", number)  # copied with its label
    if not number or len(number) > 40 or not re.search(r"\d", number):
        return None
    found = Item.objects.live().filter(index_number__in={number, number.upper()})
    if agency is not None:
        found = found.filter(agency=agency)
    return found.select_related("agency", "category").first()


DOCUMENT_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（]\d{4}[〕\]］)）]\d{1,5}号$")


def by_document_number(query: str, agency=None) -> list[Item]:
    """The published items whose 文号 is the whole query (文号 are cut by jieba into a series
    word, a year and a serial that many other documents share, so ranking alone does not put
    the document itself first)."""
    number = re.sub(r"\s", "", query)
    if not DOCUMENT_NUMBER.match(number):
        return []
    found = Item.objects.filter(document_number=number, status=ItemStatus.PUBLISHED)
    if agency is not None:
        found = found.filter(agency=agency)
    return list(found.order_by("-published_on", "-pk")[:10])


def search(query: str, *, agency=None, order: str = RELEVANCE) -> list[Item]:
    """Every query word must match; the newest POOL matches by relevance then the newest
    (RELEVANCE), or newest first (NEWEST). The agency filter and the order are applied inside
    the query, so a big platform's other agencies can never crowd an agency's own results out
    of the first page. An item whose 索引号 is the query comes first."""
    exact = by_index_number(query, agency)
    query_words = words(query)
    if not query_words:
        return [exact] if exact else []
    if connection.vendor == "sqlite":
        ids = _sqlite_ids(query_words, agency, order)
    else:
        ids = _postgres_ids(query_words, agency, order)
    first = [item.pk for item in by_document_number(query, agency)]
    if exact is not None:
        first = [exact.pk, *first]
    if first:
        ids = [*dict.fromkeys(first), *(pk for pk in ids if pk not in first)][:MAX_RESULTS]
    # the results list shows title, 文号, agency and date: the long texts stay unread
    found = (
        Item.objects.select_related("agency", "category")
        .defer("body", "summary", "search_terms", "personal_data", "review_note")
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


@lru_cache(maxsize=64)
def _marked_words(query: str) -> tuple[re.Pattern, ...]:
    """The query's words, longest first, as patterns over escaped text: cut once per query,
    not once per result — jieba cut a word outside its dictionary (河县) for each of the 200
    titles listed, about 3 ms of a search page at 6,000,000 items (branch relevance)."""
    return tuple(
        re.compile(re.escape(escape(word)), flags=re.IGNORECASE)
        for word in sorted(set(words(query)), key=len, reverse=True)
    )


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, with every query word wrapped in <mark>."""
    escaped = escape(text)
    for pattern in _marked_words(query):
        escaped = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", escaped)
    return mark_safe(escaped)
