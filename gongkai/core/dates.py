"""One way to say a date (2026年1月7日), used by pages, letters and exports alike; the
function lives in the statute layer so the deadline engine's explanations share it."""

from gongkai.statute.dates import chinese_date, chinese_month

__all__ = ["chinese_date", "chinese_month"]
