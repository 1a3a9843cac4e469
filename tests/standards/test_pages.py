"""The portal's 标准目录 page and the staff pages of the standard catalogue."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from gongkai.catalogue import transitions as t
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption, RegisterEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    return rows


def test_the_portal_shows_each_row_with_its_deadline_and_its_published_items(
    adopted, township, clerk, reviewer, relief, client
):
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="2025年6月低保对象认定结果公示",
        formed_on=date(2025, 6, 2),
    )
    s.link_item(item, adopted["低保"], by=clerk)
    t.submit(item, by=clerk)
    t.approve_and_publish(item, by=reviewer, on=date(2025, 6, 4))
    s.hide(Adoption.objects.get(matter=adopted["补贴"]), by=clerk, reason="不适用")
    page = client.get(f"/agency/{township.index_prefix}/standards/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "城乡低保对象认定结果" in text and "信息形成或变更之日起7个工作日内" in text
    assert f'href="/item/{item.pk}/"' in text
    assert "每季度（季度结束后10个工作日内）" in text
    assert "补贴发放结果" not in text  # hidden rows are not the agency's catalogue
    assert "更新日期：" in text


def test_an_agency_without_a_catalogue_says_so(township, client):
    page = client.get(f"/agency/{township.index_prefix}/standards/")
    assert "本机关尚未编制标准目录" in page.content.decode()


def test_the_clerk_adopts_the_model_and_hides_a_row_on_the_office_page(
    model, township, clerk, client
):
    catalogue, rows = model
    client.force_login(clerk)
    client.post(
        f"/office/standards/step/adopt/?agency={township.pk}", {"adopt-catalogue": catalogue.pk}
    )
    assert Adoption.objects.filter(agency=township).count() == 3
    row = Adoption.objects.get(agency=township, matter=rows["补贴"])
    page = client.get("/office/standards/").content.decode()
    hide = f"/office/standards/row/{row.pk}/hide/"
    assert f'action="{hide}"' in page and f"/office/standards/row/{row.pk}/restore/" not in page
    page = client.post(hide, {"hide-reason": ""}, follow=True)
    assert "标记不适用：这个字段是必填项。" in page.content.decode()
    client.post(hide, {"hide-reason": "无此补贴"})
    row.refresh_from_db()
    assert row.hidden and row.hidden_reason == "无此补贴"
    page = client.get("/office/standards/").content.decode()
    assert f"/office/standards/row/{row.pk}/restore/" in page and f'action="{hide}"' not in page


def test_adopting_a_catalogue_not_issued_from_above_is_refused_with_a_sentence(
    model, township, clerk, client
):
    catalogue, _ = model
    client.force_login(clerk)
    adopt = f"/office/standards/step/adopt/?agency={township.pk}"
    page = client.post(
        adopt, {"adopt-catalogue": catalogue.pk + 1000}, follow=True
    ).content.decode()
    assert "采用全部事项：只能采用本机关或上级机关下发的标准目录模板" in page
    page = client.post(adopt, {}, follow=True).content.decode()
    assert "采用全部事项：请选择要采用的标准目录模板" in page
    assert not Adoption.objects.filter(agency=township).exists()


def test_a_local_row_with_an_unreadable_limit_is_refused_on_the_page(township, clerk, client):
    client.force_login(clerk)
    fields = {
        "domain": "就业",
        "level1": "招聘",
        "level2": "公益性岗位招聘",
        "limit": "尽快",
        "audience": "public",
        "manner": "proactive",
        "notice_end": "mark",
    }
    page = client.post(
        f"/office/standards/step/local/?agency={township.pk}",
        {f"local-{name}": value for name, value in fields.items()},
        follow=True,
    )
    assert "增加本机关事项：无法识别公开时限“尽快”" in page.content.decode()
    assert not Adoption.objects.filter(agency=township).exists()


def test_the_register_page_records_and_finds_an_entry(township, clerk, client):
    client.force_login(clerk)
    client.post(
        f"/office/standards/register/step/entry/?agency={township.pk}",
        {
            "entry-attribute": "withheld",
            "entry-title": "信访事项内部处理意见",
            "entry-document_number": "青政办〔2025〕3号",
            "entry-dated_on": "2025-02-10",
            "entry-reason": "内部事务信息",
            "entry-basis": "条例第十六条第一款",
            "entry-review_on": "2026-02-10",
        },
    )
    assert RegisterEntry.objects.get().title == "信访事项内部处理意见"
    page = client.get("/office/standards/register/", {"q": "信访"})
    assert "青政办〔2025〕3号" in page.content.decode()


def test_the_import_page_lists_problems_by_row(township, clerk, client):
    book = Workbook()
    book.active.append(["领域", "一级事项", "二级事项", "公开时限"])
    book.active.append(["就业", "招聘", "公益性岗位", "尽快"])
    data = io.BytesIO()
    book.save(data)
    client.force_login(clerk)
    upload = io.BytesIO(data.getvalue())
    upload.name = "目录.xlsx"
    page = client.post("/office/standards/import/", {"target": "local", "file": upload})
    assert "第 2 行：无法识别公开时限“尽快”" in page.content.decode()
    export = client.get("/office/standards/import/", {"format": "xlsx"})
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_an_outsider_is_refused_the_townships_pages(township, outsider, client):
    client.force_login(outsider)
    page = client.get(f"/office/standards/?agency={township.pk}")
    assert township.name not in page.content.decode()


def test_the_item_page_suggests_links_and_sets_the_type_and_notice(
    adopted, township, clerk, relief, client
):
    from gongkai.catalogue.models import InfoType

    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="低保对象认定结果公示",
        formed_on=date(2025, 6, 2),
    )
    client.force_login(clerk)
    page = client.get(f"/office/standards/item/{item.pk}/").content.decode()
    # each suggestion is listed with its 采用 button (issue 25)
    assert "按分类和标题推荐" in page and "社会救助／城乡低保对象认定结果" in page
    client.post(
        f"/office/standards/item/{item.pk}/standards/",
        {
            "standards-matter": adopted["低保"].pk,
            "standards-info_type": "village",
            "standards-notice_from": "2025-06-05",
            "standards-notice_days": "7",
        },
    )
    item.refresh_from_db()
    assert (item.matter, item.info_type, item.notice_last_day) == (
        adopted["低保"],
        InfoType.VILLAGE,
        date(2025, 6, 11),
    )


def test_the_matter_is_chosen_when_drafting_from_the_agencys_catalogue_only(
    adopted, model, township, clerk, relief, client
):
    from gongkai.catalogue.models import Item

    client.force_login(clerk)
    fields = {
        "category": relief.pk,
        "title": "低保对象认定结果公示",
        "formed_on": "2025-06-02",
        "document_kind": "other",
        "info_type": "government",
    }
    client.post("/office/items/new/", {**fields, "matter": adopted["低保"].pk})
    assert Item.objects.get().matter == adopted["低保"]
    s.hide(Adoption.objects.get(matter=adopted["补贴"]), by=clerk, reason="不适用")
    page = client.post("/office/items/new/", {**fields, "matter": adopted["补贴"].pk})
    assert page.status_code == 200 and Item.objects.count() == 1  # not in its 目录 now
