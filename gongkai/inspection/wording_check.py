"""Wrong wording in published items' titles and bodies: serious errors (19号 单项否决),
common misspellings (扣分) and fixed-phrase punctuation (提示), by the rule's kind."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.inspection import wording
from gongkai.inspection.findings import Finding

TAG = re.compile(r"<[^>]+>")

# The scan's findings per text (issue 25: the county page scans every item of every agency
# under it on each visit, and an item's text changes rarely): keyed by a digest of the title
# and body as stored, the date the renamed-body rules read and the rule files, so an edited
# text, another date or another rule list is scanned afresh. Bounded: emptied when full.
MAX_REMEMBERED = 200_000
_scanned: dict[tuple, list[wording.Match]] = {}


def _matches(title: str, body: str, dated, files) -> list[wording.Match]:
    digest = hashlib.blake2b(f"{title}\0{body}".encode(), digest_size=16).digest()
    key = (digest, dated, files)
    found = _scanned.get(key)
    if found is None:
        if len(_scanned) >= MAX_REMEMBERED:
            _scanned.clear()
        found = _scanned[key] = wording.find(
            title + "\n" + TAG.sub("", body), dated=dated, files=files
        )
    return found


# 更正 (issue 25): a finding on an item goes when a correction that fixes its text is
# published — the portal then shows the corrected text with its 更正说明, the remedy 19号's
# 内容准确 asks for. Withdrawing the item hides the text but not the fact that it was public:
# inspectors sample a site every quarter (国办 quarterly 抽查), so for this long after the
# withdrawal the finding stays, marked 已撤回 with the date, and still counts.
STILL_SEEN_DAYS = 92


def serious_wording(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    by_pk = {a.pk: a for a in agencies}
    items = Item.objects.filter(
        Q(status=ItemStatus.PUBLISHED)
        | Q(
            status=ItemStatus.WITHDRAWN,
            withdrawn_on__gt=today - timedelta(days=STILL_SEEN_DAYS),
        ),
        agency_id__in=by_pk,
    ).values_list("pk", "agency_id", "title", "body", "written_on", "published_on", "withdrawn_on")
    files = wording.rule_files()
    for pk, agency_id, title, body, written_on, published_on, withdrawn_on in items.iterator(
        chunk_size=2000
    ):
        for match in _matches(title, body, written_on or published_on, files):
            detail = (
                f"“{match.rule.wrong}”应为“{match.rule.right}”"
                f"（{match.rule.kind}；依据：{match.rule.source}）。"
            )
            url = reverse("office:item", args=[pk])
            if withdrawn_on is None:
                # fixed by publishing a correction: the link opens the item's 更正 step
                url += "?step=correct#correct"
            else:
                last = withdrawn_on + timedelta(days=STILL_SEEN_DAYS - 1)
                detail += (
                    f"该信息已于{chinese_date(withdrawn_on)}撤回，撤回前已公开，检查人员抽查时"
                    f"可能已看到，{chinese_date(last)}前仍计入（撤回不等于更正）。"
                )
            yield Finding(
                match.rule.indicator,
                agency_id,
                by_pk[agency_id].name,
                title,
                detail,
                url,
                context=match.context,
            )
