"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

Both methods are excess-progressive (超额累进): each band's rate applies only to the part
inside that band. The agency chooses one method per application, never both.
"""

from __future__ import annotations

# 按件计收, per applicant per calendar month: 1–10 free; 11–30 at 100 元; above 30, bands of
# 10 applications whose rate rises by 100 元 per band (31–40 at 200, 41–50 at 300, …).
PER_ITEM_FREE = 10
PER_ITEM_FIRST_BAND_END = 30
PER_ITEM_FIRST_RATE = 100
PER_ITEM_BAND = 10
PER_ITEM_STEP = 100

# 按量计收, per application: pages 1–30 free; 31–100 at 10 元; 101–200 at 20 元; 201+ at 40 元.
PER_PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))


def per_item_rate(nth: int) -> int:
    """The fee for the applicant's `nth` application of the month, in yuan."""
    if nth < 1:
        raise ValueError("件数从 1 开始")
    if nth <= PER_ITEM_FREE:
        return 0
    if nth <= PER_ITEM_FIRST_BAND_END:
        return PER_ITEM_FIRST_RATE
    band = (nth - PER_ITEM_FIRST_BAND_END - 1) // PER_ITEM_BAND + 1
    return PER_ITEM_FIRST_RATE + band * PER_ITEM_STEP


def per_item_fee(applications: int) -> int:
    """Total fee in yuan for an applicant's `applications` applications in one month."""
    if applications < 0:
        raise ValueError("件数不能为负数")
    return sum(per_item_rate(n) for n in range(1, applications + 1))


def per_page_fee(pages: int) -> int:
    """Fee in yuan for one application's `pages` pages."""
    if pages < 0:
        raise ValueError("页数不能为负数")
    fee, lower = 0, 0
    for upper, rate in PER_PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            fee += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return fee
