"""A file handed to the browser under its Chinese name (RFC 6266's filename*), shared by
every export: reports, 信息月报, roll-ups."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

INLINE = ("text/html", "application/pdf")  # what a browser shows rather than saves


def download_response(name: str, content_type: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if content_type.startswith(INLINE) else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response
