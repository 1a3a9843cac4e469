"""A later decision ends the documents it names: the migrated site's abolition chains give
each ended document its 有效性 and the day it stopped, which table 二 counts. The sample's
chain is read by hand from its pages; the other wordings are pages built here the way the
sample's decisions are written."""

from datetime import date

import pytest
import time_machine

pytestmark = pytest.mark.django_db


def page(doc_id, title, *, number="", published, written=None, body="", column="zfxxgk/gfxwj"):
    from gongkai.migration.pages import Page

    return Page(
        url=f"https://www.example.gov.cn/{column}/t_{doc_id}.htm",
        column_path=column,
        column_name="行政规范性文件",
        title=title,
        published_on=published,
        written_on=written,
        document_number=number,
        body=f"<p>{body}</p>",
    )


def run(agency, by, pages):
    from gongkai.migration.run import migrate

    return migrate(agency, lambda: iter(pages), by=by)


def item(doc_id):
    from gongkai.catalogue.models import Item

    return Item.objects.get(source_url__endswith=f"t_{doc_id}.htm")


def test_the_samples_decision_ends_the_document_it_names_from_the_day_it_was_published(
    pingtan, site_admin, archive_pages
):
    from gongkai.catalogue.models import Item, Validity
    from gongkai.policies.models import DocumentRelation, RelationKind

    summary = run(pingtan, site_admin, list(archive_pages()))
    # 102272 (岚综管规〔2025〕3号, published 2025-07-02) abolishes three documents "自本决定公布之日
    # 起"; only 岚综管综〔2016〕299号 (102201) is in the sample. The seven other decisions name
    # numbers and titles no sample page has (79838's 2011 规定, 90007's 〔2016〕151号, …).
    ended = Item.objects.get(source_url__endswith="_102201.htm")
    decision = Item.objects.get(source_url__endswith="_102272.htm")
    assert (ended.validity, ended.validity_changed_on) == (Validity.REPEALED, date(2025, 7, 2))
    assert list(DocumentRelation.objects.values_list("newer", "older", "kind", "on")) == [
        (decision.pk, ended.pk, RelationKind.REPEALS, date(2025, 7, 2))
    ]
    assert [(e[1], e[2]) for e in summary.endings] == [(ended.title, date(2025, 7, 2))]
    # 2496 says 已废止 only in its title and no decision names it: no date is guessed; the
    # clerk is told, with the 有效期 its body states
    unknown = Item.objects.get(source_url__endswith="_2496.htm")
    assert (unknown.validity, unknown.validity_changed_on) == (Validity.REPEALED, None)
    notes = [note for url, _, note in summary.notes if url.endswith("_2496.htm")]
    assert len(notes) == 1 and "有效期至2015年" not in notes[0]
    assert "未注明日期" in notes[0] and "有效期至2020年12月31日" in notes[0]
    assert Item.objects.filter(agency=pingtan).exclude(validity=Validity.VALID).count() == 2


def test_a_second_run_keeps_the_ending_and_changes_nothing(pingtan, site_admin, archive_pages):
    from gongkai.catalogue.models import Validity

    run(pingtan, site_admin, list(archive_pages()))
    second = run(pingtan, site_admin, list(archive_pages()))
    assert (second.counts["updated"], second.counts["ended"]) == (0, 0)
    assert item_by_tail("102201").validity == Validity.REPEALED


def item_by_tail(tail):
    from gongkai.catalogue.models import Item

    return Item.objects.get(source_url__endswith=f"_{tail}.htm")


def test_a_named_day_an_issuing_day_and_a_cited_ground(pingtan, site_admin):
    from gongkai.catalogue.models import Validity

    pages = [
        page(
            "1",
            "某区关于印发《政府集中采购目录及限额标准》的通知",
            number="某综〔2021〕35号",
            published=date(2021, 3, 1),
            written=date(2021, 2, 26),
        ),
        page(
            "2",
            "某区关于进一步规范采购的通知",
            number="某综〔2022〕8号",
            published=date(2022, 5, 1),
            written=date(2022, 4, 28),
        ),
        # the sample's 102350: a day named ahead of publication, a mixed bracket in the number,
        # and the ground it rests on cited before the list
        page(
            "3",
            "某区关于废止《某区关于印发〈政府集中采购目录及限额标准〉的通知》的决定",
            number="某规〔2025〕2号",
            published=date(2025, 6, 26),
            body="根据《某区关于进一步规范采购的通知》（某综〔2022〕8号）要求，现决定废止"
            "《某区关于印发〈政府集中采购目录及限额标准〉的通知》（某综[2021〕35号），"
            "自2025年7月1日起停止执行。",
        ),
        page(
            "4",
            "某区关于印发《农村公路养护办法》的通知",
            number="某综〔2019〕12号",
            published=date(2019, 8, 2),
            written=date(2019, 8, 1),
        ),
        # the sample's 79829 and 104937: 宣布失效, from the day it was issued (成文日期)
        page(
            "5",
            "某区关于宣布失效一批规范性文件的通知",
            number="某综〔2023〕40号",
            published=date(2023, 3, 10),
            written=date(2023, 3, 6),
            body="经清理，下列文件宣布失效：1.某综〔2019〕12号 关于印发《农村公路养护办法》的通知。"
            "上述文件自本通知印发之日起一律停止执行。",
        ),
    ]
    pages += [
        # the sample's 102201: re-posted after the decision that ended it, with no 成文日期
        page(
            "6",
            "某区关于公布中介服务事项的通知",
            number="某综〔2016〕299号",
            published=date(2025, 10, 24),
        ),
        page(
            "7",
            "某区关于废止一批文件的决定",
            number="某规〔2025〕3号",
            published=date(2025, 7, 2),
            body="现决定废止以下文件：一、《某区关于公布中介服务事项的通知》（某综〔2016〕299号）。"
            "废止的文件，自本决定公布之日起停止执行。",
        ),
    ]
    summary = run(pingtan, site_admin, pages)
    assert (item("6").validity, item("6").validity_changed_on) == (
        Validity.REPEALED,
        date(2025, 7, 2),
    )
    [late] = [e for e in summary.endings if e[1] == "某区关于公布中介服务事项的通知"]
    assert late[4] == "发布于废止之后：2025-10-24 发布，2025-07-02 起已停止执行"
    assert (item("1").validity, item("1").validity_changed_on) == (
        Validity.REPEALED,
        date(2025, 7, 1),
    )
    assert (item("2").validity, item("2").validity_changed_on) == (Validity.VALID, None)
    assert (item("4").validity, item("4").validity_changed_on) == (
        Validity.EXPIRED,
        date(2023, 3, 6),
    )
    assert summary.counts["ended"] == 3


