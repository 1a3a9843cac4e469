"""Wrong wording in published items' titles and bodies: serious errors (19号 单项否决),
common misspellings (扣分) and fixed-phrase punctuation (提示), by the rule's kind."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from gongkai.catalogue.models import Item
from gongkai.core.models import Agency
from gongkai.inspection import wording
from gongkai.inspection.findings import Finding

TAG = re.compile(r"<[^>]+>")


def serious_wording(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    by_pk = {a.pk: a for a in agencies}
    items = (
        Item.objects.live()
        .filter(agency_id__in=by_pk)
        .values_list("pk", "agency_id", "title", "body", "written_on", "published_on")
    )
    for pk, agency_id, title, body, written_on, published_on in items.iterator(chunk_size=2000):
        text = title + "\n" + TAG.sub("", body)
        for match in wording.find(text, dated=written_on or published_on):
            yield Finding(
                match.rule.indicator,
                agency_id,
                by_pk[agency_id].name,
                title,
                f"“{match.rule.wrong}”应为“{match.rule.right}”（{match.rule.kind}；依据：{match.rule.source}）。",
                reverse("office:item", args=[pk]),
                context=match.context,
            )
