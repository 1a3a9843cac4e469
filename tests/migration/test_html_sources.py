"""The HTML and WARC readers on pages built in the shapes vendor platforms use, and the
command as a clerk runs it: a dry run that shows the mapping, then the migration."""

import io
from datetime import date

import pytest

from tests.migration.vendor_pages import BASE, HOST, meta_page, table_page, xxgk_info_page

pytestmark = pytest.mark.django_db

RULE = BASE + "gfxwj/202401/t20240105_1001.html"
READING = BASE + "zcjd/202401/t20240106_1002.html"
NEWS = BASE + "gzdt/202403/t20240301_1003.html"
BUDGET = BASE + "czj/202402/t20240220_1004.html"
GONE = BASE + "gzdt/202001/t20200101_0999.html"  # linked, never crawled


def site() -> dict[str, bytes]:
    """url → content of a small site: a 规范性文件, its 解读 (linking it), a news item
    linking a page that was not crawled, a department page, and a CSV attachment that holds
    a mobile number."""
    return {
        RULE: table_page(
            index_number="000014349/2024-00001",
            number="示政规〔2024〕1号",
            written="2024-01-02",
            published="2024-01-05",
            title="示例县人民政府关于印发《示例县农村危房改造补助办法》的通知",
            body="<p>各乡镇人民政府：</p><p>现将《示例县农村危房改造补助办法》印发给你们。</p>"
            '<p>附件：<a href="/zwgk/gfxwj/202401/P020240105.csv">补助对象名单.csv</a></p>',
        ).encode(),
        READING: meta_page(
            title="《示例县农村危房改造补助办法》政策解读",
            published="2024-01-06 09:30",
            source="示例县住房和城乡建设局",
            column="政策解读",
            body=f'<p>一、起草背景</p><p>解读对象：<a href="{RULE}">补助办法</a></p>',
        ).encode(),
        NEWS: meta_page(
            title="示例县召开防汛工作会议",
            published="2024-03-01 10:00",
            source="示例县融媒体中心",
            column="工作动态",
            body=f'<p>3月1日，示例县召开防汛工作会议。</p><p><a href="{GONE}">去年的会议</a></p>',
        ).encode(),
        BUDGET: xxgk_info_page(
            index_number="000014350/2024-00007",
            written="2024-02-18",
            published="2024-02-20",
            number="示财〔2024〕9号",
            title="示例县财政局关于下达2024年养老服务补贴资金的通知",
            body="<p>各乡镇财政所：现下达养老服务补贴资金。</p>",
        ).encode(),
        BASE + "gfxwj/202401/P020240105.csv": "姓名,电话\n张三,13912345678\n".encode(),
    }


def write_mirror(root, pages):
    for url, content in pages.items():
        path = root / HOST / url.split(HOST + "/", 1)[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, content in pages.items():
            kind = "text/csv" if url.endswith(".csv") else "text/html; charset=utf-8"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(content), http_headers=headers
            )
            writer.write_record(record)
    return path


def test_the_table_block_is_read_and_the_chrome_is_dropped():
    from gongkai.migration.html import page_from_html

    page = page_from_html(site()[RULE], RULE)
    assert (page.index_number, page.document_number, page.validity) == (
        "000014349/2024-00001",
        "示政规〔2024〕1号",
        "valid",
    )
    assert (page.written_on, page.published_on) == (date(2024, 1, 2), date(2024, 1, 5))
    assert page.title == "示例县人民政府关于印发《示例县农村危房改造补助办法》的通知"
    assert page.column_path == "zwgk/gfxwj"  # the folders before the month
    assert page.body.startswith("<p>各乡镇人民政府：</p>")
    for chrome in ("当前位置", "主办单位", "分享到", "索 引 号", "ICP", "var a"):
        assert chrome not in page.body
    assert [(a.name, a.url) for a in page.attachments] == [
        ("补助对象名单.csv", BASE + "gfxwj/202401/P020240105.csv")
    ]


def test_meta_tags_stand_in_for_a_missing_block():
    from gongkai.migration.html import page_from_html

    page = page_from_html(site()[READING], READING)
    assert page.title == "《示例县农村危房改造补助办法》政策解读"
    assert page.published_on == date(2024, 1, 6)
    assert (page.publisher, page.column_name, page.index_number) == (
        "示例县住房和城乡建设局",
        "政策解读",
        "",
    )
    assert page.links == [(RULE, "补助办法")]
    assert "时间：" not in page.body and page.title not in page.body


def test_padded_labels_in_a_list_block_in_any_order():
    from gongkai.migration.html import page_from_html

    page = page_from_html(site()[BUDGET], BUDGET)
    assert page.index_number == "000014350/2024-00007"
    assert page.document_number == "示财〔2024〕9号"
    assert (page.written_on, page.published_on) == (date(2024, 2, 18), date(2024, 2, 20))
    assert page.title == "示例县财政局关于下达2024年养老服务补贴资金的通知"
    assert "发文机关" not in page.body


