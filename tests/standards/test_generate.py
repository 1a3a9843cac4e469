"""`gongkai generate --matters`: the synthetic province's standard catalogue, adopted by
every agency, with items linked, which the due-and-missing computation and the portal page
accept as real."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.catalogue.models import Item
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency
from gongkai.standards.due import standings
from gongkai.standards.models import Adoption, Matter

pytestmark = pytest.mark.django_db


def test_every_generated_agency_adopts_the_provinces_catalogue(client):
    call_command(
        "generate",
        agencies=12,
        items=600,
        applications=0,
        matters=40,
        seed=3,
        as_of="2026-11-27",
        quiet=True,
        stdout=StringIO(),
    )
    agencies = list(Agency.objects.all())
    assert Matter.objects.filter(catalogue__isnull=False).count() == 40
    assert Adoption.objects.count() == 12 * 40
    assert Item.objects.filter(matter__isnull=False).count() >= 350  # two in three
    result = standings(
        [a.pk for a in agencies],
        today=date(2026, 11, 27),
        calendar=current_calendar(),
        keep_lines=False,
    )
    assert (
        sum(r.matters for r in result.values())
        == Adoption.objects.filter(hidden=False, matter__manner="proactive").count()
    )
    assert sum(r.overdue + r.due for r in result.values()) > 0
    page = client.get(f"/agency/{agencies[-1].index_prefix}/standards/")
    assert page.status_code == 200 and "公开事项1" in page.content.decode()


def test_a_matter_count_out_of_range_is_refused():
    with pytest.raises(CommandError, match="标准目录事项数"):
        call_command("generate", agencies=2, items=0, applications=0, matters=5000, quiet=True)
