"""Which of the agency's categories each column of the old site goes to, and what kind of
documents it holds — a CSV the clerk sees (the dry run prints it and can write it) and edits
before anything is written; the next run reads it back."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q

from gongkai.catalogue.models import Category

HEADER = ("栏目路径", "栏目名称", "页数", "分类", "类型")
NORMATIVE, INTERPRETATION = "规范性文件", "政策解读"
KINDS = ("", NORMATIVE, INTERPRETATION)


class MappingError(ValueError):
    """Every problem of a mapping file, in Chinese, one a line."""


@dataclass
class ColumnRule:
    path: str
    name: str
    pages: int = 0
    category: str = ""  # a category name, or 上级/名称 of a shared one
    kind: str = ""  # "", 规范性文件 or 政策解读

    def guess(self) -> None:
        """The column's own name as an agency category; the kind from its name."""
        self.category = self.category or self.name or self.path.rsplit("/", 1)[-1]
        if not self.kind:
            if "规范性文件" in self.name:
                self.kind = NORMATIVE
            elif "解读" in self.name:
                self.kind = INTERPRETATION


def as_csv(rules: list[ColumnRule]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for rule in rules:
        writer.writerow([rule.path, rule.name, rule.pages, rule.category, rule.kind])
    return out.getvalue()


def read_csv(path: Path) -> dict[str, ColumnRule]:
    """The clerk's mapping; every bad line is reported at once, nothing half-read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="gb18030")  # saved from Excel/WPS on Windows
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip() for c in rows[0][:5]] != list(HEADER):
        raise MappingError(f"{path.name} 第1行应是：{','.join(HEADER)}")
    rules, problems = {}, []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = [c.strip() for c in cells] + [""] * (5 - len(cells))
        path_, name, _, category, kind = cells[:5]
        if not path_:
            problems.append(f"第{line}行：缺少栏目路径")
        elif not category:
            problems.append(f"第{line}行：栏目“{name or path_}”没有填写分类")
        elif kind not in KINDS:
            problems.append(f"第{line}行：类型“{kind}”应为空、{NORMATIVE}或{INTERPRETATION}")
        elif path_ in rules:
            problems.append(f"第{line}行：栏目路径“{path_}”重复")
        else:
            rules[path_] = ColumnRule(path_, name, 0, category, kind)
    if problems:
        raise MappingError("\n".join(problems))
    return rules


def merge(found: dict[str, ColumnRule], edited: dict[str, ColumnRule] | None) -> list[ColumnRule]:
    """The columns the crawl holds, each with the clerk's choice where the file has one."""
    rules = []
    for path, rule in sorted(found.items()):
        chosen = (edited or {}).get(path)
        if chosen is not None:
            rule.category, rule.kind = chosen.category, chosen.kind
        rule.guess()
        rules.append(rule)
    return rules


def resolve(agency, text: str) -> Category | None:
    """The agency's own category of that name, else a shared one by 上级/名称 or name."""
    text = text.replace("／", "/").strip()
    own = Category.objects.filter(agency=agency, name=text).first()
    if own is not None:
        return own
    shared = Category.objects.filter(Q(agency__isnull=True), parent__isnull=False)
    if "/" in text:
        parent, name = text.rsplit("/", 1)
        return shared.filter(parent__name=parent, name=name).first()
    return shared.filter(name=text).order_by("parent__order", "order").first()
