"""What an item's page shows about its place among policy documents: its 解读 (or the
documents it interprets), its registration and 时效性, the documents it amends or repeals
and those that amended or repealed it, and its consultation. Shared by the portal and the
office pages (each shows it in its own template)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.catalogue.models import DocumentKind, ItemStatus
from gongkai.policies.models import (
    Consultation,
    DocumentRelation,
    Interpretation,
    NormativeDocument,
)


@dataclass
class Panel:
    interpretations: list = field(default_factory=list)  # Interpretation rows, this as document
    documents: list = field(default_factory=list)  # Interpretation rows, this as 解读
    record: NormativeDocument | None = None
    currency: str = ""
    acts_on: list = field(default_factory=list)
    acted_on: list = field(default_factory=list)
    consultations: list = field(default_factory=list)  # consultations on this draft
    consulted_in: list = field(default_factory=list)  # consultations this is the final text of
    no_interpretation: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.interpretations
            or self.documents
            or self.record
            or self.acts_on
            or self.acted_on
            or self.consultations
            or self.consulted_in
            or self.no_interpretation
        )


def _present(item) -> dict[str, bool]:
    """Which relations the item has, in one query: most items have none, and the page then
    reads nothing more (seven queries each time cost a cache miss a third of its speed)."""
    from django.db.models import Exists, OuterRef

    from gongkai.catalogue.models import Item

    probes = {
        "interpretations": Interpretation.objects.filter(document=OuterRef("pk")),
        "documents": Interpretation.objects.filter(interpretation=OuterRef("pk")),
        "record": NormativeDocument.objects.filter(item=OuterRef("pk")),
        "acts_on": DocumentRelation.objects.filter(newer=OuterRef("pk")),
        "acted_on": DocumentRelation.objects.filter(older=OuterRef("pk")),
        "consultations": Consultation.objects.filter(draft=OuterRef("pk")),
        "consulted_in": Consultation.objects.filter(final_document=OuterRef("pk")),
    }
    # prefixed: the reverse relations themselves are names on Item already
    row = (
        Item.objects.filter(pk=item.pk)
        .annotate(**{f"has_{name}": Exists(query) for name, query in probes.items()})
        .values(*(f"has_{name}" for name in probes))
        .first()
    )
    return {name: bool(row and row[f"has_{name}"]) for name in probes}


def panel_for(item, *, today: date, public: bool) -> Panel:
    shown = {ItemStatus.PUBLISHED} if public else None

    def visible(qs, prefix):
        return qs.filter(**{f"{prefix}__status__in": shown}) if shown else qs

    panel = Panel()
    present = _present(item)
    if present["interpretations"]:
        panel.interpretations = list(
            visible(Interpretation.objects.filter(document=item), "interpretation")
            .select_related("interpretation")
            .order_by("interpretation__published_on", "pk")
        )
    if present["documents"]:
        panel.documents = list(
            visible(Interpretation.objects.filter(interpretation=item), "document").select_related(
                "document"
            )
        )
    if present["record"]:
        panel.record = NormativeDocument.objects.filter(item=item).first()
    if panel.record is not None:
        panel.record.item = item
        panel.currency = panel.record.currency(today)
    if present["acts_on"]:
        panel.acts_on = list(
            visible(DocumentRelation.objects.filter(newer=item), "older").select_related("older")
        )
    if present["acted_on"]:
        panel.acted_on = list(
            visible(DocumentRelation.objects.filter(older=item), "newer").select_related("newer")
        )
    if present["consultations"]:
        panel.consultations = list(
            Consultation.objects.filter(draft=item).select_related("feedback_item")
        )
    if present["consulted_in"]:
        panel.consulted_in = list(
            Consultation.objects.filter(final_document=item).select_related("feedback_item")
        )
    panel.no_interpretation = (
        item.document_kind == DocumentKind.NORMATIVE and not panel.interpretations
    )
    return panel
