"""An annotation compiled once (core/compiled.py) reads as the expression it was made from,
on every later read of its model, narrowed or not."""

import pytest
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from gongkai.core.compiled import compiled
from gongkai.core.models import Agency, Membership

pytestmark = pytest.mark.django_db


def _members():
    return Coalesce(
        Subquery(
            Membership.objects.filter(agency=OuterRef("pk"))
            .order_by()
            .values("agency")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def test_a_kept_annotation_reads_as_the_expression_on_every_read(township, county):
    fresh = dict(Agency.objects.annotate(members=_members()).values_list("pk", "members"))
    assert fresh[township.pk] > 0  # the demo township's staff
    kept = compiled(Agency, members=_members())["members"]
    for _ in range(2):  # kept, and used again by a later read
        assert dict(Agency.objects.annotate(members=kept).values_list("pk", "members")) == fresh
    # a narrower read, joined to the agency above as the 工作台's overview reads them
    narrowed = (
        Agency.objects.filter(pk=township.pk).select_related("parent").annotate(members=kept).get()
    )
    assert (narrowed.members, narrowed.parent) == (fresh[township.pk], county)