def test_a_mirror_is_migrated_with_attachments_scanned_and_links_resolved(
    tmp_path, settings, pingtan, site_admin, site_reviewer
):
    from gongkai.catalogue.models import Item, ItemStatus
    from gongkai.catalogue.transitions import approve_and_publish, confirm_personal_data
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.links import broken_links
    from gongkai.migration.html import mirror_pages
    from gongkai.migration.run import migrate
    from gongkai.policies.models import Interpretation

    settings.MEDIA_ROOT = tmp_path / "media"
    root = write_mirror(tmp_path / "mirror", site())
    summary = migrate(pingtan, lambda: mirror_pages(root), by=site_admin)
    assert summary.counts["created"] == 4
    rule = Item.objects.get(source_url=RULE)
    # the attachment's mobile number holds the page back for review
    assert rule.status == ItemStatus.SUBMITTED
    assert [h["where"] for h in rule.personal_data] == ["附件“补助对象名单.csv”"]
    assert rule.attachments.get().original_name == "补助对象名单.csv"
    assert rule.index_number == "000014349/2024-00001"
    # what the block printed and the catalogue has no field for is kept as printed
    assert (rule.source_subject, rule.source_publisher) == ("城乡建设", "示例县人民政府")
    reading = Item.objects.get(source_url=READING)
    assert Interpretation.objects.filter(interpretation=reading, document=rule).exists()
    assert f'href="/item/{rule.pk}/"' in reading.body  # the link follows the page it named
    # the old host is this site's now: the link to the page never crawled is broken, the
    # one to the migrated page is not (the rule is held, so it is "not yet public")
    settings.GONGKAI_SITE_HOSTS = [HOST, "testserver"]
    findings = list(broken_links([pingtan], date(2024, 4, 1), current_calendar()))
    assert sorted((f.context, f.detail.rsplit("：", 1)[-1]) for f in findings) == [
        (f"/item/{rule.pk}/", "链接的信息尚未公开。"),
        (GONE, "本站页面不存在。"),
    ]
    # the reviewer confirms the list may be published; the rule keeps its old date and number
    confirm_personal_data(rule, by=site_reviewer, reason="补助对象名单依规定公示")
    # a 规范性文件 is published only once registered (国办发〔2018〕37号), migrated or not
    from gongkai.policies.transitions import register_at_drafting

    register_at_drafting(rule, by=site_admin, on=date(2024, 4, 2))
    rule = approve_and_publish(rule, by=site_reviewer, on=date(2024, 4, 2))
    assert (rule.published_on, rule.index_number) == (date(2024, 1, 5), "000014349/2024-00001")
    findings = list(broken_links([pingtan], date(2024, 4, 2), current_calendar()))
    assert [f.context for f in findings] == [GONE]
    again = migrate(pingtan, lambda: mirror_pages(root), by=site_admin)
    assert (again.counts["created"], again.counts["updated"]) == (0, 0)


def test_a_warc_crawl_goes_through_the_command(tmp_path, settings, pingtan, site_admin):
    from django.core.management import call_command

    from gongkai.catalogue.models import Item

    settings.MEDIA_ROOT = tmp_path / "media"
    warc = write_warc(tmp_path / "site.warc.gz", site())
    mapping = tmp_path / "mapping.csv"
    out = io.StringIO()
    call_command(
        "migrate-site", str(warc), agency="PZ00101", dry_run=True, mapping=str(mapping), stdout=out
    )
    shown = out.getvalue()
    assert "共 4 个页面，4 个栏目" in shown
    assert "zwgk/gfxwj\t\t1\t→ gfxwj\t" in shown
    assert "含个人信息、将暂缓公开待审查的页面 1 个" in shown
    assert Item.objects.count() == 0  # a dry run writes nothing
    # the clerk edits the mapping: the 规范性文件 column, under its proper name and kind
    text = mapping.read_text(encoding="utf-8-sig")
    mapping.write_text(
        text.replace("zwgk/gfxwj,,1,gfxwj,", "zwgk/gfxwj,,1,行政规范性文件,规范性文件"),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "migrate-site",
        str(warc),
        agency="PZ00101",
        mapping=str(mapping),
        user=site_admin.username,
        stdout=out,
    )
    assert "新增 4 条" in out.getvalue()
    rule = Item.objects.get(source_url=RULE)
    assert (rule.category.name, rule.document_kind) == ("行政规范性文件", "normative")


def test_a_bad_mapping_is_refused_whole(tmp_path, pingtan, site_admin):
    from django.core.management import CommandError, call_command

    from gongkai.catalogue.models import Item

    warc = write_warc(tmp_path / "site.warc.gz", site())
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        "栏目路径,栏目名称,页数,分类,类型\nzwgk/gfxwj,,1,,\nzwgk/zcjd,,1,政策解读,解读文件\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        call_command(
            "migrate-site",
            str(warc),
            agency="PZ00101",
            mapping=str(mapping),
            user=site_admin.username,
        )
    assert "第2行：栏目“zwgk/gfxwj”没有填写分类" in str(refused.value)
    assert "第3行：类型“解读文件”应为空、规范性文件或政策解读" in str(refused.value)
    assert Item.objects.count() == 0


def test_a_page_fetched_twice_and_a_repeated_index_number_do_not_stop_the_run(
    tmp_path, settings, pingtan, site_admin
):
    from gongkai.catalogue.models import Item
    from gongkai.migration.html import page_from_html
    from gongkai.migration.run import migrate

    settings.MEDIA_ROOT = tmp_path / "media"
    pages = site()
    copy = BASE + "gfxwj/202401/t20240107_1005.html"  # another page, the same 索引号 printed

    def crawl():
        yield page_from_html(pages[RULE], RULE)
        yield page_from_html(pages[RULE], RULE)
        yield page_from_html(pages[RULE], copy)

    summary = migrate(pingtan, crawl, by=site_admin)
    assert summary.counts["created"] == 1 and summary.counts["repeated"] == 1
    assert summary.unreadable == [
        (
            copy,
            "示例县人民政府关于印发《示例县农村危房改造补助办法》的通知",
            "索引号“000014349/2024-00001”已被本系统中的其他信息使用",
        )
    ]
    assert Item.objects.filter(agency=pingtan).count() == 1
