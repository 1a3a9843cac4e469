"""The 常见问题 search: the catalogue's words (catalogue/search.py — jieba in search mode, so
an entry and a query are cut alike), stored in Message.search_terms when an answer is
published; every word of the query must match; newest first.

PostgreSQL: as the catalogue's search table (catalogue migration 0010), a narrow table of
its own (FaqWords) holds each published answer's tsvector with the agency's token under a GIN
index, so one agency's matches are a word-index intersection, counted and ordered by date
within a few hundred narrow pages — the wide message rows of a busy county lie spread over
thousands (bench/interaction.py: 180 ms for a count through them). Only the page's twenty
messages are then read. SQLite, a county's small site, matches each word between the spaces
of search_terms, as the catalogue's search needs no narrow table there either."""

from __future__ import annotations

from django.db import connection

from gongkai.catalogue.search import agency_token, implied_words, words
from gongkai.interaction.models import Message, Status

MAX_WORDS = 10


def terms_of(question: str, answer: str) -> str:
    """The words of a published entry, space-delimited and space-framed (so SQLite can match
    a whole word with LIKE '% word %')."""
    found = words(f"{question} {answer}")
    return f" {' '.join(found)} " if found else ""


def index_message(message: Message) -> None:
    """(Re)index one message on PostgreSQL: in the word table while its answer is published,
    gone from it otherwise. Called by every transition that publishes, withdraws or rewrites
    a published answer, inside its transaction."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM interaction_faq_words WHERE message_id = %s", [message.pk])
        if message.status == Status.ANSWERED and message.published_on and message.search_terms:
            cursor.execute(
                "INSERT INTO interaction_faq_words (message_id, agency_id, published_on, vector)"
                " VALUES (%s, %s, %s, to_tsvector('simple', %s))",
                [
                    message.pk,
                    message.agency_id,
                    message.published_on,
                    f"{message.search_terms} {agency_token(message.agency_id)}",
                ],
            )


class Matches:
    """One agency's published answers on PostgreSQL, all of them or those matching a query,
    for the Paginator: the count and the page's ids from the word table alone, then the page's
    messages. The ids walk the agency's date index newest first (a common word's first page
    is its first twenty rows; a deep page skips index entries, not rows) unless the words are
    rare, when the planner intersects the word index instead."""

    def __init__(self, entries, agency_id: int, match: str = ""):
        self.entries = entries  # the agency's published answers, with the fields the list needs
        self.agency_id = agency_id
        self.match = match  # the words and the agency's token; "" for every entry

    def _where(self, *, by_agency: bool) -> tuple[str, list]:
        if not self.match:
            return "WHERE agency_id = %s", [self.agency_id]
        words = "vector @@ plainto_tsquery('simple', %s)"
        if by_agency:
            return f"WHERE agency_id = %s AND {words}", [self.agency_id, self.match]
        return f"WHERE {words}", [self.match]  # the token alone picks the agency's rows

    def count_sql(self) -> tuple[str, list]:
        where, values = self._where(by_agency=False)
        return f"SELECT count(*) FROM interaction_faq_words {where}", values

    def ids_sql(self, start: int, stop: int) -> tuple[str, list]:
        where, values = self._where(by_agency=True)
        return (
            f"SELECT message_id FROM interaction_faq_words {where}"
            " ORDER BY published_on DESC, message_id DESC LIMIT %s OFFSET %s",
            [*values, stop - start, start],
        )

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql())
            return cursor.fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, key: slice) -> list[Message]:
        with connection.cursor() as cursor:
            cursor.execute(*self.ids_sql(key.start or 0, key.stop))
            ids = [pk for (pk,) in cursor.fetchall()]
        found = self.entries.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def matching(entries, agency, query: str):
    """`entries` (one agency's published answers, newest first) narrowed to those holding
    every word of `query`; a query with no word in it narrows nothing."""
    query_words = list(dict.fromkeys(words(query)))[:MAX_WORDS]
    if connection.vendor == "postgresql":
        if not query_words:
            return Matches(entries, agency.pk)
        implied = implied_words(query_words)
        kept = [w for w in query_words if w not in implied]
        return Matches(entries, agency.pk, " ".join([*kept, agency_token(agency.pk)]))
    for word in query_words:
        entries = entries.filter(search_terms__contains=f" {word} ")
    return entries
