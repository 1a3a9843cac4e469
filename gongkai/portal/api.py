"""The read-only JSON API for county platforms and researchers harvesting the catalogue.
OpenAPI schema at /api/openapi.json. Only published (or withdrawn) items are visible."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema

from gongkai.catalogue.history import correction_views, last_corrected
from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.models import Agency

api = NinjaAPI(
    title="gongkai 政府信息公开目录 API", version="1", docs_url=None, urls_namespace="api"
)
PAGE = 100


class AgencyOut(Schema):
    name: str
    index_prefix: str
    level: str
    parent: str | None


class CategoryOut(Schema):
    id: int
    name: str
    parent_id: int | None
    source: str
    article20_item: int | None


class ItemOut(Schema):
    id: int
    index_number: str | None
    title: str
    category: str
    publisher: str
    document_number: str
    keywords: str
    written_on: date | None
    published_on: date | None
    validity: str
    document_kind: str
    withdrawn_on: date | None
    # 更正 (issue 25): the day of the latest published correction, null if never corrected;
    # the 索引号 and the first published_on stay as they were
    corrected: date | None


class CorrectionOut(Schema):
    number: int  # 第几次更正
    corrected_on: date
    note: str  # 更正说明; empty once the item is withdrawn (its text was taken down)
    fields: list[str]  # what changed (名称, 正文, …) — never the earlier text


class AttachmentOut(Schema):
    name: str
    size: int
    url: str


class ItemDetailOut(ItemOut):
    summary: str
    body: str  # sanitised HTML; empty once the item is withdrawn
    attachments: list[AttachmentOut]
    corrections: list[CorrectionOut]


class ItemPage(Schema):
    items: list[ItemOut]
    next: str | None  # pass as `before` for the next page


def _item(item: Item, corrected: dict[int, date]) -> dict:
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "category": item.category.name,
        "publisher": item.agency.name,
        "document_number": item.document_number,
        "keywords": item.keywords,
        "written_on": item.written_on,
        "published_on": item.published_on,
        "validity": item.get_validity_display(),
        "document_kind": item.get_document_kind_display(),
        "withdrawn_on": item.withdrawn_on,
        "corrected": corrected.get(item.pk),
    }


@api.get("/agencies", response=list[AgencyOut])
def agencies(request):
    return [
        {
            "name": a.name,
            "index_prefix": a.index_prefix,
            "level": a.get_level_display(),
            "parent": a.parent.index_prefix if a.parent else None,
        }
        for a in Agency.objects.select_related("parent")
    ]


@api.get("/categories", response=list[CategoryOut])
def categories(request):
    return list(Category.objects.filter(agency__isnull=True))


@api.get("/agencies/{prefix}/items", response=ItemPage)
def agency_items(request, prefix: str, before: str = ""):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    items = (
        Item.objects.listed()
        .filter(agency=agency)
        .select_related("category", "agency")
        .order_by("-published_on", "-pk")
    )
    if before:
        day, _, pk = before.partition("_")
        try:
            cursor = date.fromisoformat(day)
            items = items.filter(  # the redundant bound starts PostgreSQL's scan at the cursor
                Q(published_on__lt=cursor) | Q(published_on=cursor, pk__lt=int(pk)),
                published_on__lte=cursor,
            )
        except ValueError:
            return api.create_response(
                request, {"detail": "before 参数格式应为 2024-12-05_123"}, status=400
            )
    page = list(items[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    corrected = last_corrected(i.pk for i in page)
    return {
        "items": [_item(i, corrected) for i in page],
        "next": f"{page[-1].published_on}_{page[-1].pk}" if more else None,
    }


@api.get("/items/{item_id}", response=ItemDetailOut)
def item(request, item_id: int):
    from django.urls import reverse

    found = get_object_or_404(
        Item.objects.listed().select_related("category", "agency"), pk=item_id
    )
    # a 公示 taken down at the end of its period keeps its metadata, not its body (issue 17)
    published = found.status == ItemStatus.PUBLISHED and not found.notice_body_hidden
    # the portal's public reading of the history: a withdrawn item's 更正说明 went with its
    # text; the earlier values are not part of the API at all
    corrections = correction_views(found, public=True)
    return {
        **_item(found, {found.pk: corrections[-1].corrected_on} if corrections else {}),
        "corrections": [
            {
                "number": view.number,
                "corrected_on": view.corrected_on,
                "note": view.note,
                "fields": [change.label for change in view.changes],
            }
            for view in corrections
        ],
        "summary": found.summary,
        "body": found.body if published else "",
        "attachments": [
            {
                "name": a.original_name,
                "size": a.size,
                "url": request.build_absolute_uri(
                    reverse("portal:attachment", args=[found.pk, a.pk])
                ),
            }
            for a in (found.attachments.all() if published else [])
        ],
    }


class PolicyDocumentOut(Schema):
    registration_number: str
    item_id: int
    title: str
    document_number: str
    publisher: str
    category: str
    written_on: date | None
    effective_on: date
    valid_until: date
    currency: str  # 时效性: 现行有效 (the library lists only documents in force)


class PolicyPage(Schema):
    documents: list[PolicyDocumentOut]
    next: int | None  # pass as `before` for the next page


@api.get("/agencies/{prefix}/policies", response=PolicyPage)
def policy_library(
    request, prefix: str, q: str = "", year: int | None = None, before: int | None = None
):
    """The 政策文件库: 现行有效 行政规范性文件 of the agency and every agency under it."""
    from django.utils import timezone

    from gongkai.policies.library import in_force_documents

    root = get_object_or_404(Agency, index_prefix=prefix)
    today = timezone.localdate()
    records = in_force_documents(root, today=today, year=year, query=q).order_by("-pk")
    if before is not None:
        records = records.filter(pk__lt=before)
    page = list(records[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    return {
        "documents": [
            {
                "registration_number": r.registration_number,
                "item_id": r.item_id,
                "title": r.item.title,
                "document_number": r.item.document_number,
                "publisher": r.agency.name,
                "category": r.item.category.name,
                "written_on": r.item.written_on,
                "effective_on": r.effective_on,
                "valid_until": r.valid_until,
                "currency": r.currency(today),
            }
            for r in page
        ],
        "next": page[-1].pk if more else None,
    }
