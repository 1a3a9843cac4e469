"""The 常见问题 search: the catalogue's words (catalogue/search.py — jieba in search mode, so
an item and a query are cut alike), stored in Message.search_terms when an answer is
published.

On PostgreSQL a partial GIN index (migration 0002) holds to_tsvector('simple', …) of those
words plus the agency's own token, so one agency's matches are a word-index intersection
however many messages the province holds, and message_faq (published, newest first) orders
them. SQLite, a county's small site, matches each word between the spaces of search_terms
(a scan of the agency's published answers), as the catalogue's search needs no index
there either."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from gongkai.catalogue.search import agency_token, implied_words, words

MAX_WORDS = 5

# the indexed expression, spelled exactly as migration 0002 creates it (the planner matches
# the index only on the same expression)
VECTOR = "to_tsvector('simple', search_terms || ' gkagency' || agency_id::text)"
WORD_INDEX = (
    f"CREATE INDEX message_faq_words ON interaction_message USING gin ({VECTOR}) "
    "WHERE status = 'answered' AND published_on IS NOT NULL"
)


def terms_of(question: str, answer: str) -> str:
    """The words of a published entry, space-delimited and space-framed (so SQLite can match
    a whole word with LIKE '% word %')."""
    found = words(f"{question} {answer}")
    return f" {' '.join(found)} " if found else ""


def matching(entries, agency, query: str):
    """`entries` (one agency's published answers) narrowed to those holding every word of
    `query`; a query with no word in it narrows nothing."""
    query_words = list(dict.fromkeys(words(query)))[: MAX_WORDS * 2]
    if not query_words:
        return entries
    if connection.vendor == "postgresql":
        implied = implied_words(query_words)
        match = " ".join([*(w for w in query_words if w not in implied), agency_token(agency.pk)])
        condition = RawSQL(
            f"{VECTOR} @@ plainto_tsquery('simple', %s)", [match], output_field=BooleanField()
        )
        return entries.filter(condition)
    for word in query_words:
        entries = entries.filter(search_terms__contains=f" {word} ")
    return entries
