"""The seed report (../shared/seeds/qipanjing-2023-annual-report.txt) states in section 一:
主动公开政府信息371条, of which 政府党务公开动态311条, 政府三务公开动态54条, 政务信息公开目录6条;
官方微博210余条, 微信公众号383条; media adoptions 旗级177篇, 市级7篇, 中央级 (新华网、学习强国…)
3篇, 自治区9篇 — tallied by hand, with its tables left empty. Entered as records here, the
same figures come out of the generated report, and all six sections render with complete
tables."""

from datetime import date

import pytest

from gongkai.catalogue import channels
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category, CategorySource
from gongkai.core.models import User
from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.reports.render.html import report_fragment
from gongkai.statute.report_format import FORMAT_2021, SECTION_TITLES
from tests.conftest import enter_table_two

from .conftest import SEED_REPORT, requires_seed

pytestmark = pytest.mark.django_db
CATEGORIES = {"政府党务公开动态": 311, "政府三务公开动态": 54, "政务信息公开目录": 6}


@requires_seed
def test_the_seed_reports_section_one_comes_out_of_the_records(township, clerk):
    seed = SEED_REPORT.read_text()
    for figure in (
        "各类信息371条",
        "动态311条",
        "动态54条",
        "目录6条",
        "微博210余条",
        "微信公众号383条",
        "采用177篇",
        "采用7篇",
        "采用3篇",
        "采用9篇",
    ):
        assert figure in seed  # what we reproduce, as the seed words it
    reviewer = User.objects.get(username="shenhe")
    # the seed's township is in 内蒙古: its agency settings name the levels as it does
    township.county_level_word, township.province_level_word = "旗县级", "自治区/省级"
    township.save(update_fields=["county_level_word", "province_level_word"])
    root = Category.objects.create(agency=township, name="本镇栏目", source=CategorySource.AGENCY)
    news = []
    day = 0
    for name, count in CATEGORIES.items():
        category = Category.objects.create(
            agency=township, parent=root, name=name, source=CategorySource.AGENCY
        )
        for n in range(count):
            on = date(2023, 1, 3) + (date(2023, 12, 20) - date(2023, 1, 3)) * day // 371
            day += 1
            item = ct.create_draft(
                township, by=clerk, category=category, title=f"{name}第{n + 1}条", formed_on=on
            )
            item = ct.approve_and_publish(ct.submit(item, by=clerk), by=reviewer, on=on)
            if name == "政府党务公开动态":
                news.append(item)
    today = date(2024, 1, 10)
    for count, channel in ((210, "weibo"), (383, "wechat")):
        for n in range(count):
            item = news[n] if n < len(news) else None
            channels.record_channel_post(
                township,
                by=clerk,
                channel=channel,
                on=item.published_on if item else date(2023, 12, 28),
                today=today,
                item=item,
                title="" if item else f"推送{n}",
            )
    for level, count in (("county", 177), ("city", 7), ("central", 3), ("province", 9)):
        for n in range(count):
            channels.record_media_adoption(
                township,
                by=clerk,
                level=level,
                outlet="某媒体",
                on=news[n].published_on,
                today=today,
                item=news[n],
            )
    enter_table_two(township, clerk, 2023)
    report = rt.start_report(township, 2023, by=clerk, today=today)
    text = report.section_one
    assert "主动公开政府信息371条" in text
    assert "“政府党务公开动态”311条、“政府三务公开动态”54条、“政务信息公开目录”6条" in text
    assert "微信公众号383条、微博210条" in text
    assert "旗县级媒体采用177篇、市级媒体采用7篇、自治区/省级媒体采用9篇、中央级媒体采用3篇" in text
    document = build_document(report)
    assert document.blocking == []
    html = report_fragment(document)
    for number, title in SECTION_TITLES.items():
        assert f"{number}、{title}" in html
    for table in FORMAT_2021.tables.values():
        for block in table.blocks:
            for row in block.value_rows:
                values = document.tables[table.number][row.key]
                assert all(v is not None for v in values), row.label  # no empty cell
                if table.number != "四":
                    assert row.label in html
