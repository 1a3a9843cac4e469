"""The migrated sample through the rest of the system: search finds every page by its own
words, 文号 and 索引号; the self-check reads freshness from the real dates, wording from the
real text, and never times a migrated page; table 二 counts the migrated 规范性文件."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def migrated(pingtan, site_admin, archive_pages):
    from gongkai.migration.run import migrate

    migrate(pingtan, archive_pages, by=site_admin)
    return pingtan


def distinctive_words(title: str, frequency: dict[str, int], n: int = 3) -> list[str]:
    """The title's rarest words across the migrated pages (ties: the longer first)."""
    from gongkai.catalogue.search import words

    own = sorted(set(w for w in words(title) if len(w) > 1), key=lambda w: (frequency[w], -len(w)))
    return own[:n]


def test_every_published_page_is_found_by_its_words_its_number_and_its_index(migrated):
    from collections import Counter

    from gongkai.catalogue.models import Item, ItemStatus
    from gongkai.catalogue.search import search, words

    published = list(Item.objects.filter(agency=migrated, status=ItemStatus.PUBLISHED))
    assert len(published) == 77  # 83 migrated, 6 held
    frequency = Counter(w for item in published for w in set(words(item.title)))
    for item in published:
        query = " ".join(distinctive_words(item.title, frequency))
        assert item in search(query, agency=migrated), (item.title, query)
    numbered = [item for item in published if item.document_number]
    # 文号 by hand: 26 header 文号 lines, less 77034's 无, plus 841 and 2496 (in the body's
    # head), less the held 841 and 57590
    assert len(numbered) == 25
    for item in numbered:
        assert search(item.document_number, agency=migrated)[0] == item, item.document_number
    kept = [item for item in published if "/" not in item.index_number]  # the old site's own
    assert len(kept) == 14
    for item in published:
        assert search(item.index_number)[:1] == [item], item.index_number


def test_the_self_check_reads_freshness_from_the_real_dates(migrated):
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.selfcheck import run

    def findings(today):
        check = run([migrated], today=today, calendar=current_calendar())
        return sorted(
            (f.indicator, f.subject)
            for f in check.findings
            if f.indicator in ("not_updated", "column_stale", "empty_column", "late_publication")
        )

    # on the crawl's day: 平潭要闻's newest is 2026-09-04, 公示公告's 2026-09-04 (its newer
    # 2026-09-10 items were not crawled): both fresh. Empty: 工作动态 and the 财政金融局
    # column, whose one page each is held; sqbg, whose one entry is a .doc not crawled; and
    # 年报, of which the sample has none — four, below 19号's veto of five.
    assert findings(date(2026, 9, 10)) == [
        ("empty_column", "sqbg"),
        ("empty_column", "工作动态"),
        ("empty_column", "平潭综合实验区财政金融局"),
        ("empty_column", "政府信息公开年报"),
    ]
    # three weeks later 要闻 is past its two weeks (19号: 动态、要闻类 not over 2 weeks); one stale
    # column is a deduction, a veto only from five (issue 23)
    assert ("column_stale", "平潭要闻") in findings(date(2026, 10, 1))


def test_the_wording_check_finds_no_false_veto_in_the_real_text(migrated):
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.selfcheck import run

    # the sample names 国土资源局 and 环境保护部 in documents of 2012-2019, before the
    # 2018 reform (and the local reforms by March 2019) renamed them: right when written
    check = run([migrated], today=date(2026, 9, 10), calendar=current_calendar())
    assert [f for f in check.findings if f.indicator == "serious_wording"] == []
    assert "serious_wording" not in [i for i in check.scores[migrated.pk].deductions]


def test_a_migrated_page_is_never_counted_late(pingtan, site_admin, archive_pages):
    """108774 says nothing of when it was written; were it written in January (a control,
    not what the page says), our 20 working days would have run out long before 9 月."""
    from gongkai.catalogue.models import Item
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.selfcheck import run
    from gongkai.migration.run import migrate

    def written_in_january():
        for page in archive_pages():
            if page.url.endswith("_108774.htm"):
                page.written_on = date(2026, 1, 5)
            yield page

    migrate(pingtan, written_in_january, by=site_admin)
    item = Item.objects.get(source_url__endswith="_108774.htm")
    assert (item.formed_on, item.published_on) == (date(2026, 1, 5), date(2026, 9, 4))
    timeliness = item.timeliness(calendar=current_calendar(), today=date(2026, 9, 10))
    assert not timeliness.late
    check = run([pingtan], today=date(2026, 9, 10), calendar=current_calendar())
    assert [f for f in check.findings if f.indicator == "late_publication"] == []


def test_table_two_counts_the_migrated_normative_documents(migrated):
    from gongkai.catalogue.models import DocumentKind
    from gongkai.reports.compute import documents_rows

    # by hand from the 14 pages of 行政规范性文件 (dated by 成文日期, else 发布时间):
    # 2016: 80107, 79826, 79823, 102201 made; 2024: 90007, 91148; 2025: 102350, 102272,
    # 104937. None says 废止 or 失效 in its 有效性; but 102272 (公布 2025-07-02, "自本决定公布
    # 之日起停止执行") abolishes 岚综管综〔2016〕299号 = 102201, so 2025 has one 废止 and 13
    # in force at 31 December (14 made by then, less 102201). The other decisions name
    # documents that are not in the sample (their numbers match no page).
    rows = lambda year: documents_rows([migrated.pk], year, DocumentKind.NORMATIVE)[migrated.pk]  # noqa: E731
    assert rows(2016) == [4, 0, 4]
    assert rows(2024) == [2, 0, 11]
    assert rows(2025) == [3, 1, 13]


def test_a_migrated_normative_document_can_be_registered(migrated, site_admin):
    from gongkai.catalogue.models import Item
    from gongkai.policies.transitions import register_normative

    item = Item.objects.get(source_url__endswith="_102272.htm")
    record = register_normative(
        item, by=site_admin, on=date(2026, 9, 10), effective_on=date(2025, 7, 2)
    )
    assert record.registration_number == "PZ00101-2026-001"
    assert record.item.document_number == "岚综管规〔2025〕3号"


def test_the_item_page_says_the_page_was_migrated_and_keeps_its_index_number(migrated, client):
    from gongkai.catalogue.models import Item

    item = Item.objects.get(source_url__endswith="_79826.htm")
    page = client.get(f"/item/{item.pk}/").content.decode()
    assert '<th scope="row">索引号</th><td>PZ00101-1700-2023-00059</td>' in page
    assert "迁移自原网站“行政规范性文件”栏目" in page
    assert item.source_url in page
