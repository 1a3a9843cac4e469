"""Finding personal data in text before it is published (个人信息保护法; 条例第十五条).

Three kinds are recognised with their own check rules, so ordinary numbers in a notice
(amounts, document numbers, dates) are not mistaken for them:
- 18-digit resident ID numbers whose birth date exists and whose check character is right
  (GB 11643);
- mainland mobile numbers: 11 digits starting 13–19 (optionally +86), not part of a longer
  run of digits;
- bank card numbers: 16–19 digits passing the Luhn check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .codes import resident_id_problem


class DataKind(StrEnum):
    RESIDENT_ID = "居民身份证号码"
    MOBILE = "手机号码"
    BANK_CARD = "银行卡号"


@dataclass(frozen=True)
class Hit:
    kind: DataKind
    start: int
    end: int
    text: str

    @property
    def masked(self) -> str:
        keep = 4 if len(self.text) > 8 else 2
        return self.text[:3] + "*" * (len(self.text) - 3 - keep) + self.text[-keep:]


RESIDENT_ID = re.compile(r"(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d{9})(?![0-9])")
CARD = re.compile(r"(?<![0-9])(?:\d[ -]?){15,18}\d(?![0-9])")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def scan(text: str) -> list[Hit]:
    """Every personal number in `text`, in order; overlapping finds are reported once."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in RESIDENT_ID.finditer(text):
        if not resident_id_problem(match.group()):
            hits.append(Hit(DataKind.RESIDENT_ID, match.start(), match.end(), match.group()))
            taken.append(match.span())
    for match in CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and free(*match.span()):
            hits.append(Hit(DataKind.BANK_CARD, match.start(), match.end(), match.group()))
            taken.append(match.span())
    for match in MOBILE.finditer(text):
        if free(*match.span()):
            hits.append(Hit(DataKind.MOBILE, match.start(), match.end(), match.group()))
            taken.append(match.span())
    return sorted(hits, key=lambda h: h.start)


def redact(text: str, hits: list[Hit]) -> str:
    """`text` with each hit replaced by its masked form."""
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text
