"""The portal's 标准目录 page: each row's five newest live items and 共N条 (issue 27).

The rows are read per matter (PostgreSQL: a probe of item_agency_matter_newest per row)
instead of from every live item of the agency; the page must show exactly what the whole
read showed — Item.objects.live() is status 已公开 alone, so withdrawn items, drafts, items
awaiting review or returned, and correction drafts (更正稿, drafts carrying the published
item's date and matter) are not counted. The expected titles and counts below are worked
out by hand from the items made here."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.models import User
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption

pytestmark = pytest.mark.django_db

# The page's own statements, measured: 3 on PostgreSQL (agency, the rows with their items and
# counts, 更新日期; 4 before), 4 on SQLite (the agency's items read apart). None per row. The
# footer's site identity is not counted: each process keeps it once read.
STATEMENTS = {"postgresql": 3, "sqlite": 4}


def _catalogue(county, township, clerk, levels: list[str]) -> dict:
    admin = User.objects.get(username="xian")
    catalogue = s.issue_catalogue(
        county, by=admin, name="云岭县乡镇基层政务公开标准目录", issued_on=date(2025, 3, 1)
    )
    rows = {
        level2: s.add_matter(
            catalogue,
            by=admin,
            domain="社会救助",
            level1="救助事项",
            level2=level2,
            limit_kind="workdays",
            limit_days=20,
            order=n,
        )
        for n, level2 in enumerate(levels, 1)
    }
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    return rows


def _items(agency, clerk, matter, *specs) -> list[Item]:
    """Items of `matter` in the order given (so their pks rise in that order): each spec
    (title, published_on, status[, corrects])."""
    category = Category.objects.filter(agency__isnull=True).first() or Category.objects.first()
    made = []
    for title, on, status, *corrects in specs:
        made.append(
            Item.objects.create(
                agency=agency,
                category=category,
                title=title,
                formed_on=on or date(2025, 1, 2),
                published_on=on,
                status=status,
                matter=matter,
                created_by=clerk,
                corrects=corrects[0] if corrects else None,
            )
        )
    return made


def _rows(html: str) -> dict[str, tuple[list[str], str]]:
    """Per row of the page (by its 二级事项): the linked titles in order and its 共N条."""
    rows = {}
    for cells in re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>(.*?)</tr>", html, re.S):
        level2, rest = cells
        titles = re.findall(r'<a href="/item/\d+/">([^<]*)</a>', rest)
        total = re.search(r"共(\d+)条", rest)
        rows[level2] = (titles, total[1] if total else "")
    return rows


def test_each_row_shows_its_five_newest_live_items_and_their_number(
    county, township, clerk, client
):
    rows = _catalogue(county, township, clerk, ["低保认定", "临时救助", "特困供养", "已隐藏"])
    P, W, D = ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN, ItemStatus.DRAFT
    first, *_ = _items(
        township, clerk, rows["低保认定"],
        ("低保一月", date(2025, 1, 6), P),
        ("低保二月", date(2025, 2, 6), P),
        ("低保三月甲", date(2025, 3, 6), P),
        ("低保三月乙", date(2025, 3, 6), P),  # same day, made later: shown first
        ("低保四月", date(2025, 4, 6), P),
        ("低保五月", date(2025, 5, 6), P),
        ("低保六月", date(2025, 6, 6), P),
        ("低保七月已撤回", date(2025, 7, 6), W),
        ("低保八月草稿", None, D),
        ("低保八月待审", None, ItemStatus.SUBMITTED),
        ("低保八月退回", None, ItemStatus.RETURNED),
    )  # fmt: skip
    # a correction draft of 低保一月 carries its date and matter, and is not live
    _items(township, clerk, rows["低保认定"], ("低保一月（更正稿）", date(2025, 1, 6), D, first))
    _items(
        township, clerk, rows["临时救助"],
        ("临时救助一批", date(2025, 2, 1), P),
        ("临时救助二批", date(2025, 4, 1), P),
        ("临时救助三批已撤回", date(2025, 5, 1), W),
    )  # fmt: skip
    _items(township, clerk, rows["特困供养"], ("特困已撤回", date(2025, 3, 1), W))
    # the county's own item of the same matter, and the township's item of no matter
    _items(county, clerk, rows["特困供养"], ("县级特困公示", date(2025, 3, 2), P))
    _items(township, clerk, None, ("无事项的信息", date(2025, 6, 30), P))
    _items(township, clerk, rows["已隐藏"], ("隐藏行的信息", date(2025, 6, 1), P))
    s.hide(Adoption.objects.get(agency=township, matter=rows["已隐藏"]), by=clerk, reason="不适用")

    with CaptureQueriesContext(connection) as context:
        page = client.get(f"/agency/{township.index_prefix}/standards/")
    html = page.content.decode()
    assert page.status_code == 200

    assert _rows(html) == {
        # seven live: the five newest, the later-made of the two 3月6日 items first
        "低保认定": (["低保六月", "低保五月", "低保四月", "低保三月乙", "低保三月甲"], "7"),
        # all shown, no 共N条
        "临时救助": (["临时救助二批", "临时救助一批"], ""),
        "特困供养": ([], ""),
    }
    assert "暂无" in html.split("特困供养", 1)[1].split("</tr>", 1)[0]
    own = [q for q in context.captured_queries if "inspection_siteidentity" not in q["sql"]]
    assert len(own) == STATEMENTS[connection.vendor]
