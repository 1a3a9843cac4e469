"""The agency's 政府信息公开 column with its four sub-columns (61号)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue.models import Category
from gongkai.catalogue.subjects import column_category
from gongkai.statute.catalogue_subjects import ANNUAL_REPORTS, RULES

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(publish):
    def make(title, category):
        return publish(
            title, date(2024, 3, 4), category=category, formed_on=date(2024, 3, 1), body=""
        )

    return make


def test_the_agency_page_offers_the_four_sub_columns(client, township):
    html = client.get(reverse("portal:agency", args=[township.index_prefix])).content.decode()
    for name in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
        assert name in html


def test_rules_and_reports_have_their_own_sub_columns(client, township, publish):
    publish("青石镇政府信息公开保密审查制度", column_category(Category, RULES))
    publish("青石镇2023年政府信息公开工作年度报告", column_category(Category, ANNUAL_REPORTS))
    publish("低保公示", Category.objects.get(name="社会救助", source="article21"))
    prefix = township.index_prefix
    rules = client.get(reverse("portal:rules", args=[prefix])).content.decode()
    reports = client.get(reverse("portal:reports", args=[prefix])).content.decode()
    listing = client.get(reverse("portal:items", args=[prefix])).content.decode()
    assert "保密审查制度" in rules and "年度报告" not in rules
    assert "年度报告" in reports and "保密审查制度" not in reports
    assert "低保公示" in listing and "保密审查制度" not in listing and "年度报告" not in listing


def test_the_guide_is_built_from_the_agencys_own_data(client, township, publish):
    publish("低保公示", Category.objects.get(name="社会救助", source="article21"))
    html = client.get(reverse("portal:guide", args=[township.index_prefix])).content.decode()
    assert township.office_name in html and township.office_phone in html
    assert "社会救助" in html and "第二十一条" in html  # a township's Art. 21 duties
    assert "20个工作日" in html and "申请" in html


def test_a_county_platform_lists_its_agencies(client, township, county):
    html = client.get(reverse("portal:home")).content.decode()
    assert township.name in html and county.name in html
