"""The publication log and the 信息月报 built from it. Expected counts are tallied by hand
from the records each test makes."""

import io
from datetime import date
from functools import partial

import pytest
from django.urls import reverse

from gongkai.catalogue import channels
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Channel, MediaLevel
from gongkai.catalogue.statistics import monthly_statistics
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError

pytestmark = pytest.mark.django_db
TODAY = date(2024, 12, 31)


@pytest.fixture
def publish(publish):
    return partial(publish, category="社会救助", body="")


def test_each_item_counts_once_per_channel(township, clerk, publish):
    item = publish("低保公示", date(2024, 3, 5))
    post = dict(by=clerk, channel=Channel.WECHAT, on=date(2024, 3, 6), today=TODAY)
    channels.record_channel_post(township, item=item, **post)
    with pytest.raises(TransitionError, match="不再重复计数"):
        channels.record_channel_post(township, item=item, **post)
    channels.record_channel_post(township, item=item, **{**post, "channel": Channel.WEIBO})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"on": date(2025, 1, 1)}, "晚于今天"),
        ({"on": date(2024, 3, 1)}, "早于门户网站发布日期"),
        ({"item": None}, "请填写标题"),
        ({"channel": "tiktok"}, "请选择发布渠道"),
        ({"url": "javascript:alert(1)"}, "URL"),
    ],
)
def test_wrong_records_are_refused_in_chinese(township, clerk, publish, changes, message):
    item = publish("低保公示", date(2024, 3, 5))
    fields = {"by": clerk, "channel": Channel.WEIBO, "on": date(2024, 3, 6), "today": TODAY}
    fields["item"] = item
    fields.update(changes)
    with pytest.raises(TransitionError, match=message):
        channels.record_channel_post(township, **fields)


def test_a_draft_or_another_agencys_item_cannot_be_logged(township, clerk, outsider, publish):
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.filter(name="扶贫").first(),
        title="草稿",
        formed_on=date(2024, 1, 2),
    )
    with pytest.raises(TransitionError, match="已在门户网站公开"):
        channels.record_channel_post(
            township, by=clerk, channel="weibo", on=TODAY, today=TODAY, item=draft
        )
    other = outsider.memberships.get().agency
    with pytest.raises(TransitionError, match="只有本机关"):
        channels.record_channel_post(
            other, by=clerk, channel="weibo", on=TODAY, today=TODAY, title="x"
        )


def test_monthly_statistics_count_by_category_and_channel(township, clerk, publish):
    # March: two 社会救助 items, one 扶贫; April: one 扶贫, later withdrawn (still published
    # in April); a December 2023 item belongs to another year.
    a = publish("低保公示一", date(2024, 3, 5))
    publish("低保公示二", date(2024, 3, 12))
    publish("扶贫项目公示", date(2024, 3, 20), category="扶贫")
    d = publish("扶贫资金公示", date(2024, 4, 8), category="扶贫")
    publish("上年度公示", date(2023, 12, 28))
    log = dict(by=clerk, today=TODAY)
    channels.record_channel_post(township, channel="wechat", on=date(2024, 3, 5), item=a, **log)
    channels.record_channel_post(township, channel="wechat", on=date(2024, 4, 1), title="x", **log)
    channels.record_channel_post(township, channel="board", on=date(2024, 4, 8), item=d, **log)
    t.withdraw(d, by=User.objects.get(username="shenhe"), on=date(2024, 4, 9), reason="有误")
    for level in (MediaLevel.COUNTY, MediaLevel.COUNTY, MediaLevel.CENTRAL):
        channels.record_media_adoption(
            township, level=level, outlet="云岭发布", on=date(2024, 3, 6), item=a, **log
        )

    stats = monthly_statistics(township, 2024)
    by_category = {row.label: row.months for row in stats.by_category}
    assert by_category["社会救助"][2] == 2 and by_category["扶贫"][2:4] == (1, 1)
    assert sum(sum(m) for m in by_category.values()) == 4 == stats.portal_total
    by_channel = {row.label: row for row in stats.by_channel}
    assert by_channel["门户网站"].months[2:4] == (3, 1)
    assert by_channel["微信公众号"].months[2:4] == (1, 1)
    assert by_channel["政务公开栏（三务公开栏）"].total == 1
    assert by_channel["县级媒体采用"].total == 2 and by_channel["中央级媒体采用"].total == 1
    assert by_channel["微博"].total == 0


def test_the_monthly_page_and_its_excel_agree(client, township, clerk, publish):
    from openpyxl import load_workbook

    publish("低保公示一", date(2024, 3, 5))
    publish("低保公示二", date(2024, 11, 5))
    client.force_login(clerk)
    url = reverse("office:monthly") + f"?agency={township.pk}&year=2024"
    html = client.get(url).content.decode()
    assert "2024年信息月报" in html and "社会救助" in html
    response = client.get(url + "&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["按分类"].iter_rows(values_only=True))
    assert rows[1][0] == "" or rows[1][0] is None
    social = next(r for r in rows if r[0] == "社会救助")
    assert social[3] == 1 and social[11] == 1 and social[13] == 2  # March, November, total
    assert rows[-1][0] == "合计" and rows[-1][13] == 2


def test_recording_through_the_office_page(client, township, clerk, publish):
    item = publish("低保公示", date(2024, 3, 5))
    client.force_login(clerk)
    # the two steps of catalogue/channel_steps.py, each posted to its own URL
    query = f"?agency={township.pk}&item={item.pk}"
    response = client.post(
        reverse("office:channels_action", args=["adoption"]) + query,
        {"adoption-level": "city", "adoption-outlet": "云州日报", "adoption-on": "2024-03-07"},
        follow=True,
    )
    assert "已登记" in response.content.decode()
    assert item.media_adoptions.get().title == "低保公示"
    response = client.post(
        reverse("office:channels_action", args=["post"]) + query,
        {"post-channel": "weibo", "post-on": "2099-01-01"},
    )
    # refused by the transition: the form comes back with what was typed
    page = response.content.decode()
    assert "晚于今天" in page and 'value="2099-01-01"' in page
