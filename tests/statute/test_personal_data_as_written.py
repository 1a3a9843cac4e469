"""Issue 24 point 2: numbers as townships really write them in a body, and the ordinary
numbers of a 公示 that must not be taken for personal data.

110105199001011232 and 11010519491231002X have valid GB 11643 check characters (the second is
the standard's own example); 13800138000 is a mobile number's shape (1, then 3–9, 11 digits).
"""

import pytest

from gongkai.statute.personal_data import DataKind, redact, redact_html, scan, scan_html
from tests.shared_material import needs_shared, shared

ID = "110105199001011232"


@pytest.mark.parametrize(
    ("html", "kind", "masked"),
    [
        # white space of any length inside a number: HTML shows it as one space
        ("<p>身份证号110105\n19900101\n1232</p>", DataKind.RESIDENT_ID, "110***********1232"),
        ("<p>电话 139    1234    5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>电话 139&nbsp;&nbsp;&nbsp;&nbsp;1234&nbsp;5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>电话 139\t\t1234\r\n5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>电话 139\u30001234\u30005678</p>", DataKind.MOBILE, "139****5678"),  # 全角空格
        # invisible marks a reader never sees: Mn (U+FE0F, U+034F, U+0301), Me, Cf
        ("<p>1\ufe0f3\ufe0f9\ufe0f12345678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>1101\u034f05199001011232</p>", DataKind.RESIDENT_ID, "110***********1232"),
        ("<p>139\u20e31234\u03015678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>139\u00ad1234\u20605678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>139\u31641234\u115f5678</p>", DataKind.MOBILE, "139****5678"),  # Hangul fillers
        # dots and slashes between the groups people use
        ("<p>电话：139.1234.5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>电话：139/1234/5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>电话：139 · 1234 · 5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>身份证 110105.19900101.1232</p>", DataKind.RESIDENT_ID, "110***********1232"),
        ("<p>身份证 110105/1990/0101/1232</p>", DataKind.RESIDENT_ID, "110***********1232"),
        ("<p>卡号 4111.1111.1111.1111</p>", DataKind.BANK_CARD, "411*********1111"),
        # Chinese numerals, 〇/零/○ for nought and 幺 for one
        ("<p>身份证号一一〇一〇五一九九〇〇一〇一一二三二</p>", DataKind.RESIDENT_ID, None),
        ("<p>身份证号一一零一零五一九九零零一零一一二三二</p>", DataKind.RESIDENT_ID, None),
        ("<p>身份证号一一〇一〇五一九四九一二三一〇〇二X</p>", DataKind.RESIDENT_ID, None),
        ("<p>手机幺三八〇〇幺三八〇〇〇</p>", DataKind.MOBILE, None),
        ("<p>手机 一三九 一二三四 五六七八</p>", DataKind.MOBILE, None),
        ("<p>手机 壹叁玖壹贰叁肆伍陆柒捌</p>", DataKind.MOBILE, None),
        ("<p>身份证号○一一〇五一九九〇〇一〇一一二三二</p>", None, None),  # wrong first digit
    ],
)
def test_numbers_written_the_way_townships_write_them_are_found(html, kind, masked):
    hits = scan_html(html)
    if kind is None:
        assert hits == []
        return
    assert [hit.kind for hit in hits] == [kind]
    if masked:
        assert hits[0].masked == masked
    assert scan_html(redact_html(html)) == []  # and masked in place, leaving nothing


def test_chinese_numerals_are_read_as_their_digits_and_masked_where_they_stand():
    hits = scan_html("<p>张三 一一〇一〇五一九九〇〇一〇一一二三二</p>")
    assert hits[0].digits == ID
    assert redact_html("<p>张三 一一〇一〇五一九九〇〇一〇一一二三二</p>") == (
        "<p>张三 一一〇***********一二三二</p>"  # 3 kept, 11 masked, 4 kept
    )


def test_a_chinese_word_next_to_a_number_does_not_hide_it():
    assert [h.digits for h in scan("统一13800138000")] == ["13800138000"]


