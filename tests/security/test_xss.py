"""Hostile text in every field that is shown again — item metadata and body, an application,
a channel post, the annual report's narrative — comes out inert on every page that shows
it: escaped, or (rich text) sanitised by nh3."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.catalogue import channels
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.models import User
from gongkai.reports import transitions as rt
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>',
    "<iframe src=//evil.example></iframe>",
    "'';!--\"<XSS>=&{()}",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
DANGEROUS = re.compile(
    r"<script[\s>]|<img[^>]*onerror|<svg[^>]*onload|<body[^>]*onload|<iframe|"
    r"<a[^>]*href=\"javascript:|<xss>",
    re.IGNORECASE,
)


def assert_inert(html: str, where: str) -> None:
    found = DANGEROUS.search(html)
    assert found is None, f"{where}: {html[max(0, found.start() - 80) : found.end() + 80]}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_inert_everywhere_it_is_shown(client, township, clerk, payload):
    reviewer = User.objects.get(username="shenhe")
    item = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title=f"低保{payload}",
        document_number=payload[:100],
        keywords=payload[:200],
        summary=payload,
        body=f"<p>正文</p>{payload}",
        formed_on=date(2025, 3, 3),
    )
    item = ct.approve_and_publish(ct.submit(item, by=clerk), by=reviewer, on=date(2025, 3, 4))
    channels.record_channel_post(
        township,
        by=clerk,
        channel="wechat",
        on=date(2025, 3, 5),
        today=date(2025, 3, 5),
        title=payload,
    )
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=date(2025, 3, 3),
        today=date(2025, 3, 3),
        **{
            **APPLICANT,
            "applicant_name": payload[:100],
            "information_title": payload[:200],
            "description": payload,
            "address": payload[:200],
        },
    )
    rt.enter_figures(
        township,
        2025,
        by=clerk,
        licences=0,
        penalties=0,
        enforcement=0,
        fee_amount=Decimal(0),
        source=payload[:300],
        oversight=payload,
    )
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    rt.save_sections(report, by=clerk, one=payload, five=payload, six=payload)
    report = rt.publish_report(report, by=reviewer, on=date(2026, 1, 20))
    prefix = township.index_prefix
    public = [
        reverse("portal:item", args=[item.pk]),
        reverse("portal:items", args=[prefix]),
        reverse("portal:agency", args=[prefix]),
        reverse("portal:search") + "?q=低保",
        reverse("portal:feed", args=[prefix]),
        reverse("portal:report", args=[prefix, 2025]),
        reverse("portal:reports", args=[prefix]),
        reverse("portal:report_download", args=[prefix, 2025, "html"]),
    ]
    for url in public:
        assert_inert(client.get(url).content.decode(), url)
    # the API hands the text over as data; JSON, never sniffed as a page
    api = client.get(f"/api/items/{item.pk}")
    assert api["Content-Type"].startswith("application/json")
    assert api["X-Content-Type-Options"] == "nosniff"
    assert_inert(api.json()["body"], "api body")  # rich text is sanitised for them too
    client.force_login(clerk)
    office = [
        reverse("office:item", args=[item.pk]),
        reverse("office:items"),
        reverse("office:channels"),
        reverse("office:application", args=[application.pk]),
        reverse("office:inbox"),
        reverse("office:report", args=[report.pk]),
        reverse("office:monthly") + "?year=2025",
    ]
    for url in office:
        assert_inert(client.get(url).content.decode(), url)
