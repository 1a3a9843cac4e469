"""The standard catalogue in and out of Excel in the layout counties publish: merged 领域
cells, tick columns under two-row headers, every problem by row, nothing written unless the
whole file is right."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from gongkai.catalogue.importer import ImportRefused
from gongkai.standards import transitions as s
from gongkai.standards import xlsx
from gongkai.standards.models import Audience, Manner, Matter

pytestmark = pytest.mark.django_db


def workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# as a county publishes it: two header rows, 领域/一级事项 merged down, ticks
PUBLISHED = [
    [
        "序号",
        "领域",
        "公开事项",
        None,
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        None,
        "公开方式",
        None,
        "公开层级",
        None,
    ],
    [
        None,
        None,
        "一级事项",
        "二级事项",
        None,
        None,
        None,
        None,
        None,
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "县级",
        "乡级",
    ],
    [
        1,
        "社会救助",
        "最低生活保障",
        "低保对象认定结果",
        "姓名、保障人数、金额",
        "《社会救助暂行办法》",
        "信息形成或变更之日起7个工作日内",
        "乡镇人民政府",
        "政府网站、公开栏",
        None,
        "√",
        "√",
        None,
        None,
        "√",
    ],
    [
        2,
        None,
        None,
        "低保资金发放情况",
        "发放月份、金额",
        "《社会救助暂行办法》",
        "每月结束后5个工作日内",
        "乡镇人民政府",
        "公开栏",
        "√",
        None,
        "√",
        None,
        "√",
        "√",
    ],
    [
        3,
        "涉农补贴",
        "耕地地力保护补贴",
        "补贴发放结果",
        "户名、面积、金额",
        "",
        "实时",
        "乡镇人民政府",
        "便民服务站",
        "√",
        None,
        None,
        "√",
        None,
        "√",
    ],
]


def test_a_published_two_row_header_sheet_is_read_with_merged_cells_and_ticks():
    rows = xlsx.parse_sheet(workbook(PUBLISHED), "目录.xlsx")
    first, second, third = (row.fields for row in rows)
    assert (first["domain"], first["level1"], first["level2"]) == (
        "社会救助",
        "最低生活保障",
        "低保对象认定结果",
    )
    assert (first["limit_kind"], first["limit_days"]) == ("workdays", 7)
    assert (first["audience"], first["manner"]) == (Audience.SPECIFIC, Manner.PROACTIVE)
    assert (first["county_level"], first["township_level"]) == (False, True)
    # the merged 领域 and 一级事项 carry down
    assert (second["domain"], second["level1"]) == ("社会救助", "最低生活保障")
    assert (second["limit_kind"], second["limit_days"]) == ("monthly", 5)
    assert (second["county_level"], second["township_level"]) == (True, True)
    assert (third["limit_kind"], third["manner"]) == ("realtime", Manner.ON_APPLICATION)


def test_every_bad_row_is_reported_in_chinese_and_nothing_is_written(county, county_admin):
    catalogue = s.issue_catalogue(county, by=county_admin, name="模板", issued_on=date(2025, 3, 1))
    bad = [
        *PUBLISHED[:3],
        [2, None, None, "", "", "", "", "", "", "√", None, "√", None, None, "√"],
        [
            3,
            "涉农补贴",
            "补贴",
            "补贴发放结果",
            "",
            "",
            "尽快",
            "",
            "",
            "√",
            "√",
            "√",
            None,
            None,
            "√",
        ],
        [
            4,
            "社会救助",
            "最低生活保障",
            "低保对象认定结果",
            "",
            "",
            "",
            "",
            "",
            "√",
            None,
            "√",
            None,
            None,
            "√",
        ],
    ]
    with pytest.raises(ImportRefused) as refused:
        xlsx.import_matters(workbook(bad), "目录.xlsx", by=county_admin, catalogue=catalogue)
    assert [str(p) for p in refused.value.problems] == [
        "第 4 行：二级事项不能为空",
        "第 5 行：无法识别公开时限“尽快”：请写“信息形成或变更之日起N个工作日内”、"
        "“批准后N日内”（日历日，须有法律规定）、“实时”、“每月N日前”、“每年M月D日前”、"
        "“每季度至少更新1次”或“每月/每季度/每半年/每年（结束后N个工作日内）”",
        "第 5 行：公开对象只能勾选一项",
        "第 6 行：与第3行重复（同一领域、一级和二级事项）",
    ]
    assert Matter.objects.count() == 0


def test_a_sheet_without_the_header_is_refused():
    with pytest.raises(ImportRefused, match="二级事项"):
        xlsx.parse_sheet(workbook([["名称", "日期"], ["x", "y"]]), "x.xlsx")


def test_an_export_reads_back_as_the_same_rows(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    data = xlsx.export_agency(township)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == xlsx.HEADER
    back = xlsx.import_matters(data, "导出.xlsx", by=clerk, agency=township, on=date(2025, 4, 1))
    keys = (
        "domain",
        "level1",
        "level2",
        "content",
        "limit_kind",
        "limit_days",
        "audience",
        "manner",
        "county_level",
        "township_level",
    )
    assert sorted(tuple(getattr(m, k) for k in keys) for m in back) == sorted(
        tuple(getattr(m, k) for k in keys) for m in rows.values()
    )
    assert all(m.agency == township for m in back)  # imported as local rows, adopted at once


def test_the_command_imports_into_the_countys_model_and_exports(county, county_admin, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(workbook(PUBLISHED))
    call_command(
        "standards",
        "import",
        str(path),
        agency=county.index_prefix,
        user="xian",
        catalogue="云岭县标准目录",
    )
    assert Matter.objects.filter(catalogue__name="云岭县标准目录").count() == 3
    path.write_bytes(workbook([PUBLISHED[0], PUBLISHED[1], [1, "x", "y", ""]]))
    with pytest.raises(CommandError, match="第 3 行：二级事项不能为空"):
        call_command("standards", "import", str(path), agency=county.index_prefix, user="xian")


def test_a_title_row_above_the_header_and_wrapped_header_cells_are_read():
    rows = [
        ["云岭县社会救助领域基层政务公开标准目录"],
        ["序号", "领域", "一级事项", "二级事项", "公开内容\n（要素）", "公开\n时限", "公开方式"],
        [1, "社会救助", "临时救助", "临时救助对象公示", "姓名、金额", "实时", "主动公开"],
    ]
    (row,) = xlsx.parse_sheet(workbook(rows), "目录.xlsx")
    assert (row.line, row.fields["content"], row.fields["limit_kind"]) == (
        3,
        "姓名、金额",
        "realtime",
    )
