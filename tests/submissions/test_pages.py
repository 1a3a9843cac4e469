"""The office pages of 报送 → 采用 and the county's column on the portal: the township's
editor submits through the form, the county's administrator finds it on the 工作台 and adopts
it with the declared step, and readers find it in the county's column under its source."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.submissions import transitions as t
from gongkai.submissions.models import Status, Submission
from tests.submissions.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_day(travel_to):
    travel_to(DAY, tick=False)


def test_the_township_submits_and_the_county_adopts_through_the_pages(
    client, township, county, clerk, county_editor, publish, relief_column, on_day
):
    item = publish("青石镇临时救助审批结果", DAY)
    client.force_login(clerk)
    page = client.get(reverse("office:submissions") + f"?agency={township.pk}")
    assert "向云岭县人民政府网站报送" in page.content.decode()
    response = client.post(
        reverse("office:submission_new") + f"?agency={township.pk}",
        {"kind": "item", "item": item.pk, "column": relief_column.pk},
    )
    sub = Submission.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "office:submission", args=[sub.pk]
    )

    client.force_login(county_editor)
    home = client.get(reverse("office:home")).content.decode()
    assert "云岭县青石镇人民政府报送《青石镇临时救助审批结果》" in home
    detail = client.get(reverse("office:submission", args=[sub.pk])).content.decode()
    assert item.index_number in detail and 'data-step="adopt"' in detail
    url = reverse("office:submission_action", args=[sub.pk, "adopt"])
    refused = client.post(url)  # without the tick of an irreversible step
    sub.refresh_from_db()
    assert refused.status_code == 302 and sub.status == Status.SUBMITTED
    client.post(url, {"confirmed": "yes"})
    sub.refresh_from_db()
    assert sub.status == Status.ADOPTED and sub.adopted_on == DAY
    assert "待采用" not in client.get(reverse("office:home")).content.decode()

    column = client.get(reverse("portal:column", args=[county.index_prefix, relief_column.pk]))
    text = column.content.decode()
    assert "青石镇临时救助审批结果" in text and "云岭县青石镇人民政府" in text
    assert item.index_number in text
    agency_page = client.get(reverse("portal:agency", args=[county.index_prefix])).content.decode()
    assert reverse("portal:column", args=[county.index_prefix, relief_column.pk]) in agency_page


def test_a_news_post_is_public_only_once_adopted(
    client, township, clerk, county_editor, news_column, on_day
):
    sub = t.submit_news(
        township,
        by=clerk,
        column=news_column,
        title="青石镇开展春耕备耕",
        body="<p>正文</p>",
        on=DAY,
    )
    assert client.get(reverse("portal:adopted", args=[sub.pk])).status_code == 404
    t.adopt(sub, by=county_editor, on=DAY)
    page = client.get(reverse("portal:adopted", args=[sub.pk])).content.decode()
    assert "来源：云岭县青石镇人民政府" in page and "2026年3月9日" in page


def test_the_form_says_what_is_missing_in_chinese(client, township, clerk, news_column, on_day):
    client.force_login(clerk)
    response = client.post(
        reverse("office:submission_new") + f"?agency={township.pk}",
        {"kind": "news", "title": "", "body": "", "column": news_column.pk},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "请填写稿件标题" in text and "请填写稿件正文" in text
    assert not Submission.objects.exists()


def test_a_stranger_sees_nothing_and_the_township_cannot_take_the_countys_step(
    client, township, clerk, outsider, news_column, on_day
):
    sub = t.submit_news(township, by=clerk, column=news_column, title="标题", body="正文", on=DAY)
    client.force_login(outsider)
    assert client.get(reverse("office:submission", args=[sub.pk])).status_code == 404
    client.force_login(clerk)
    client.post(reverse("office:submission_action", args=[sub.pk, "adopt"]), {"confirmed": "yes"})
    sub.refresh_from_db()
    assert sub.status == Status.SUBMITTED


def test_the_county_overview_and_its_csv_count_per_source_and_month(
    client, township, county, clerk, county_editor, news_column, travel_to
):
    travel_to(date(2026, 4, 20), tick=False)
    a = t.submit_news(township, by=clerk, column=news_column, title="甲", body="正文", on=DAY)
    b = t.submit_news(township, by=clerk, column=news_column, title="乙", body="正文", on=DAY)
    t.adopt(a, by=county_editor, on=date(2026, 4, 1))
    t.return_submission(b, by=county_editor, on=DAY, reason="缺图")
    client.force_login(county_editor)
    home = client.get(reverse("office:home")).content.decode()
    assert 'id="submission-counts"' in home
    response = client.get(
        reverse("office:submission_counts_csv") + f"?agency={county.pk}&year=2026"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # hand-counted: March, two submitted and one returned; April, one adopted
    assert rows == [
        ["报送单位", "月份", "报送", "采用", "退回"],
        ["云岭县青石镇人民政府", "2026年3月", "2", "0", "1"],
        ["云岭县青石镇人民政府", "2026年4月", "0", "1", "0"],
    ]
    client.force_login(clerk)  # a township has no county counts
    assert (
        client.get(reverse("office:submission_counts_csv") + f"?agency={township.pk}").status_code
        == 404
    )
