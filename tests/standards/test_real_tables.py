"""Every real 标准目录 table in ../shared/samples/standards/ through `gongkai standards import`,
as a county clerk would run it: each imports, or is refused with every row it could not read
and why (spec/catalogue.md: an import never refuses a catalogue for wording it can read;
nothing is silently misread). The expected counts are the "rows in xlsx" of the samples'
README.md, checked by hand against each .md transcription (s05's one item spans five sheet
rows merged under one 序号)."""

import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.standards.models import Matter
from tests.shared_material import names_in, needs_shared, shared

pytestmark = [pytest.mark.django_db, needs_shared("samples/standards")]

TABLES = [name for name in names_in("samples/standards") if name.endswith(".xlsx")]

# file → matters imported, or the (row, reason) pairs it is refused with
EXPECTED = {
    "s01-dean-zhen-shenong-zijin.xlsx": 2,
    "s02-kunshan-shenong-butie.xlsx": 1,
    "s03-baodi-shehui-jiuzhu.xlsx": 4,
    "s04-shicheng-shehui-jiuzhu.xlsx": 2,
    "s05-yongxiu-jiangshang-caizheng-yujuesuan.xlsx": 1,
    "s06-dayao-shiyang-yiwu-jiaoyu.xlsx": 2,
    "s07-huzhu-huji-guanli.xlsx": 2,
    "s08-dachuan-anquan-shengchan.xlsx": 6,
    # the first sheet's table has lost its title (no 领域 anywhere) and the second sheet's row
    # has no 一级事项 (README: "the 一级事项 column holds 05 or nothing")
    "s09-xilinhaote-baoligen-weisheng-jiankang.xlsx": [
        ("4", "工作表“标准目录”领域不能为空"),
        ("4", "工作表“卫生健康”一级事项不能为空"),
    ],
    "s10-pingwu-weifang-gaizao.xlsx": 3,
    "s11-fengtun-zhengfu-wenjian-trad.xlsx": 3,
    "s12-fengjie-zhongda-jianshe-xiangmu.xlsx": 2,
    "s13-yunyang-yanglao-fuwu.xlsx": 3,
}


def run_import(township, name):
    out = io.StringIO()
    call_command(
        "standards",
        "import",
        str(shared("samples/standards") / name),
        "--agency",
        township.index_prefix,
        "--user",
        "jingban",
        stdout=out,
    )
    return out.getvalue()


def test_every_real_table_is_listed_here():
    assert sorted(EXPECTED) == TABLES


@pytest.mark.parametrize("name", TABLES)
def test_each_real_table_imports_or_lists_by_row_what_it_could_not_read(township, name):
    expected = EXPECTED[name]
    if isinstance(expected, int):
        out = run_import(township, name)
        assert f"已导入 {expected} 个事项" in out
        assert Matter.objects.filter(agency=township).count() == expected
        return
    with pytest.raises(CommandError) as refused:
        run_import(township, name)
    message = str(refused.value)
    for row, reason in expected:
        assert f"第 {row} 行：{reason}" in message
    assert not Matter.objects.filter(agency=township).exists()  # nothing half-written


def matters(township, name):
    run_import(township, name)
    return list(Matter.objects.filter(agency=township).order_by("order"))


def test_the_budget_rule_is_read_as_calendar_days_and_its_merged_rows_as_one_item(township):
    # s05: "本级人民代表大会或其常务委员会批准后20日内" (预算法第十四条), five sheet rows merged
    # under 序号 1 whose 公开内容 lines make one item
    [budget] = matters(township, "s05-yongxiu-jiangshang-caizheng-yujuesuan.xlsx")
    assert (budget.limit_kind, budget.limit_days) == ("calendar", 20)
    assert budget.domain == "财政预决算" and budget.level2 == "政府预算"
    assert budget.content.count("\n") == 4  # five lines of 公开内容


def test_a_refresh_cadence_is_due_within_its_half_year(township):
    rows = matters(township, "s08-dachuan-anquan-shengchan.xlsx")
    assert [m.limit.label for m in rows[:4]] == ["每半年至少更新1次"] * 4
    # 公开渠道 merged over rows 1–3 belongs to each of them; 一级事项 merged down
    assert rows[0].channels == rows[1].channels == rows[2].channels != ""
    assert [m.level1 for m in rows] == ["政策文件"] * 4 + ["依法行政"] * 2


def test_vague_words_fall_back_to_twenty_working_days_and_the_import_says_so(township):
    out = run_import(township, "s12-fengjie-zhongda-jianshe-xiangmu.xlsx")
    first, second = Matter.objects.filter(agency=township).order_by("order")
    assert first.limit_kind == "realtime"  # 实时公开
    assert second.limit_kind == "default"  # 及时公开 → 条例第二十六条
    assert "第5行：公开时限“及时公开”没有规定期限，按条例第二十六条" in out
    # 特定群体 holds the text "项目单位" instead of √: the group is ticked
    assert second.audience == "specific"


def test_a_traditional_character_mirror_with_pinyin_glosses_reads_as_simplified(township):
    rows = matters(township, "s11-fengtun-zhengfu-wenjian-trad.xlsx")
    assert [m.level2 for m in rows] == ["政府文件", "乡镇简介", "政府工作报告"]
    assert rows[0].limit_kind == "workdays" and rows[0].limit_days == 3
    assert "zhèn" not in rows[0].subject and rows[0].subject == "镇人民政府"


def test_a_table_that_lost_every_公_still_reads_its_manner(township):
    rows = matters(township, "s10-pingwu-weifang-gaizao.xlsx")
    assert {m.manner for m in rows} == {"proactive"}  # 开属性 "主动开"
    assert rows[0].domain == "农村危房改造"


def test_three_levels_of_items_keep_the_finest_as_the_matter(township):
    first, _ = matters(township, "s04-shicheng-shehui-jiuzhu.xlsx")
    assert (first.level1, first.level2) == ("综合业务", "政策法规文件")
