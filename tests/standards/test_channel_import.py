"""Channel posts imported from a spreadsheet like catalogue items: every problem by row,
nothing written unless the whole file is right, an item counted once per channel."""

from datetime import date

import pytest

from gongkai.catalogue.channel_import import import_channel_posts
from gongkai.catalogue.importer import ImportRefused
from gongkai.catalogue.models import ChannelPost
from gongkai.catalogue.statistics import monthly_statistics

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 31)


@pytest.fixture
def published(publish, relief):
    return publish(
        "低保资金发放公示", date(2025, 3, 4), category=relief, formed_on=date(2025, 3, 3), body=""
    )


def test_a_years_posts_come_in_from_one_file_and_are_counted(published, township, clerk):
    csv = (
        "渠道,发布日期,标题,链接,索引号\n"
        f"微信,2025-03-05,,,{published.index_number}\n"
        "微博,2025/3/6,青石镇防汛提示,https://weibo.example.cn/1,\n"
        "政务公开栏,2025-04-01,一季度村务公开,,\n"
    )
    assert import_channel_posts(township, csv.encode(), "渠道.csv", by=clerk, today=TODAY) == 3
    assert ChannelPost.objects.get(channel="wechat").title == "低保资金发放公示"
    stats = monthly_statistics(township, 2025)
    assert (stats.channel_total("微信公众号"), stats.channel_total("微博")) == (1, 1)


def test_every_bad_row_is_listed_and_nothing_is_written(published, township, clerk):
    csv = (
        "渠道,发布日期,标题,链接,索引号\n"
        "抖音,2025-03-05,x,,\n"
        "微博,2025-13-01,x,,\n"
        f"微信,2025-03-01,,,{published.index_number}\n"
        "微博,2026-01-05,x,javascript:alert(1),\n"
        "微信,2025-03-05,,,000000000/2025-99999\n"
        "微博,2025-03-05,好的一条,,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_channel_posts(township, csv.encode(), "渠道.csv", by=clerk, today=TODAY)
    assert [str(p) for p in refused.value.problems] == [
        "第 2 行：渠道“抖音”应为微信公众号、微博、政务公开栏等",
        "第 3 行：发布日期“2025-13-01”无法识别，应写作 2025-03-01",
        "第 4 行：渠道发布日期不能早于门户网站发布日期",
        "第 5 行：发布日期不能晚于今天",
        "第 5 行：链接“javascript:alert(1)”不是有效的网址",
        "第 6 行：本机关没有索引号为“000000000/2025-99999”的信息",
        "第 6 行：请填写标题（或对应信息的索引号）",
    ]
    assert ChannelPost.objects.count() == 0


def test_an_item_already_logged_on_a_channel_is_not_counted_twice(published, township, clerk):
    line = f"微信,2025-03-05,,,{published.index_number}\n"
    csv = "渠道,发布日期,标题,链接,索引号\n" + line + line
    with pytest.raises(ImportRefused, match="第 3 行：该信息已登记过在此渠道发布"):
        import_channel_posts(township, csv.encode(), "渠道.csv", by=clerk, today=TODAY)


def test_an_outsider_cannot_import_for_the_township(township, outsider):
    from gongkai.core.transitions import TransitionError

    with pytest.raises(TransitionError):
        import_channel_posts(township, b"x", "x.csv", by=outsider, today=TODAY)
