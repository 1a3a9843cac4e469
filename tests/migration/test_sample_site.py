"""The shared sample (84 pages of 平潭综合实验区's 政务公开 section, ../shared/samples/site)
migrated as it is. Every expected value below was read by hand from the page.txt files
(their header lines and the metadata block flattened into the text), not from the code."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db
BASE = "https://www.pingtan.gov.cn/zwgk/"

# the README's table of documents per column, split by column path as the archive files them
PAGES_PER_COLUMN = {
    "gsgg": 16,
    "yw/ptyw": 7,
    "zfxxgk/gwhwj/hzgfxwj": 14,
    "zfxxgk/gwhwj/zshzzytdfw": 9,
    "zfxxgk/gwhwj/gzdt": 1,
    "zfxxgk/zfxxgkzd": 11,
    "zfxxgk/zfxxgkzn": 1,
    "zfxxgk/zfxxgksq/blsx": 1,
    "zfxxgk/zfxxgksq/sfbz": 1,
    "zfxxgk/zfxxgksq/sljg": 1,
    "zfxxgk/zfxxgksq/sqbg": 1,
    "zfxxgk/zfxxgksq/sqlc": 1,
    "zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj": 1,
    "zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/fdzdgknr/10qtwjdzjg": 2,
    "zxwj/qgwhwj": 1,
    "zxwj/bmwj": 1,
    "ztzl/sswgh/sswghwj": 4,
    "ztzl/sswgh/sswjd": 5,
    "ztzl/dsxxjyzptygd/xxzl": 1,
    "zdlyxxgk/ggtywh/ggwh": 2,
    "ghxx/gzjzqk": 1,
    "ghxx/ndjh": 1,
    "tjxx/jdsj": 1,
}

ENDED_BY_DECISION = {"102201": "repealed"}

# (DocId, column path, published, written, 索引号, 文号, 有效性) — twenty pages by hand
BY_HAND = [
    (
        "79826",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2016, 10, 26),
        date(2016, 10, 26),
        "PZ00101-1700-2023-00059",
        "岚综管综〔2016〕266号",
        "valid",
    ),
    (
        "80107",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2016, 4, 29),
        date(2016, 4, 29),
        "PZ00101-1700-2023-00103",
        "岚综管综〔2016〕106号",
        "valid",
    ),
    (
        "79834",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2017, 5, 18),
        date(2017, 5, 18),
        "PZ00101-1700-2023-00068",
        "岚综管综〔2017〕117号",
        "valid",
    ),
    (
        "79838",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2020, 5, 20),
        date(2020, 5, 20),
        "PZ00101-1700-2023-00072",
        "岚综管综〔2020〕35号",
        "valid",
    ),
    # no metadata table: the header's 文号 only; no 成文日期, no 索引号
    (
        "79823",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2016, 12, 9),
        None,
        "",
        "岚综管综〔2016〕305号",
        "valid",
    ),
    ("90007", "zfxxgk/gwhwj/hzgfxwj", date(2024, 5, 15), None, "", "岚综管规〔2024〕4号", "valid"),
    # re-posted in 2025-10 (its URL), published 2016-12-02 (its 发布时间)
    (
        "102201",
        "zfxxgk/gwhwj/hzgfxwj",
        date(2016, 12, 2),
        None,
        "",
        "岚综管综〔2016〕299号",
        "valid",
    ),
    (
        "62465",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2017, 6, 22),
        date(2017, 6, 21),
        "PZ00101-1500-2017-00020",
        "岚综管综〔2017〕134号",
        "valid",
    ),
    (
        "62469",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2017, 6, 22),
        date(2017, 6, 21),
        "PZ00101-1500-2017-00024",
        "岚综管综〔2017〕138号",
        "valid",
    ),
    # 主题分类 empty: `主题分类： 发文机关：`
    (
        "67105",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2019, 1, 29),
        date(2019, 1, 28),
        "PZ00101-1500-2019-00004",
        "岚综管综〔2019〕14号",
        "valid",
    ),
    (
        "74704",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2021, 7, 13),
        date(2021, 7, 12),
        "PZ00101-1500-2021-00029",
        "岚综管综〔2021〕68号",
        "valid",
    ),
    (
        "79561",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2023, 8, 16),
        date(2023, 8, 14),
        "PZ00101-1500-2023-00020",
        "岚土征告〔2023〕10号",
        "valid",
    ),
    # URL month 2024-09, 发布时间 2024-04-18
    (
        "93883",
        "zfxxgk/gwhwj/zshzzytdfw",
        date(2024, 4, 18),
        None,
        "",
        "岚征补公告〔2024〕1号",
        "valid",
    ),
    # department template: `成文日期：2017-03-08` with no space after the colon
    (
        "61872",
        "zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/fdzdgknr/10qtwjdzjg",
        date(2017, 3, 9),
        date(2017, 3, 8),
        "PZ00108-3000-2017-00003",
        "岚财金〔2017〕58号",
        "valid",
    ),
    # `发文字号： 无`
    (
        "77034",
        "zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/fdzdgknr/10qtwjdzjg",
        date(2022, 10, 13),
        date(2022, 10, 12),
        "PZ00108-3000-2022-00066",
        "",
        "valid",
    ),
    # 最新文件: the 文号 only at the head of the body, 已废止 only in the title
    ("2496", "zxwj/qgwhwj", date(2015, 6, 23), None, "", "岚综管综〔2015〕130号", "repealed"),
    # main-site template
    ("83454", "ghxx/gzjzqk", date(2023, 12, 19), None, "", "", "valid"),
    # legacy folder 200912, 发布时间 2011-03-14
    ("782", "gsgg", date(2011, 3, 14), None, "", "", "valid"),
    ("51587", "zfxxgk/zfxxgkzn", date(2024, 3, 23), None, "", "", "valid"),
    ("41904", "ztzl/sswgh/sswjd", date(2022, 6, 8), None, "", "", "valid"),
]

# full mobile numbers beside a person's name (README, "Personal-data scan: true positives")
HELD = {
    "841",
    "107660",
    "107730",
    "108662",
    "106059",
    "57590",
}
SQBG = BASE + "zfxxgk/zfxxgksq/sqbg/202311/P020231115330075573448.doc"


def doc_id(url: str) -> str:
    return url.rsplit("_", 1)[-1].split(".")[0]


@pytest.fixture
def pages_by_id(archive_pages):
    return {doc_id(page.url): page for page in archive_pages()}


def test_every_page_is_read_in_the_column_it_was_listed_in(archive_pages):
    from gongkai.migration.run import survey

    summary = survey(archive_pages())
    assert {path: rule.pages for path, rule in summary.columns.items()} == PAGES_PER_COLUMN
    assert summary.pages == 84
    assert summary.columns["gsgg"].name == "公示公告"
    assert summary.columns["zfxxgk/gwhwj/hzgfxwj"].kind == "规范性文件"
    assert summary.columns["ztzl/sswgh/sswjd"].kind == "政策解读"


def test_twenty_pages_carry_the_metadata_they_published(pages_by_id):
    for tail, column, published, written, index_number, number, validity in BY_HAND:
        page = pages_by_id[tail]
        assert page.problem == "", tail
        assert page.column_path == column, tail
        assert page.published_on == published, tail
        assert page.written_on == written, tail
        assert page.index_number == index_number, tail
        assert page.document_number == number, tail
        assert page.validity == validity, tail


def test_the_body_is_the_document_without_the_site_around_it(pages_by_id):
    from gongkai.statute.personal_data import visible_text

    page = pages_by_id["79826"]
    text = visible_text(page.body).strip()  # NFKC: full-width commas read as ","
    assert text.startswith("各片区项目建设指挥部、区直各单位")  # after the CSS the export leaked
    for chrome in ("当前位置", "索 引 号", "微信", "QQ空间", "@font-face", "MsoNormal", "附件下载"):
        assert chrome not in text
    footer = pages_by_id["80915"]
    assert "扫一扫" not in footer.body and "ICP" not in footer.body
    assert visible_text(footer.body).strip().endswith("第十九条 本办法自公布之日起施行。")
    attached = pages_by_id["79561"]
    assert [a.name for a in attached.attachments] == ["征收公告及附件.pdf"]
    spaced = pages_by_id["79838"]
    assert [a.name for a in spaced.attachments] == ["岚综管综〔2020〕35 号.pdf"]


def test_the_sample_is_migrated_with_the_pages_with_mobile_numbers_held(
    pingtan, site_admin, archive_pages
):
    from gongkai.catalogue.models import DocumentKind, Item, ItemStatus
    from gongkai.migration.run import migrate

    summary = migrate(pingtan, archive_pages, by=site_admin)
    assert summary.counts["created"] == 83
    assert summary.unreadable == [
        (SQBG, "申请表格", "直接附件型条目（没有网页正文），附件文件不在抓取中")
    ]
    items = Item.objects.filter(agency=pingtan)
    assert items.count() == 83
    held = {doc_id(i.source_url) for i in items.filter(status=ItemStatus.SUBMITTED)}
    assert held == HELD
    assert all(i.personal_data for i in items.filter(status=ItemStatus.SUBMITTED))
    # the near-misses are published: masked IDs (107838), credit codes (107730's neighbour
    # 108084), office landlines (107650), blank form fields (80920)
    by_id = {doc_id(item.source_url): item for item in items}
    for tail in (
        "107838",
        "108084",
        "107650",
        "80920",
    ):
        assert by_id[tail].status == ItemStatus.PUBLISHED, tail
    counts = {}
    for item in items:
        counts[item.source_column] = counts.get(item.source_column, 0) + 1
    assert counts["公示公告"] == 16 and counts["行政规范性文件"] == 14
    assert items.filter(document_kind=DocumentKind.NORMATIVE).count() == 14
    # numbers of ours, given a batch at a time: each year's run from 1, no gap, no repeat
    serials: dict[str, list[int]] = {}
    for item in items.filter(index_number__startswith="PZ00101/"):
        year, serial = item.index_number.removeprefix("PZ00101/").split("-")
        serials.setdefault(year, []).append(int(serial))
    assert sum(len(s) for s in serials.values()) == 77 - 14  # published, less the kept ones
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in serials.values())
    for tail, _, published, written, index_number, number, validity in BY_HAND:
        item = by_id[tail]
        # 102201 says nothing of its validity, but 102272 (岚综管规〔2025〕3号, read by hand)
        # lists 岚综管综〔2016〕299号 among the three it abolishes: see test_abolitions.py
        validity = ENDED_BY_DECISION.get(tail, validity)
        assert (item.published_on, item.written_on, item.document_number, item.validity) == (
            published,
            written,
            number,
            validity,
        ), tail
        assert item.migrated_at is not None
        if index_number:  # kept as the old site gave it, never reissued
            assert item.index_number == index_number
        elif item.status == ItemStatus.PUBLISHED:  # given one of ours, in its own year
            assert item.index_number.startswith(f"PZ00101/{published.year}-")


def test_each_interpretation_is_linked_to_the_plan_it_interprets(
    pingtan, site_admin, archive_pages
):
    from gongkai.migration.run import migrate
    from gongkai.policies.models import Interpretation

    migrate(pingtan, archive_pages, by=site_admin)
    pairs = {
        (doc_id(link.interpretation.source_url), doc_id(link.document.source_url))
        for link in Interpretation.objects.select_related("interpretation", "document")
    }
    # README, "规范性文件 / 政策解读 pairs"; 38021 interprets a 函 not in the archive
    assert pairs == {
        ("41840", "41839"),
        ("40889", "38174"),
        ("41904", "41907"),
        ("38216", "38215"),
    }


def test_the_dry_run_shows_the_clerk_the_mapping_and_every_problem(pingtan, site_root):
    import io

    from django.core.management import call_command

    from gongkai.catalogue.models import Item

    out = io.StringIO()
    call_command("migrate-site", str(site_root), agency="PZ00101", dry_run=True, stdout=out)
    shown = out.getvalue()
    assert "试运行：共 84 个页面，23 个栏目" in shown
    assert "zfxxgk/gwhwj/hzgfxwj\t行政规范性文件\t14\t→ 行政规范性文件\t规范性文件" in shown
    assert "ztzl/sswgh/sswjd\t“十四五”解读\t5\t→ “十四五”解读\t政策解读" in shown
    assert f"无法读取的页面 1 个：\n  {SQBG}\t申请表格\t直接附件型条目" in shown
    assert "含个人信息、将暂缓公开待审查的页面 6 个" in shown
    assert "手机号码 135****2111（正文）" in shown  # masked, never the number itself
    assert "13559932111" not in shown
    assert Item.objects.count() == 0
