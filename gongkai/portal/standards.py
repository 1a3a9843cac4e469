"""The agency's 基层政务公开标准目录 as county sites publish it, but live: each row with its
elements and deadline, linked to the items published under it."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.models import Agency
from gongkai.standards.models import Adoption, ModelCatalogue

ITEMS_PER_ROW = 5


def standards(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    adoptions = list(
        Adoption.objects.in_force()
        .filter(agency=agency)
        .select_related("matter")
        .order_by("matter__order", "matter__pk")
    )
    # one reverse for the page instead of one per link: "/item/0/" less its "0/"
    item_url = reverse("portal:item", args=[0])[:-2]
    items = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for pk, title, published_on, matter_id in (
        Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED, matter__isnull=False)
        .order_by("-published_on", "-pk")
        .values_list("pk", "title", "published_on", "matter_id")
        .iterator(chunk_size=2000)
    ):
        counts[matter_id] += 1
        if counts[matter_id] <= ITEMS_PER_ROW:
            items[matter_id].append((f"{item_url}{pk}/", title, published_on))
    domains: dict[str, list] = {}
    for adoption in adoptions:
        matter = adoption.matter
        domains.setdefault(matter.domain, []).append(
            (matter, items.get(matter.pk, []), counts.get(matter.pk, 0))
        )
    # 更新日期: the latest change of a row of this agency or of the model it adopted
    stamps = [
        Adoption.objects.filter(agency=agency).aggregate(at=Max("updated_at"))["at"],
        ModelCatalogue.objects.filter(matters__adoptions__agency=agency).aggregate(
            at=Max("updated_at")
        )["at"],
    ]
    stamps = [s for s in stamps if s is not None]
    updated_on = timezone.localdate(max(stamps)) if stamps else None
    return render(
        request,
        "portal/standards.html",
        {"agency": agency, "domains": domains, "updated": bool(stamps), "updated_on": updated_on},
    )
