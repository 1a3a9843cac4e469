"""One way to say a date: 2026年1月7日, no leading zeros (GB/T 9704-2012 7.3.5.3). Pure, so
the statute's own explanations use it too; gongkai.core.dates re-exports it for pages."""

from __future__ import annotations

from datetime import date, datetime


def chinese_date(value: date | datetime | None, *, missing: str = "") -> str:
    if value is None:
        return missing
    return f"{value.year}年{value.month}月{value.day}日"


def chinese_month(value: date | datetime) -> str:
    return f"{value.year}年{value.month}月"
