"""The office 标准目录 page's statement count (issue 25): the standing of the agency and the
county overview's counts come from one pass, and each row's 标记不适用 / 恢复 form adds no
query, so the count is the same at three rows and at six. Not timed: the count is what
creeps back when a row starts asking."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption

pytestmark = pytest.mark.django_db

# Measured: 17 for a clerk who also administers the county (the overview of its townships on
# the page); 24 before (the standing computed twice, the session written every request).
# Three are not the page's (session, user, the footer's site identity).
MAX_STATEMENTS = 17


def _page(client, township):
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"/office/standards/?agency={township.pk}")
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _neighbour_clerk(neighbour):
    clerk = User.objects.create_user("linzhen", password="township-pass-1")
    Membership.objects.create(user=clerk, agency=neighbour, role=Role.CLERK)
    return clerk


def _local_row(township, clerk, n: int) -> Adoption:
    return s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 3, 10),
        domain="就业",
        level1="招聘",
        level2=f"公益性岗位招聘{n}",
        limit_kind="workdays",
        limit_days=20,
        audience="public",
        manner="proactive",
        order=100 + n,
    )


@time_machine.travel("2025-06-16 09:00 +0800", tick=False)
def test_the_catalogue_page_does_not_ask_once_per_row(model, township, clerk, client):
    catalogue, _ = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    # the county overview is on the page too (a second township under the clerk's county):
    # computed with the agency's standing, once
    Membership.objects.create(user=clerk, agency=township.parent, role=Role.ADMIN)
    neighbour = Agency.objects.create(
        name="邻镇人民政府", level=AgencyLevel.TOWNSHIP, parent=township.parent,
        index_prefix="987650001",
    )  # fmt: skip
    s.adopt_catalogue(neighbour, catalogue, by=_neighbour_clerk(neighbour), on=date(2025, 3, 10))
    client.force_login(clerk)
    _page(client, township)  # the first visit after logging in saves the chosen agency
    few, _ = _page(client, township)
    rows = [_local_row(township, clerk, n) for n in range(3)]
    s.hide(rows[0], by=clerk, reason="本镇无此岗位")  # a 恢复 row as well as 标记不适用 rows
    more, html = _page(client, township)
    assert Adoption.objects.filter(agency=township).count() == 6
    assert "下级机关标准目录落实情况" in html and "邻镇人民政府" in html
    # each row posts to its own URL with its own field ids (rendered once, copied per row)
    for row in rows[1:]:
        assert f'action="/office/standards/row/{row.pk}/hide/"' in html
        assert f'id="row-{row.pk}-hide-reason"' in html
        assert f'<label for="row-{row.pk}-hide-reason">' in html
    assert f'action="/office/standards/row/{rows[0].pk}/restore/"' in html
    assert f"row-{rows[0].pk}-hide-reason" not in html
    assert more == few <= MAX_STATEMENTS
