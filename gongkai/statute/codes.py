"""Check characters of the codes that identify an agency, used as its index-number prefix.

- 组织机构代码 (GB 11714-1997): 8 body characters and a check character.
- 统一社会信用代码 (GB 32100-2015): 17 body characters and a check character.
The catalogue guideline of 2008 builds 索引号 on the former; many newer portals use the latter.
"""

from __future__ import annotations

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 32100 leaves out I, O, S, V and Z, which are easily misread.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_code_check_char(body: str) -> str:
    """The GB 11714 check character for 8 body characters (digits and capital letters)."""
    if len(body) != 8 or any(c not in ORG_CODE_CHARS for c in body):
        raise ValueError(body)
    total = sum(ORG_CODE_CHARS.index(c) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code_check_char(body: str) -> str:
    """The GB 32100 check character for 17 body characters."""
    if len(body) != 17 or any(c not in CREDIT_CODE_CHARS for c in body):
        raise ValueError(body)
    total = sum(
        CREDIT_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def index_prefix_problem(prefix: str) -> str:
    """Why `prefix` cannot head an agency's index numbers, or "" when it can."""
    if len(prefix) == 9:
        body, check = prefix[:8], prefix[8]
        if any(c not in ORG_CODE_CHARS for c in body):
            return "组织机构代码的前 8 位只能是数字或大写字母"
        if org_code_check_char(body) != check:
            return "组织机构代码的校验码不正确（GB 11714）"
        return ""
    if len(prefix) == 18:
        body, check = prefix[:17], prefix[17]
        if any(c not in CREDIT_CODE_CHARS for c in prefix):
            return "统一社会信用代码只能由数字和大写字母（不含 I、O、S、V、Z）组成"
        if credit_code_check_char(body) != check:
            return "统一社会信用代码的校验码不正确（GB 32100）"
        return ""
    return "索引号前缀应为 9 位组织机构代码或 18 位统一社会信用代码"


# GB 11643-1999: 17 digits weighted, the check character from the remainder mod 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECKS = "10X98765432"


def resident_id_check_char(body: str) -> str:
    """GB 11643: the 18th character of a resident ID number from its first 17 digits."""
    total = sum(int(d) * w for d, w in zip(body, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECKS[total % 11]


def resident_id_problem(number: str) -> str:
    """Why `number` is not a valid 18-digit resident ID number, or ""."""
    from datetime import date

    number = number.strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        return "居民身份证号码应为 18 位，最后一位可以是 X"
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不存在"
    total = sum(int(d) * w for d, w in zip(number[:17], RESIDENT_ID_WEIGHTS, strict=True))
    if RESIDENT_ID_CHECKS[total % 11] != number[17]:
        return "居民身份证号码的校验码不正确"
    return ""


def credit_code_problem(code: str) -> str:
    """Why `code` is not a valid 统一社会信用代码, or ""."""
    code = code.strip().upper()
    if len(code) != 18:
        return "统一社会信用代码应为 18 位"
    return index_prefix_problem(code)
