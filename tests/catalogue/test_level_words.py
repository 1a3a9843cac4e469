"""The province's own words for its levels (旗县级, 自治区级) come from the agency's settings;
an agency that sets none reads the neutral 县级 and 省级."""

from datetime import date

import pytest

from gongkai.catalogue import channels
from gongkai.catalogue.models import MediaLevel, media_level_label
from gongkai.catalogue.statistics import monthly_statistics

pytestmark = pytest.mark.django_db


def test_an_agency_without_settings_reads_neutral_words(township):
    assert township.county_level_word == "县级" and township.province_level_word == "省级"
    labels = [media_level_label(township, level) for level in MediaLevel]
    assert labels == ["县级", "市级", "省级", "中央级"]


def test_the_statistics_name_media_levels_in_the_agencys_words(township, clerk):
    township.county_level_word, township.province_level_word = "旗县级", "自治区级"
    township.save()
    for level in (MediaLevel.COUNTY, MediaLevel.PROVINCE):
        channels.record_media_adoption(
            township,
            by=clerk,
            level=level,
            outlet="某媒体",
            on=date(2024, 3, 6),
            today=date(2024, 3, 7),
            title="稿件",
        )
    rows = {row.label: row.total for row in monthly_statistics(township, 2024).by_channel}
    assert rows["旗县级媒体采用"] == 1 and rows["自治区级媒体采用"] == 1
    assert "县级媒体采用" not in rows and "省级媒体采用" not in rows
