"""The personal-data scan that runs before an item can be submitted for review."""

import pytest

from gongkai.statute.personal_data import DataKind, luhn_valid, redact, scan

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
