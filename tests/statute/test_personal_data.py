"""The personal-data scan that runs before an item can be submitted for review."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.statute.personal_data import (
    DataKind,
    luhn_valid,
    redact,
    redact_html,
    scan,
    scan_html,
)

# 11010519491231002X is GB 11643's example; 4111111111111111 the usual Luhn test card.


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("低保对象张三，身份证号11010519491231002X，住青石村。", [DataKind.RESIDENT_ID]),
        ("联系电话：13800001111。", [DataKind.MOBILE]),
        ("手机 +86 13912345678 或 0477-6486817", [DataKind.MOBILE]),
        ("补贴打入卡号 4111 1111 1111 1111 。", [DataKind.BANK_CARD]),
        ("卡号4111111111111111，电话15000000000", [DataKind.BANK_CARD, DataKind.MOBILE]),
    ],
)
def test_personal_numbers_are_found(text, found):
    assert [hit.kind for hit in scan(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "棋政函〔2024〕10号",  # a document number
        "预算金额 1380000000 元",  # ten digits, not a mobile number
        "编号 110105194912310021",  # an ID-shaped number with a wrong check digit
        "流水号 138000011112",  # a mobile-like run inside a longer number
        "项目编码 4111111111111112",  # fails Luhn
        "2024年1月23日发布，索引号000014349/2024-00070",
    ],
)
def test_ordinary_numbers_are_not_mistaken_for_personal_data(text):
    assert scan(text) == []


def test_redaction_masks_each_hit_and_keeps_the_rest():
    text = "张三，身份证11010519491231002X，电话13800001111。"
    assert redact(text, scan(text)) == "张三，身份证110***********002X，电话138****1111。"


def test_luhn():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


# --- what a reader sees, not the bytes pasted (issue 14) -----------------------------------
# Each of these passed the old scan and was published; 110105199001011232 and
# 110105200501011234 have valid GB 11643 check characters (checked by resident_id_problem).


@pytest.mark.parametrize(
    ("html", "kind", "masked"),
    [
        ("110105<span>200501011234</span>", DataKind.RESIDENT_ID, "110***********1234"),
        ("1101<b></b>05199001011232", DataKind.RESIDENT_ID, "110***********1232"),
        ("１１０１０５１９９００１０１１２３２", DataKind.RESIDENT_ID, "110***********1232"),
        ("139<span>1234</span>5678", DataKind.MOBILE, "139****5678"),
        ("<p>电话：139 1234 5678</p>", DataKind.MOBILE, "139****5678"),
        ("<p>110105-19900101-1232</p>", DataKind.RESIDENT_ID, "110***********1232"),
        ("1101\u200b05199001011232", DataKind.RESIDENT_ID, "110***********1232"),
        ("卡号 6222&nbsp;0212&nbsp;3456&nbsp;7890&nbsp;128", DataKind.BANK_CARD, None),
    ],
)
def test_numbers_split_by_tags_full_width_or_separators_are_found(html, kind, masked):
    hits = scan_html(html)
    assert [hit.kind for hit in hits] == [kind]
    if masked:
        assert hits[0].masked == masked


def test_neighbouring_table_cells_are_never_one_number():
    html = "<tr><td>110105</td><td>199001011232</td></tr>"  # two cells, two numbers
    assert scan_html(html) == []


def test_script_and_comments_are_not_text_a_reader_sees():
    assert scan_html("<!-- 13912345678 --><p>无</p>") == []


def test_html_is_masked_in_place_keeping_the_markup():
    html = '<p>张三 <span class="x">110105</span>199001011232，电话 139-1234-5678</p>'
    assert redact_html(html) == (
        '<p>张三 <span class="x">110***</span>********1232，电话 139-****-5678</p>'
    )
    assert redact_html("<p>没有个人信息 &amp; 标记</p>") == "<p>没有个人信息 &amp; 标记</p>"


def test_a_masked_body_has_nothing_left_to_find():
    html = "<p>１１０１０５<b>１９９００１０１１２３２</b></p>"
    assert scan_html(html) and scan_html(redact_html(html)) == []


# --- 公示 lists: every number found, however it is written and split -----------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_character(first17: str) -> str:
    """GB 11643: Σ(digit × weight) mod 11 indexes 1 0 X 9 8 7 6 5 4 3 2."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


resident_ids = st.builds(
    lambda region, born, serial: with_check_character(f"{region}{born:%Y%m%d}{serial:03d}"),
    st.sampled_from(["110105", "152527", "440304", "510107", "650102"]),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
)
mobiles = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.sampled_from("3456789"),
    st.integers(0, 10**9 - 1),
)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def id_formats(number: str) -> list[str]:
    return [
        number,
        f"{number[:6]} {number[6:14]} {number[14:]}",
        f"{number[:6]}-{number[6:14]}-{number[14:]}",
        number.translate(FULL_WIDTH),
    ]


def mobile_formats(number: str) -> list[str]:
    return [
        number,
        f"{number[:3]} {number[3:7]} {number[7:]}",
        f"{number[:3]}-{number[3:7]}-{number[7:]}",
        f"+86 {number}",
        number.translate(FULL_WIDTH),
    ]


@st.composite
def tag_split(draw, text: str) -> str:
    """`text` cut at random places, each cut an inline tag a word processor leaves."""
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=4)))
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    wraps = draw(
        st.lists(
            st.sampled_from(["{}", "<span>{}</span>", "<b>{}</b>", "{}<i></i>", "<font>{}</font>"]),
            min_size=len(parts),
            max_size=len(parts),
        )
    )
    return "".join(w.format(p) for w, p in zip(wraps, parts, strict=True))


@st.composite
def lists_of_people(draw):
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["张三", "李四", "王小明", "赵桂英", "欧阳娜"]),
                resident_ids,
                mobiles,
                st.integers(0, 3),
                st.integers(0, 4),
            ),
            min_size=1,
            max_size=8,
        )
    )
    layout = draw(st.sampled_from(["table", "paragraphs", "text"]))
    cells = []
    for name, number, phone, id_format, phone_format in rows:
        shown_id = id_formats(number)[id_format]
        shown_phone = mobile_formats(phone)[phone_format]
        if layout != "text":
            shown_id, shown_phone = draw(tag_split(shown_id)), draw(tag_split(shown_phone))
        cells.append((name, shown_id, shown_phone))
    if layout == "table":
        body = "".join(f"<tr><td>{n}</td><td>{i}</td><td>{p}</td></tr>" for n, i, p in cells)
        document = f"<table>{body}</table>"
    elif layout == "paragraphs":
        document = "".join(f"<p>{n}，身份证号{i}，联系电话{p}。</p>" for n, i, p in cells)
    else:
        document = "\n".join(f"{n} {i} {p}" for n, i, p in cells)
    return document, layout, [(r[1], r[2]) for r in rows]


@settings(max_examples=300, deadline=None)
@given(lists_of_people())
def test_every_number_in_a_published_list_is_found(case):
    document, layout, people = case
    hits = scan(document) if layout == "text" else scan_html(document)
    expected = [d for number, phone in people for d in (number, phone)]
    assert [hit.digits for hit in hits] == expected
    masked = redact(document, hits) if layout == "text" else redact_html(document)
    assert (scan(masked) if layout == "text" else scan_html(masked)) == []
