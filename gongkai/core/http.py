"""Every file gongkai hands to a browser goes out through download_response: under its
Chinese name (RFC 6266's filename*), inline only for what a browser shows safely (HTML we
rendered, PDF), as an attachment otherwise — reports, 信息月报, roll-ups, exports, letters,
attachments, the report check's CSV and originals."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse, HttpResponse

INLINE = ("text/html", "application/pdf")  # what a browser shows rather than saves


def download_response(name: str, content_type: str, data, *, inline: bool | None = None):
    """`data` is bytes, or an open binary file (streamed, and closed once sent)."""
    if inline is None:
        inline = content_type.startswith(INLINE)
    if isinstance(data, bytes | bytearray):
        response = HttpResponse(data, content_type=content_type)
    else:
        response = FileResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response
