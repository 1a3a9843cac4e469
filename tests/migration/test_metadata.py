"""The metadata block in whatever order and wording a platform prints it."""

from gongkai.migration.pages import read_metadata


def test_other_platforms_wording_in_another_order():
    text = (
        "文　　号：青政办〔2021〕12号 时 效 性：已废止 生成日期：2021年3月5日 "
        "发布机构：青石镇人民政府 信息分类：财政预决算 索 引 号：11330102-2021-00012 "
        "公开日期：2021/03/08 名 称：关于2021年预算的公告 正文开始……"
    )
    assert read_metadata(text) == {
        "document_number": "青政办〔2021〕12号",
        "validity": "已废止",
        "written_on": "2021-03-05",
        "publisher": "青石镇人民政府",
        "subject": "财政预决算",
        "index_number": "11330102-2021-00012",
        "published_on": "2021-03-08",
        "title": "关于2021年预算的公告 正文开始……",  # the page's own characters, not NFKC's
    }


def test_empty_and_none_values_are_left_out():
    # 67105: `主题分类： 发文机关：`; 77034: `发文字号： 无`
    text = (
        "索 引 号： PZ00101-1500-2019-00004 主题分类： 发文机关： 平潭综合实验区管委会 "
        "发文字号： 无 有 效 性： 有效 正文"
    )
    assert read_metadata(text) == {
        "index_number": "PZ00101-1500-2019-00004",
        "publisher": "平潭综合实验区管委会",
        "validity": "有效",
    }
