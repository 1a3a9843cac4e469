"""One read of the items a reader can see, shared by the checks that look at items one by one.

Issue 25: the 文号, 第二十条, wording, link and 公示期 checks each read all of a county's items on
their own — five passes over the same heap pages (5,700 pages for a county of 17 agencies at
province scale), the county self-check page's heaviest statements. Each is now a rule that is
shown, in turn, the items of one read; the read is streamed in chunks, so a province's nightly
run holds one chunk at a time, never the province.

Issue 27: the read carries no bodies, and brings back only the items a rule may find
something in. Each comes with what its text holds — its wrong wording and its links — as
text_scans.py kept it for the text's digest; only the texts changed (or never scanned, or
scanned by other rules) since are read and scanned. A clean, scanned text stays in the
database: a county site of 72,000 documents costs its index entries, not its pages."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import reduce
from typing import NamedTuple, Protocol

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.inspection import text_scans, wording
from gongkai.inspection.models import TextScan

# 更正 (issue 25): withdrawing an item hides the text but not the fact that it was public:
# inspectors sample a site every quarter (国办 quarterly 抽查), so for this long after the
# withdrawal what it said still counts (the wording check marks it 已撤回 with the date).
STILL_SEEN_DAYS = 92
CHUNK = 2000


class LiveItem(NamedTuple):
    """What the rules read of an item, and nothing else (the row is the one read's width)."""

    pk: int
    agency_id: int
    live: bool  # published and not withdrawn (Item.objects.live())
    title: str
    written_on: date | None
    published_on: date | None
    withdrawn_on: date | None
    document_kind: str
    document_number: str
    notice_from: date | None
    notice_days: int | None
    notice_ended_on: date | None
    wording: list[wording.Match]  # wrong wording in its title and body (text_scans)
    links: list[str]  # the addresses its body links to (text_scans)


class ItemRule(Protocol):
    """A check shown the items of the read it may find something in (`see`, which returns its
    findings on that item: mostly none, so a plain empty tuple rather than a generator per
    item), then asked for what it found over all of them (`end`). `wants`: the items it must
    see, as a condition on Item; a text rule (wording, links) sets `reads_texts` instead and
    sees the items whose text holds something (text_scans.py)."""

    wants: Q | None
    reads_texts: bool

    def see(self, item: LiveItem) -> Iterable: ...

    def end(self) -> Iterable: ...


ITEM_FIELDS = len(LiveItem._fields) - 2  # the row's first columns: LiveItem but its scan
DIGEST, SCANNED, FOUND = ITEM_FIELDS, ITEM_FIELDS + 1, ITEM_FIELDS + 2


def item_urls() -> str:
    """The office page of item 0 without its number: `f"{prefix}{pk}/"` is item pk's page,
    without a reverse() for each of a county's thousand findings."""
    return reverse("office:item", args=[0])[: -len("0/")]


def read(agency_ids, today: date, wants: Q | None = None, texts=True) -> Iterator[LiveItem]:
    """Published items, and those withdrawn in the last STILL_SEEN_DAYS, of these agencies:
    those matching `wants`, and (with `texts`) those whose text holds wrong wording or links
    or has not been scanned as it now reads. The others hold nothing any rule finds, and are
    left in the database (issue 27: a county site of 72,000 documents, each visit)."""
    seen = Q(scanned=False) | Q(text_scan__found__gt="") if texts else None
    if wants is not None:
        seen = wants if seen is None else seen | wants
    if seen is None:
        return
    files = wording.rule_files()
    rules = text_scans.rules_digest(files)
    # the item's text scanned as it now reads, by these rules, for its date (text_scans.py)
    fresh = TextScan.objects.filter(
        item=OuterRef("pk"),
        digest=OuterRef("text_digest"),
        rules=rules,
        dated=Coalesce(OuterRef("written_on"), OuterRef("published_on")),
    )
    rows = (
        Item.objects.filter(
            Q(status=ItemStatus.PUBLISHED)
            | Q(
                status=ItemStatus.WITHDRAWN,
                withdrawn_on__gt=today - timedelta(days=STILL_SEEN_DAYS),
            ),
            agency_id__in=list(agency_ids),
        )
        .annotate(
            is_live=ExpressionWrapper(Q(status=ItemStatus.PUBLISHED), output_field=BooleanField()),
            scanned=Exists(fresh),
        )
        .filter(seen)
        .values_list(
            "pk",
            "agency_id",
            "is_live",
            "title",
            "written_on",
            "published_on",
            "withdrawn_on",
            "document_kind",
            "document_number",
            "notice_from",
            "notice_days",
            "notice_ended_on",
            # after LiveItem's own fields (ITEM_FIELDS): what its text's scan is known by
            "text_digest",
            "scanned",
            "text_scan__found",
        )
    )
    chunk = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _with_scans(chunk, files)
            chunk = []
    yield from _with_scans(chunk, files)


def _with_scans(rows: list[tuple], files: tuple) -> Iterator[LiveItem]:
    """The rows as LiveItems, each with its text's scan: as kept where it was made of this text,
    by these rules and for this date; made now for the others (text_scans.scanned_now)."""
    # 成文日期, else its publication: the date wording.find reads
    stale = [(row[0], row[DIGEST], row[4] or row[5]) for row in rows if not row[SCANNED]]
    fresh = text_scans.scanned_now(stale, files) if stale else {}
    for row in rows:
        scanned = fresh.get(row[0]) or text_scans.decoded(row[FOUND], files)
        yield LiveItem(*row[:ITEM_FIELDS], scanned.wording, scanned.links)


def scan(agencies, today: date, rules: list[ItemRule]) -> Iterator:
    """Every rule's findings over one read of the agencies' items (those any rule wants)."""
    by_pk = {a.pk: a for a in agencies}
    wants = [rule.wants for rule in rules if rule.wants is not None]
    texts = any(rule.reads_texts for rule in rules)
    if wants or texts:
        sees = [rule.see for rule in rules]
        either = reduce(operator.or_, wants) if wants else None
        for item in read(by_pk, today, either, texts):
            for see in sees:
                found = see(item)
                if found:
                    yield from found
    for rule in rules:
        yield from rule.end()
