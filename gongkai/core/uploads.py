"""Files people upload: recognised by their content (never by the name they carry), size
limited, stored outside the web root under a random name. Shared by applicants' proofs and
the catalogue's published attachments.

Stored through Django's storage API: the local disk under VAR_DIR/private (files 0600,
folders 0700) on one box; with several application servers, the storage named "private" in
settings.STORAGES (an S3-compatible object store such as MinIO through django-storages,
configured by GONGKAI_S3_* — see docs/deploy.md), so an upload on one server is there on all.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages


class UploadRefused(ValueError):
    """The message says why, in Chinese."""


# label, content type, stored extension — what a township office actually attaches
PDF = ("PDF", "application/pdf", ".pdf")
JPEG = ("JPG", "image/jpeg", ".jpg")
PNG = ("PNG", "image/png", ".png")
DOCX = (
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
)
XLSX = ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
OFD = ("OFD", "application/ofd", ".ofd")  # GB/T 33190, the government's own layout format
OLE = ("DOC/XLS", "application/x-ole-storage", ".doc")
# plain text has no magic number: a file named .csv whose content is text (UTF-8 or GB18030,
# no NUL, not markup) is taken as CSV — served only as a download, never shown inline
CSV = ("CSV", "text/csv", ".csv")

MAGIC = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)


DAMAGED = "文件已损坏或无法打开，请重新导出后上传"
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_RATIO = 100  # a real DOCX/XLSX part compresses 3–20 times; a zip bomb thousands
MAX_PARTS = 2000


def zip_problem(data: bytes) -> str:
    """Why a ZIP-based file (DOCX, XLSX, OFD) must not be opened, or '' — judged from its
    directory before anything is decompressed."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        return DAMAGED
    if len(parts) > MAX_PARTS:
        return "文件内部结构异常（包含过多部件），请重新导出后上传"
    if sum(p.file_size for p in parts) > MAX_UNZIPPED:
        return "文件解压后过大，请拆分后上传"
    if any(p.file_size > MAX_RATIO * max(p.compress_size, 1024) for p in parts):
        return "文件内部结构异常（压缩比异常），请重新导出后上传"
    return ""


def _zip_kind(data: bytes):
    """DOCX, XLSX and OFD are all ZIP files; what is inside tells them apart."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return DOCX
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return XLSX
    if "OFD.xml" in names:
        return OFD
    return None


def _is_csv_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return bool(text.strip()) and not text.lstrip().startswith("<")
    return False


def sniff(data: bytes, accepted, name: str = "") -> tuple[str, str, str]:
    """The kind `data` really is, if it is one of `accepted`; else UploadRefused."""
    kind = next((k for magic, k in MAGIC if data.startswith(magic)), None)
    if kind is None and CSV in accepted and name.lower().endswith(".csv") and _is_csv_text(data):
        kind = CSV
    if kind is None and data.startswith(b"PK\x03\x04"):
        problem = zip_problem(data)
        if problem:
            raise UploadRefused(problem)
        kind = _zip_kind(data)
    if kind not in accepted:
        labels = [label for label, _, _ in accepted]
        names = "、".join(labels[:-1]) + " 或 " + labels[-1] if len(labels) > 1 else labels[0]
        raise UploadRefused(f"附件只能是 {names} 文件")
    return kind


def read_checked(upload, accepted, max_bytes: int) -> tuple[bytes, tuple[str, str, str]]:
    """The whole upload and its kind, or UploadRefused naming the file."""
    if upload.size > max_bytes:
        raise UploadRefused(f"附件“{upload.name}”超过 {max_bytes // 1024 // 1024} MB")
    data = upload.read()
    upload.seek(0)
    try:
        return data, sniff(data, accepted, upload.name or "")
    except UploadRefused as error:
        raise UploadRefused(f"“{upload.name}”：{error}") from None


FILE_MODE = 0o600
FOLDER_MODE = 0o700


def storage() -> Storage:
    """Where uploads live: settings.STORAGES["private"] when configured, else the local disk
    under VAR_DIR (read at each call, so a test's VAR_DIR is the one used)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(
        location=Path(settings.VAR_DIR) / "private",
        file_permissions_mode=FILE_MODE,
        directory_permissions_mode=FOLDER_MODE,
    )


def folder(name: str) -> Path:
    """The local folder of `name` (local storage only: sweeps and tests look inside)."""
    root = Path(settings.VAR_DIR) / "private" / name
    root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return root


def write(data: bytes, folder_name: str, extension: str) -> str:
    """Store `data` under a fresh random name; returns that name."""
    name = f"{uuid.uuid4().hex}{extension}"
    saved = storage().save(f"{folder_name}/{name}", ContentFile(data))
    if saved != f"{folder_name}/{name}":  # a storage that renamed it would lose the file
        raise RuntimeError(f"upload stored as {saved!r}")
    return name


def read(folder_name: str, name: str) -> bytes:
    with storage().open(f"{folder_name}/{name}", "rb") as stored:
        return stored.read()


def open_file(folder_name: str, name: str):
    """The stored file, open for reading, or None if it is not there."""
    where = storage()
    path = f"{folder_name}/{name}"
    return where.open(path, "rb") if where.exists(path) else None


def delete(folder_name: str, *names: str) -> None:
    where = storage()
    for name in names:
        where.delete(f"{folder_name}/{name}")


def sweep(folder_name: str, referenced: set[str], older_than) -> int:
    """Delete the files of a folder that no row names and that are older than an upload in
    progress could be (a process killed between writing a file and committing its row)."""
    from django.utils import timezone

    where = storage()
    cutoff = timezone.now() - older_than
    swept = 0
    for name in names(folder_name):
        if name not in referenced and where.get_modified_time(f"{folder_name}/{name}") < cutoff:
            delete(folder_name, name)
            swept += 1
    return swept


def names(folder_name: str) -> list[str]:
    """Every stored name in a folder (to find files no row refers to)."""
    where = storage()
    try:
        return where.listdir(folder_name)[1]
    except FileNotFoundError:
        return []


def display_name(name: str) -> str:
    """The name a file is offered under again: no directories, no control or bidirectional
    override characters (which can make 'gpj.exe' read as 'exe.jpg'), at most 200 characters."""
    import unicodedata

    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf"))
    return cleaned.strip(" .")[:200] or "附件"
