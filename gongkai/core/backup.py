"""A consistent online snapshot of the database and the uploaded files in one .tar.gz, and
its restoration into an empty instance. The data key (var/data_key or GONGKAI_DATA_KEY)
is deliberately not inside: keep it apart, or the encrypted numbers are lost with it — and
anyone holding both holds everything."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from gongkai.core.crypto import key_check

FILES = "private"  # under VAR_DIR: applicants' proofs and items' attachments
DB_SQLITE, DB_POSTGRES = "database.sqlite3", "database.pgdump"


class BackupError(RuntimeError):
    """The message says why, in Chinese."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg(tool: str, *options: str) -> None:
    """Run pg_dump or pg_restore against this instance's database, or say why it failed."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    connect = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"未找到 {tool}：请安装与数据库版本一致的 postgresql-client")
    done = subprocess.run(
        [found, *options, *connect, "-U", db["USER"], "-d", db["NAME"]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise BackupError(f"{tool} 失败：{done.stderr.strip()}")


def _dump_database(folder: Path) -> str:
    if connection.vendor == "sqlite":
        target = folder / DB_SQLITE
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)  # SQLite's online backup: a consistent page-by-page copy
        source.close()
        return DB_SQLITE
    _pg("pg_dump", "--format=custom", "--no-owner", "-f", str(folder / DB_POSTGRES))
    return DB_POSTGRES


def backup(destination: Path) -> dict:
    """Write the snapshot to `destination`; returns its manifest."""
    var = Path(settings.VAR_DIR)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        database = _dump_database(folder)
        files = {}
        if (var / FILES).exists():
            shutil.copytree(var / FILES, folder / FILES)
            files = {
                str(path.relative_to(folder)): _sha256(path)
                for path in sorted((folder / FILES).rglob("*"))
                if path.is_file()
            }
        manifest = {
            "made_at": timezone.now().isoformat(),
            "data_key_check": key_check(settings.DATA_KEY),
            "vendor": connection.vendor,
            "database": database,
            "database_sha256": _sha256(folder / database),
            "files": files,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        # the archive holds every applicant's file: readable by its owner only (0600)
        with (
            os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as archive,
        ):
            for path in sorted(folder.iterdir()):
                archive.add(path, arcname=path.name)
        partial.replace(destination)  # a crash never leaves a half-written backup behind
    return manifest


def _instance_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "core_agency" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM core_agency LIMIT 1")
        return cursor.fetchone() is None


MISSING_KEY = (
    "当前实例的数据密钥与备份时的不同：备份中的证件号码和电话将无法解密。请先把备份时的数据"
    "密钥放回 var/data_key 或设置 GONGKAI_DATA_KEY 后再恢复；确需在缺少密钥的情况下恢复，"
    "请加 --without-data-key（页面将显示“证件号码无法解密（缺少数据密钥）”）"
)


def restore(source: Path, *, without_data_key: bool = False) -> dict:
    """Restore `source` into this empty instance (database and files); returns its manifest,
    with "data_key_missing" true when it was restored, as asked, without the data key."""
    if not _instance_is_empty():
        raise BackupError("目标实例不是空的：恢复只能在新建的空实例上进行，以免覆盖现有数据")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(folder, filter="data")  # refuses paths leaving the folder
            manifest = json.loads((folder / "manifest.json").read_text())
        except (tarfile.TarError, OSError, EOFError, ValueError, KeyError) as error:
            raise BackupError(f"备份文件无法读取：{error}") from None
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"备份来自 {manifest['vendor']} 数据库，当前实例是 {connection.vendor}"
            )
        check = manifest.get("data_key_check")
        manifest["data_key_missing"] = bool(check) and check != key_check(settings.DATA_KEY)
        if manifest["data_key_missing"] and not without_data_key:
            raise BackupError(MISSING_KEY)
        for name, digest in {
            manifest["database"]: manifest["database_sha256"],
            **manifest["files"],
        }.items():
            if _sha256(folder / name) != digest:
                raise BackupError(f"备份文件已损坏：{name} 校验失败")
        _load_database(folder / manifest["database"])
        var = Path(settings.VAR_DIR)
        if (folder / FILES).exists():
            shutil.copytree(folder / FILES, var / FILES, dirs_exist_ok=True)
            private_modes(var / FILES)
    return manifest


def private_modes(root: Path) -> None:
    """Files 0600, folders 0700 under `root`: only the service's own user reads them."""
    root.chmod(0o700)
    for path in root.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _load_database(path: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        target = Path(settings.DATABASES["default"]["NAME"])
        with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        target.chmod(0o600)
        return
    connection.close()
    _pg("pg_restore", "--no-owner", "--clean", "--if-exists", "--exit-on-error", str(path))


__all__ = ["BackupError", "backup", "restore"]