def test_a_decision_never_ends_a_later_document_and_a_persons_edit_stands(pingtan, site_admin):
    from gongkai.catalogue.models import Item, Validity

    pages = [
        # the same serial in a later year: not the one the 2020 decision names
        page(
            "1",
            "某区关于印发《老旧小区改造办法》的通知",
            number="某综〔2024〕9号",
            published=date(2024, 3, 1),
            written=date(2024, 2, 27),
        ),
        page(
            "2",
            "某区关于废止一批文件的决定",
            number="某规〔2020〕1号",
            published=date(2020, 5, 6),
            body="现决定废止以下文件：一、《某区关于印发〈老旧小区改造办法〉的通知》（某综〔2019〕9号）。"
            "自本决定公布之日起停止执行。",
        ),
        page(
            "3",
            "某区关于印发《河道管理办法》的通知",
            number="某综〔2018〕4号",
            published=date(2018, 1, 9),
            written=date(2018, 1, 5),
        ),
    ]
    run(pingtan, site_admin, pages)
    assert item("1").validity == Validity.VALID  # 〔2024〕9号 is not 〔2019〕9号
    # a clerk corrects 3 here; a decision found on a later run does not overwrite them
    edited = item("3")
    Item.objects.filter(pk=edited.pk).update(document_number="某综〔2018〕4号")
    edited.refresh_from_db()
    edited.save()  # a person's save: updated_at after migrated_at
    pages.append(
        page(
            "4",
            "某区关于废止《河道管理办法》的决定",
            number="某规〔2021〕3号",
            published=date(2021, 9, 1),
            body="自公布之日起施行。",
        )
    )
    second = run(pingtan, site_admin, pages)
    assert item("3").validity == Validity.VALID
    assert second.counts["ended"] == 0


def test_the_old_sites_publisher_is_kept_and_shown_on_the_public_page(
    pingtan, site_admin, archive_pages, client
):
    run(pingtan, site_admin, list(archive_pages()))
    # 79561 (征收土地公告): its header and its block both say 发文机关 平潭综合实验区自然资源与
    # 生态环境局; its 主题分类 is printed empty, so none is kept
    kept = item_by_tail("79561")
    assert (kept.source_publisher, kept.source_subject) == (
        "平潭综合实验区自然资源与生态环境局",
        "",
    )
    page = client.get(f"/item/{kept.pk}/").content.decode()
    assert "原发布机构" in page and "平潭综合实验区自然资源与生态环境局" in page
    # 2496: ended, with no date the old site gave: the page says so instead of a date
    assert (
        "废止（原网站未注明日期）"
        in client.get(f"/item/{item_by_tail('2496').pk}/").content.decode()
    )


@time_machine.travel("2026-09-10 09:00 +0800", tick=False)
def test_the_clerk_fills_in_the_date_the_old_site_did_not_give(
    pingtan, site_admin, archive_pages, client
):
    from django.urls import reverse

    from gongkai.catalogue.models import Validity
    from gongkai.core.models import Role
    from tests.migration.conftest import member

    run(pingtan, site_admin, list(archive_pages()))
    clerk = member(pingtan, "pt-clerk", Role.CLERK)
    client.force_login(clerk)
    undated, in_force = item_by_tail("2496"), item_by_tail("79561")
    page = client.get(reverse("office:item", args=[undated.pk])).content.decode()
    assert "补录失效或废止日期" in page
    page = client.get(reverse("office:item", args=[in_force.pk])).content.decode()
    assert "补录失效或废止日期" not in page
    url = reverse("office:item_action", args=[undated.pk, "ending_date"])
    # its body says 有效期至2020年12月31日: the clerk checks and records 2021-01-01; a day
    # to come is refused (the old site already says it has ended)
    refused = client.post(url, {"ending_date-on": "2026-12-01"}, follow=True)
    assert "失效或废止日期不能晚于今天" in refused.content.decode()
    client.post(url, {"ending_date-on": "2021-01-01"})
    undated.refresh_from_db()
    assert (undated.validity, undated.validity_changed_on) == (Validity.REPEALED, date(2021, 1, 1))
    # a hand-made post on a document still in force is refused with the step's sentence
    after = client.post(
        reverse("office:item_action", args=[in_force.pk, "ending_date"]),
        {"ending_date-on": "2021-01-01"},
        follow=True,
    ).content.decode()
    assert "只有已标注失效或废止、但没有日期的信息" in after
    in_force.refresh_from_db()
    assert in_force.validity_changed_on is None
