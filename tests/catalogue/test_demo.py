"""The demo township's year of proactive disclosure matches the seed report's proportions:
its section 一 reads 371 items (311 动态, 54 三务, 6 目录), 210 Weibo and 383 WeChat posts,
media adoptions 177 (县级; the seed's 旗县级), 7 (市级), 9 (省级; 自治区), 3 (中央)."""

from datetime import date

import pytest

from gongkai.catalogue.demo import load_demo_catalogue
from gongkai.catalogue.models import DocumentKind, Item, ItemStatus, Validity
from gongkai.catalogue.statistics import monthly_statistics

pytestmark = pytest.mark.django_db


def test_the_demo_year_reads_like_the_seed_report(township):
    load_demo_catalogue(township, today=date(2026, 11, 27))
    stats = monthly_statistics(township, 2025)
    by_category = {row.label: row.total for row in stats.by_category}
    assert by_category["工作动态"] == 311 and by_category["三务公开"] == 54
    assert stats.portal_total == 371
    channels = {row.label: row.total for row in stats.by_channel}
    assert channels["微博"] == 210 and channels["微信公众号"] == 383
    assert [channels[f"{level}媒体采用"] for level in ("县级", "市级", "省级", "中央级")] == [
        177,
        7,
        9,
        3,
    ]
    items = Item.objects.filter(agency=township)
    assert items.filter(status=ItemStatus.WITHDRAWN).count() == 1
    assert items.filter(status=ItemStatus.DRAFT).exists()
    waiting = items.get(status=ItemStatus.SUBMITTED)
    assert waiting.personal_data and waiting.personal_data[0]["kind"] == "居民身份证号码"
    assert items.filter(status=ItemStatus.RETURNED).exists()
    normative = items.filter(document_kind=DocumentKind.NORMATIVE)
    assert normative.filter(published_on__year=2025).count() == 2
    # each left force by its lawful path (issue 23): the 2023 办法 replaced by its revision
    # from the revision's own 施行日期, the 2024 规定 失效 the day after its 有效期 ended
    repealed = normative.get(validity=Validity.REPEALED)
    revision = normative.get(document_number="青政发〔2025〕7号")
    assert repealed.document_number == "青政发〔2023〕4号"
    assert repealed.validity_changed_on == revision.normative.effective_on
    assert repealed.validity_changed_on.year == 2025
    expired = normative.get(validity=Validity.EXPIRED)
    assert (expired.document_number, expired.validity_changed_on) == (
        "青政发〔2024〕6号",
        date(2025, 10, 31),
    )
    assert expired.normative.valid_until == date(2025, 10, 30)
    # and each went out with its 解读, the same day (国办发〔2016〕80号)
    for document in normative:
        readings = items.filter(interprets__document=document)
        assert {r.published_on for r in readings} == {document.published_on}
    # loading twice changes nothing
    before = items.count()
    assert load_demo_catalogue(township, today=date(2026, 11, 27)) == before
