"""Importing an existing catalogue: all rows or none, every problem with its row number,
index numbers in the file kept when valid and unique."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.importer import ImportRefused, import_catalogue
from gongkai.catalogue.models import Category, IndexCounter, Item, ItemStatus, Validity
from gongkai.catalogue.search import search
from gongkai.core.models import AuditEntry
from tests.catalogue.files import xlsx

pytestmark = pytest.mark.django_db
HEADER = [
    "索引号",
    "名称",
    "分类",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "时效性",
    "废止日期",
    "文件类型",
]
GOOD = [
    HEADER,
    [
        "012345671/2024-00007",
        "青石镇低保资金发放公示",
        "社会救助",
        "",
        "",
        "2024-03-05",
        "",
        "",
        "",
        "",
    ],
    ["", "青石镇征地补偿方案", "土地征收", "云岭县青石镇人民政府", "", "2024/4/1", "", "", "", ""],
    [
        "",
        "青石镇集体资产管理办法",
        "行政法规、规章和规范性文件",
        "",
        "2023-01-05",
        "2023-01-09",
        "青政发〔2023〕1号",
        "废止",
        "2024-06-30",
        "行政规范性文件",
    ],
    [
        "",
        "青石镇防汛预案",
        "突发公共事件的应急预案、预警信息及应对情况",
        "",
        "",
        "2024-05-20",
        "",
        "",
        "",
        "",
    ],
]


def test_a_clean_excel_file_is_imported_keeping_its_index_numbers(township, clerk, reviewer):
    items = import_catalogue(township, xlsx(GOOD), "目录.xlsx", by=reviewer, publish=True)
    numbers = [item.index_number for item in items]
    # the kept 2024 serial is 7, so new 2024 numbers follow it in row order: 8 (row 3),
    # 9 (row 5); the 2023 row starts that year's series at 1
    assert numbers == [
        "012345671/2024-00007",
        "012345671/2024-00008",
        "012345671/2023-00001",
        "012345671/2024-00009",
    ]
    assert all(item.status == ItemStatus.PUBLISHED for item in items)
    repealed = items[2]
    assert (repealed.validity, repealed.validity_changed_on) == (
        Validity.REPEALED,
        date(2024, 6, 30),
    )
    assert repealed.document_kind == "normative" and repealed.article20_item == 1
    assert [i.title for i in search("征地")] == ["青石镇征地补偿方案"]
    # the next publication through the workflow continues after the imported serials
    draft = t.create_draft(
        township, by=clerk, category=items[0].category, title="新公示", formed_on=date(2024, 6, 3)
    )
    published = t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2024, 6, 3))
    assert published.index_number == "012345671/2024-00010"
    entry = AuditEntry.objects.get(action="catalogue.imported")
    assert entry.actor == reviewer and entry.data["confirmed_reviewed"] is True


def test_a_clerks_import_is_submitted_for_review_never_published(township, clerk, reviewer):
    items = import_catalogue(township, xlsx(GOOD), "目录.xlsx", by=clerk)
    assert {item.status for item in items} == {ItemStatus.SUBMITTED}
    # the old catalogue's number is kept; the others are numbered when published
    assert [item.index_number for item in items] == ["012345671/2024-00007", None, None, None]
    assert search("征地") == []  # nothing public yet
    published = t.approve_and_publish(items[1], by=reviewer, on=date(2024, 6, 3))
    assert (published.published_on, published.index_number) == (
        date(2024, 4, 1),  # the date its old catalogue published it
        "012345671/2024-00008",
    )
    assert AuditEntry.objects.get(action="catalogue.imported").data["confirmed_reviewed"] is False


def test_a_clerk_cannot_import_as_published(township, clerk):
    from gongkai.core.transitions import TransitionError

    with pytest.raises(TransitionError, match="审核人"):
        import_catalogue(township, xlsx(GOOD), "目录.xlsx", by=clerk, publish=True)
    assert not Item.objects.exists()


def test_a_reviewers_direct_publication_refuses_rows_with_personal_data(township, reviewer):
    rows = [HEADER, ["", "值班电话 139 1234 5678", "社会救助", "", "", "2024-03-05", *[""] * 4]]
    with pytest.raises(ImportRefused, match="直接公开的导入不能含个人信息"):
        import_catalogue(township, xlsx(rows), "目录.xlsx", by=reviewer, publish=True)


def test_a_submitted_row_carries_its_personal_data_scan_to_the_reviewer(township, clerk):
    text = "名称,分类,发布日期,正文\n值班安排,社会救助,2024-03-05,<p>电话 139<b>1234</b>5678</p>\n"
    item = import_catalogue(township, text.encode(), "目录.csv", by=clerk)[0]
    assert [(h["kind"], h["masked"]) for h in item.personal_data] == [("手机号码", "139****5678")]


@pytest.mark.parametrize(
    ("published_on", "message"),
    [("2099-01-05", "晚于今天"), ("1900-01-01", "早于 1949-10-01")],
)
def test_impossible_dates_are_refused_row_by_row(township, clerk, published_on, message):
    """Once a 2099 date created index number …/2099-00001."""
    rows = [
        HEADER,
        ["", "甲", "社会救助", "", "", "2024-03-05", *[""] * 4],
        ["", "乙", "社会救助", "", "", published_on, *[""] * 4],
        ["", "丙", "社会救助", "", published_on, "2024-03-05", *[""] * 4],
    ]
    with pytest.raises(ImportRefused) as refused:
        import_catalogue(township, xlsx(rows), "目录.xlsx", by=clerk, today=date(2026, 12, 1))
    problems = {p.line: p.message for p in refused.value.problems}
    assert sorted(problems) == [3, 4] and all(message in m for m in problems.values())
    assert "发布日期" in problems[3] and "成文日期" in problems[4]
    assert not Item.objects.exists() and not IndexCounter.objects.exists()


def test_a_gbk_csv_from_excel_is_read(township, clerk):
    text = "名称,分类,发布日期\n青石镇低保公示,社会救助,2024/3/5\n"
    items = import_catalogue(township, text.encode("gbk"), "目录.csv", by=clerk)
    assert items[0].title == "青石镇低保公示" and items[0].published_on == date(2024, 3, 5)


def test_a_csv_cell_may_span_lines_and_windows_line_ends_are_read(township, clerk):
    """The import reads a CSV line by line in three passes; a quoted cell with line breaks
    stays one cell, and the row numbers in messages count spreadsheet rows."""
    text = (
        "名称,分类,发布日期,正文\r\n"
        '青石镇低保公示,社会救助,2024-03-05,"<p>第一段</p>\r\n<p>第二段</p>"\r\n'
        "青石镇临时救助公示,社会救助,2024-03-06,<p>正文</p>\r\n"
    )
    items = import_catalogue(township, text.encode("utf-8"), "目录.csv", by=clerk)
    assert [i.title for i in items] == ["青石镇低保公示", "青石镇临时救助公示"]
    assert "第一段" in items[0].body and "第二段" in items[0].body
    bad = text.replace("2024-03-06", "三月六日")
    with pytest.raises(ImportRefused) as refused:
        import_catalogue(township, bad.encode("utf-8"), "目录.csv", by=clerk)
    assert [p.line for p in refused.value.problems] == [3]


def test_every_bad_row_is_reported_and_nothing_is_written(township, clerk):
    bad = [
        HEADER,
        ["012345671/2024-00007", "甲", "社会救助", "", "", "2024-03-05", "", "", "", ""],
        ["012345671/2024-00007", "乙", "社会救助", "", "", "2024-03-06", "", "", "", ""],
        ["000014349/2024-00001", "丙", "社会救助", "", "", "2024-03-06", "", "", "", ""],
        ["012345671/2023-00002", "丁", "社会救助", "", "", "2024-03-06", "", "", "", ""],
        ["", "", "不存在的分类", "", "", "三月五日", "", "", "", ""],
        ["", "戊", "社会救助", "别的乡", "", "2024-03-06", "", "作废", "", "红头文件"],
        ["", "己", "社会救助", "", "", "2024-03-06", "", "废止", "", ""],
        ["", "庚：张三 11010519491231002X", "社会救助", "", "", "2024-03-06", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", ""],  # blank rows are skipped, not errors
        ["", "辛", "社会救助", "", "", "2024-03-07", "", "", "", ""],
    ]
    with pytest.raises(ImportRefused) as refused:
        import_catalogue(township, xlsx(bad), "目录.xlsx", by=clerk)
    problems = {p.line: p.message for p in refused.value.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 9]  # spreadsheet rows; row 2 and 11 are fine
    assert "与第 2 行重复" in problems[3]
    assert "格式应为 012345671/" in problems[4]
    assert "年份与发布日期不一致" in problems[5]
    assert all(w in problems[6] for w in ("缺少名称", "不存在", "不是日期"))
    assert all(w in problems[7] for w in ("不是本机关", "时效性", "文件类型"))
    assert "须填写失效或废止日期" in problems[8]
    assert "居民身份证号码 110***********002X" in problems[9]
    assert not Item.objects.exists() and not IndexCounter.objects.exists()
    assert not AuditEntry.objects.filter(action="catalogue.imported").exists()


def test_an_index_number_already_in_use_is_refused(township, clerk):
    import_catalogue(township, xlsx(GOOD[:2]), "a.xlsx", by=clerk)
    with pytest.raises(ImportRefused, match="已被本系统中的其他信息使用"):
        import_catalogue(township, xlsx(GOOD[:2]), "a.xlsx", by=clerk)
    assert Item.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        ("标题,日期\n甲,2024-01-01\n".encode(), "缺少：分类、发布日期"),
        (b"PK\x03\x04 not really excel", "无法读取该 Excel 文件"),
        (bytes([0xFF, 0xFE, 0x00, 0xD8]) * 10, "编码无法识别"),
    ],
)
def test_unreadable_files_get_one_clear_message(township, clerk, data, message):
    with pytest.raises((ImportRefused, ValueError), match=message):
        import_catalogue(township, data, "x.csv", by=clerk)
    assert not Item.objects.exists()


def test_the_import_page_lists_the_problems(client, township, clerk, outsider):
    client.force_login(clerk)
    upload = SimpleUploadedFile("目录.csv", "名称,分类,发布日期\n甲,社会救助,昨天\n".encode())
    submit = reverse("office:import_action", args=["submit"])  # catalogue/import_steps.py
    html = client.post(submit, {"submit-file": upload}).content.decode()
    assert "文件未导入" in html and "第 2 行" in html and "不是日期" in html
    upload = SimpleUploadedFile("目录.xlsx", xlsx(GOOD))
    response = client.post(submit, {"submit-file": upload}, follow=True)
    assert "已导入 4 条信息（已提交保密审查" in response.content.decode()
    assert not Item.objects.filter(status=ItemStatus.PUBLISHED).exists()
    template = client.get(reverse("office:import_template"))
    assert template.status_code == 200 and template.content.startswith(b"PK")
    client.force_login(outsider)
    url = submit + f"?agency={township.pk}"
    assert client.post(url, {"submit-file": SimpleUploadedFile("a.csv", b"x")}).status_code == 404


def test_the_template_itself_imports(client, township, clerk):
    client.force_login(clerk)
    template = client.get(reverse("office:import_template")).content
    items = import_catalogue(township, template, "template.xlsx", by=clerk)
    assert items[0].category == Category.objects.get(name="救灾", source="standard")
    assert items[0].document_number == "青政发〔2024〕5号"


def test_only_a_reviewers_explicit_confirmation_on_the_page_publishes(client, township, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("office:import")).content.decode()
    assert "直接公开（仅审核人）" in page
    upload = SimpleUploadedFile("目录.xlsx", xlsx(GOOD[:2]))
    publish = reverse("office:import_action", args=["publish"])  # catalogue/import_steps.py
    html = client.post(publish, {"publish-file": upload}, follow=True).content.decode()
    # without the tick the server refuses it, nothing is written
    assert "导入并直接公开不能撤销：请先勾选“我确认已对文件中的每条信息完成保密审查" in html
    assert not Item.objects.exists()
    upload = SimpleUploadedFile("目录.xlsx", xlsx(GOOD[:2]))
    response = client.post(publish, {"publish-file": upload, "confirmed": "yes"}, follow=True)
    assert "已直接公开" in response.content.decode()
    assert Item.objects.get().status == ItemStatus.PUBLISHED


def test_a_clerk_is_not_offered_direct_publication(client, township, clerk):
    client.force_login(clerk)
    assert "直接公开（仅审核人）" not in client.get(reverse("office:import")).content.decode()


def test_a_direct_publication_is_limited_so_it_fits_in_one_request(township, reviewer, monkeypatch):
    from gongkai.catalogue import importer

    rows = [HEADER] + [
        ["", f"信息{n}", "社会救助", "", "", "2024-03-05", *[""] * 4] for n in range(3)
    ]
    monkeypatch.setattr(importer, "MAX_PUBLISHED_ROWS", 2)
    with pytest.raises(ImportRefused, match="直接公开的导入一次最多 2 行"):
        import_catalogue(township, xlsx(rows), "目录.xlsx", by=reviewer, publish=True)
