"""Attachments an applicant adds (ID copy, authorisation): checked by their content, kept
outside the web root under a random name, served only to the handling agency's staff."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
# the first bytes of the formats accepted, and the extension they are stored with
SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}


class AttachmentRefused(ValueError):
    """The message says why, in Chinese."""


def sniff(head: bytes) -> tuple[str, str]:
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise AttachmentRefused("附件只能是 PDF、JPG 或 PNG 文件")


def private_root() -> Path:
    return Path(settings.VAR_DIR) / "private" / "attachments"


def store(upload) -> tuple[str, str, int]:
    """Check and store an uploaded file; returns (storage name, content type, size)."""
    if upload.size > MAX_BYTES:
        raise AttachmentRefused(f"附件“{upload.name}”超过 {MAX_BYTES // 1024 // 1024} MB")
    head = upload.read(16)
    upload.seek(0)
    content_type, extension = sniff(head)
    name = f"{uuid.uuid4().hex}{extension}"
    root = private_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name, content_type, upload.size
