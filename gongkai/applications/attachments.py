"""Attachments an applicant adds (ID copy, authorisation): checked by their content, kept
outside the web root under a random name, served only to the handling agency's staff."""

from __future__ import annotations

from pathlib import Path

from gongkai.core import uploads

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
ACCEPTED = (uploads.PDF, uploads.JPEG, uploads.PNG)
FOLDER = "attachments"
AttachmentRefused = uploads.UploadRefused


def sniff(head: bytes) -> tuple[str, str]:
    """(content type, extension) of an accepted proof, else AttachmentRefused."""
    _, content_type, extension = uploads.sniff(head, ACCEPTED)
    return content_type, extension


def private_root() -> Path:
    return uploads.folder(FOLDER)


def store(upload) -> tuple[str, str, int]:
    """Check and store an uploaded file; returns (storage name, content type, size)."""
    data, (_, content_type, extension) = uploads.read_checked(upload, ACCEPTED, MAX_BYTES)
    return uploads.write(data, FOLDER, extension), content_type, len(data)
