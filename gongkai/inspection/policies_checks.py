"""The self-check's look at policy documents (国办秘函〔2019〕19号 信息发布·解读回应): a
registered, 现行有效 行政规范性文件 published without any published 解读 is marked down.

Only documents in the register are looked at: the register says which items are 规范性文件
in force (有效期, 修订, 废止); items merely marked as such in an older catalogue are left to
the agency's registration (the office page of such an item asks for it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from gongkai.catalogue.models import DocumentKind, Item, ItemStatus, Validity
from gongkai.policies.models import Lapse


def missing_interpretations(agencies, today: date, calendar) -> Iterator:
    from gongkai.inspection.findings import Finding

    by_pk = {a.pk: a for a in agencies}
    documents = (
        Item.objects.live()
        .filter(
            agency_id__in=by_pk,
            validity=Validity.VALID,
            document_kind=DocumentKind.NORMATIVE,
        )
        .filter(normative__isnull=False)
        .exclude(interpreted_by__interpretation__status=ItemStatus.PUBLISHED)
        .exclude(normative__lapse__in=[Lapse.AMENDED, Lapse.REPEALED])
        .exclude(normative__valid_until__lt=today)
        .values_list("pk", "agency_id", "title")
    )
    for pk, agency_id, title in documents:  # each a finding: no server-side cursor
        yield Finding(
            "missing_interpretation",
            agency_id,
            by_pk[agency_id].name,
            title,
            f"“{title}”是现行有效的行政规范性文件，尚无已公开的解读（文字解读、图解、音视频或问答）。",
            reverse("office:item", args=[pk]),
        )
