"""Running the migration again updates, never duplicates; a run that stops half-way is
carried on by the next one with exact counts."""

import pytest

pytestmark = pytest.mark.django_db


class Interrupted(Exception):
    pass


def failing_at(pages, n):
    """The crawl's pages, the run failing as it reaches page n (a crash, a killed process)."""

    def read():
        for number, page in enumerate(pages(), start=1):
            if number == n:
                raise Interrupted(f"page {n}")
            yield page

    return read


def test_a_second_run_changes_nothing(pingtan, site_admin, archive_pages):
    from gongkai.catalogue.models import Item
    from gongkai.core.models import AuditEntry
    from gongkai.migration.run import migrate

    migrate(pingtan, archive_pages, by=site_admin)
    numbers = dict(Item.objects.values_list("source_url", "index_number"))
    second = migrate(pingtan, archive_pages, by=site_admin)
    assert (second.counts["created"], second.counts["updated"], second.counts["unchanged"]) == (
        0,
        0,
        83,
    )
    assert Item.objects.filter(agency=pingtan).count() == 83
    assert dict(Item.objects.values_list("source_url", "index_number")) == numbers
    assert AuditEntry.objects.filter(action="site.migrated").count() == 2


def test_an_interrupted_run_is_resumed_with_exact_counts(pingtan, site_admin, archive_pages):
    from gongkai.catalogue.models import Item
    from gongkai.migration.run import migrate

    # the survey reads every page first; the failure comes while writing, at page 50: two
    # batches of 20 are committed, the third is rolled back
    calls = {"n": 0}

    def crawl():
        calls["n"] += 1
        return archive_pages() if calls["n"] == 1 else failing_at(archive_pages, 50)()

    with pytest.raises(Interrupted):
        migrate(pingtan, crawl, by=site_admin, batch=20)
    assert Item.objects.filter(agency=pingtan).count() == 40
    resumed = migrate(pingtan, archive_pages, by=site_admin, batch=20)
    # 84 pages, the sqbg page unreadable (it is page 56, in a later batch): 43 new
    assert (resumed.counts["created"], resumed.counts["unchanged"]) == (43, 40)
    assert Item.objects.filter(agency=pingtan).count() == 83
    assert Item.objects.values("source_url").distinct().count() == 83


def test_a_changed_page_is_updated_and_an_item_edited_here_is_kept(
    pingtan, site_admin, archive_pages
):
    from gongkai.catalogue.models import Item
    from gongkai.catalogue.search import search
    from gongkai.migration.run import migrate

    migrate(pingtan, archive_pages, by=site_admin)
    target = "t20161026_79826.htm"

    def corrected():
        for page in archive_pages():
            if page.url.endswith(target):
                page.title = page.title.replace("部分规范性文件", "部分规范性文件（更正）")
            yield page

    again = migrate(pingtan, corrected, by=site_admin)
    assert again.counts["updated"] == 1
    item = Item.objects.get(source_url__endswith=target)
    assert item.title.endswith("废止部分规范性文件（更正）的通知")
    assert item.index_number == "PZ00101-1700-2023-00059"
    assert item in search("更正", agency=pingtan)
    # a person edits it here: the next run leaves it as they made it
    Item.objects.get(pk=item.pk).save()
    third = migrate(pingtan, archive_pages, by=site_admin)
    assert third.counts["kept"] == 1
    assert Item.objects.get(pk=item.pk).title.endswith("（更正）的通知")


def test_only_the_agencys_administrator_may_migrate(pingtan, site_reviewer, archive_pages):
    from gongkai.core.transitions import TransitionError
    from gongkai.migration.run import migrate

    with pytest.raises(TransitionError, match="管理员"):
        migrate(pingtan, archive_pages, by=site_reviewer)
