"""Each item's text scanned once, not on every visit of a self-check page.

The wording check must read every word an agency has published, and the link check every
link in it: read on each visit, that was a county's every text — 7.6 s for a county site of
72,000 documents of real text on a worker's first visit, about 1.6 s on each later one (bench/
selfcheck_text.py, issue 27). What a text holds — its wrong wording (wording.find) and its
links (links.links_in_body) — is now kept in TextScan, keyed by the text's digest (the
database's own column, Item.text_digest), the digest of the wording rules and of this
module's SCAN_VERSION, and the document date the renamed-body rules read. A self-check reads
the items with their stored scans; only the texts whose key no longer matches are read and
scanned again, and their scans stored."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import NamedTuple

from gongkai.inspection import wording

# Bump when wording.find or links.links_in_body change what they find: every stored scan is
# then scanned again at its next check.
SCAN_VERSION = "1"
TAG = re.compile(r"<[^>]+>")
BODIES_PER_READ = 500


class Scanned(NamedTuple):
    wording: list[wording.Match]
    links: list[str]


NOTHING = Scanned([], [])


@cache
def rules_digest(files: tuple) -> str:
    """The digest of SCAN_VERSION and the rule files' text, as wording._compiled read them (once
    a process: a province that edits its own rule file restarts the site, as for settings)."""
    digest = hashlib.md5(SCAN_VERSION.encode(), usedforsecurity=False)
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def scan(title: str, body: str, dated: date | None, files: tuple) -> Scanned:
    from gongkai.inspection.links import links_in_body

    return Scanned(
        wording.find(title + "\n" + TAG.sub("", body), dated=dated, files=files),
        links_in_body(body),
    )


def encoded(scanned: Scanned) -> str:
    if not scanned.wording and not scanned.links:
        return ""
    wrong = [[m.rule.wrong, m.start, m.context] for m in scanned.wording]
    return json.dumps({"wording": wrong, "links": scanned.links}, ensure_ascii=False)


def decoded(found: str | None, files: tuple) -> Scanned:
    if not found:  # nothing found, or never scanned (then it is scanned now: live_items)
        return NOTHING
    data = json.loads(found)
    rules = wording.rules_by_wrong(files)
    # a rule gone from the files leaves no match (its scan is stale and read again, unless the
    # item went away between the two reads)
    return Scanned(
        [
            wording.Match(rules[wrong], start, context)
            for wrong, start, context in data["wording"]
            if wrong in rules
        ],
        data["links"],
    )


def scanned_now(items: Iterable[tuple[int, str, date | None]], files: tuple) -> dict[int, Scanned]:
    """Scan the texts of `items` (pk, text digest, document date) now, read in batches, and
    keep each scan for the digest the text had when it was read."""
    from gongkai.catalogue.models import Item
    from gongkai.inspection.models import TextScan

    wanted = {pk: dated for pk, _digest, dated in items}
    rules = rules_digest(files)
    result: dict[int, Scanned] = {}
    pks = sorted(wanted)  # one order for every writer: two processes never wait on each other
    for start in range(0, len(pks), BODIES_PER_READ):
        kept = []
        batch = pks[start : start + BODIES_PER_READ]
        rows = Item.objects.filter(pk__in=batch).values_list("pk", "title", "body", "text_digest")
        for pk, title, body, digest in rows.order_by("pk"):
            dated = wanted[pk]
            result[pk] = found = scan(title, body, dated, files)
            kept.append(
                TextScan(item_id=pk, digest=digest, rules=rules, dated=dated, found=encoded(found))
            )
        TextScan.objects.bulk_create(
            kept,
            update_conflicts=True,
            unique_fields=["item"],
            update_fields=["digest", "rules", "dated", "found"],
        )
    return result
