"""Tables published as pictures, read by an OCR engine that runs offline (filled in below)."""

from __future__ import annotations


def available() -> bool:
    return False


def image_text(data: bytes) -> str | None:
    return None


def pdf_page_text(page) -> str | None:
    return None
