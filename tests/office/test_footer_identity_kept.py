"""The footer's site identity is kept in the process (issue 25, inspection/identity_cache.py):
a page after the first reads no site identity, and a change — the superuser's platform row,
an administrator's own row — shows on the next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.core.models import User
from gongkai.inspection.identity_settings import save_identity
from gongkai.inspection.models import SiteIdentity

pytestmark = pytest.mark.django_db


def _page(client, url):
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    # the footer's read of the rows (the 工作台's memberships only ask, in a subquery,
    # whether a department has a 标识码: sitereport/workbench.py)
    reads = sum(
        q["sql"].startswith('SELECT "inspection_siteidentity".') for q in context.captured_queries
    )
    return html, reads


def test_a_later_page_reads_no_identity_and_a_change_shows_at_once(client, clerk, township):
    client.force_login(clerk)
    home = reverse("office:home")
    client.get(home)  # the first visit reads it (and keeps it)
    _, reads = _page(client, home)
    assert reads == 0
    SiteIdentity.objects.update_or_create(agency=None, defaults={"sponsor": "某某省政务公开办"})
    html, reads = _page(client, home)
    assert "某某省政务公开办" in html
    # the change is not committed (the test's transaction): nothing is kept from it
    assert reads == 1
    _, reads = _page(client, home)
    assert reads == 1


def test_an_administrators_own_row_shows_on_the_agencys_pages(client, township):
    agency_page = reverse("portal:agency", args=[township.index_prefix])
    client.get(agency_page)
    html, reads = _page(client, agency_page)
    assert reads == 0
    assert "某某镇网站运维中心" not in html
    admin = User.objects.get(username="guanli")  # the township's 管理员
    save_identity(township, by=admin, operator="某某镇网站运维中心")
    html, _ = _page(client, agency_page)
    assert "某某镇网站运维中心" in html
