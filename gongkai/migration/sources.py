"""Which reader a SOURCE needs: this archive's folder layout, a `wget --mirror` folder, or
a WARC file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from gongkai.migration.pages import Page


class SourceError(ValueError):
    pass


def reader(source: Path) -> Callable[[], Iterator[Page]]:
    """A function giving the source's pages from the start, each time it is called."""
    from gongkai.migration import archive, html

    if not source.exists():
        raise SourceError(f"找不到 {source}")
    if source.is_file():
        if source.name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            return lambda: html.warc_pages(source)
        raise SourceError(f"{source.name} 不是 WARC 文件（应以 .warc 或 .warc.gz 结尾）")
    if next(source.rglob("page.txt"), None) is not None:
        return lambda: archive.pages(source)
    if next((p for p in source.rglob("*.htm*") if p.is_file()), None) is not None:
        return lambda: html.mirror_pages(source)
    raise SourceError(f"{source} 中既没有 page.txt，也没有 .htm/.html 页面")