def test_a_pdf_line_wrap_inside_an_id_number_is_joined_but_not_inside_other_numbers():
    assert [h.digits for h in scan(f"身份证号{ID[:11]}\n{ID[11:]}")] == [ID]
    # a row ending in an amount and the next beginning with a serial are not a mobile
    assert scan("低保金 1500\n2024001 李四") == []


def test_a_break_between_blocks_is_never_crossed():
    assert scan_html("<p>139 1234</p><p>5678</p>") == []
    assert scan_html(f"<p>{ID[:9]}</p><p>{ID[9:]}</p>") == []


def test_masking_keeps_the_invisible_marks_and_separators_as_they_were():
    text = "电话 139\ufe0f.1234.5678"
    assert redact(text, scan(text)) == "电话 139\ufe0f.****.5678"


# A township's real 公示 (the shapes copied from published notices): 文号, amounts, dates,
# office telephone numbers 0xxx-xxxxxxx, index numbers, codes. None of these is personal.
NOTICE = """
<h2>青石镇2024年第四季度城乡低保资金发放情况公示</h2>
<p>文号：青政发〔2024〕15号　索引号：11152527011583456K/2024-00070</p>
<p>根据《内蒙古自治区最低生活保障实施办法》（内政办发〔2021〕27号），现将2024年10月至12月
低保资金发放情况公示如下。公示期：2024.12.02—2024.12.06（5个工作日）。</p>
<table>
<tr><th>序号</th><th>村（社区）</th><th>户数</th><th>人数</th><th>金额（元）</th></tr>
<tr><td>1</td><td>青石村</td><td>38</td><td>71</td><td>138,000.00</td></tr>
<tr><td>2</td><td>红旗村</td><td>25</td><td>44</td><td>85 560.00</td></tr>
<tr><td>3</td><td>合计</td><td>63</td><td>115</td><td>223 560.00</td></tr>
</table>
<p>资金来源：中央财政 1,380,013.80 元，自治区配套 1500.00 万元；发放日期 2024/12/20。</p>
<p>统一社会信用代码：11152527011583456K；邮政编码：015000；办公地址：青石镇政府2楼203室。</p>
<p>监督电话：0477-6486817、0477 6486818、(0477)6486819、0477—64868170，
民政办 0477.6486820，传真 0477/6486821，12345 政务服务便民热线，12349 民政服务热线。</p>
<p>工作时间：08:30—12:00，14:30—17:30；网站 192.168.100.101 仅供内网访问。</p>
<p>附件共 3 页；2024年12月2日 二〇二四年十二月二日</p>
<p>第一二三组、第四五六组为重点核查对象。</p>
<p>合同编号 2024 1380 0138。</p>
<p>2024.12.02 13:38 00:13 发布</p>
"""


def test_a_realistic_notice_of_ordinary_numbers_is_not_flagged():
    assert scan_html(NOTICE) == []
    assert redact_html(NOTICE) == NOTICE
    # the same notice as plain text (a PDF's text layer, a CSV's lines)
    assert scan(NOTICE) == []


@needs_shared("samples/site/pingtan")
def test_a_real_sites_pages_yield_only_the_contact_mobiles_they_publish():
    """The 90 pages of a real county site (../shared/samples/site): the scan finds the
    mobile numbers published beside named contacts (柯永辉 15005075999, 林文龙 13805026036,
    陈美琴 13559932111 … read by hand), and nothing else — its 索引号 PZ00101-1500-2023-00020
    passed Luhn and was taken for a bank card before cards were required not to start with
    0, and none of the new rules (white space, dots, Chinese numerals such as 二○一二) adds
    a find."""
    pages = sorted(shared("samples/site/pingtan").rglob("page.txt"))
    hits = [hit for page in pages for hit in scan(page.read_text(errors="replace"))]
    assert {hit.kind for hit in hits} == {DataKind.MOBILE}
    assert {"15005075999", "13805026036", "13559932111", "13285006819"} <= {h.digits for h in hits}
    assert len(hits) == 8
