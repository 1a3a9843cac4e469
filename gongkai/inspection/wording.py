"""Serious wording errors (严重表述错误, a single-veto item of 国办秘函〔2019〕19号): a list of
wrong expressions with their right form, matched in what readers see.

A fast pass finds candidate spans with one regular expression over the whole text; only
around a hit is the text cut into words by the project's tokenizer (jieba, as search uses),
and the hit counts only when it starts and ends on word boundaries — so a wrong form that
happens to sit inside a longer right word does not fire."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings

from gongkai.catalogue.search import _jieba

DEFAULT_FILE = Path(__file__).parent / "data" / "serious_wording.tsv"
CONTEXT = 20  # characters shown on each side of a match


# What each kind of wrong wording costs (19号): a wrong fixed expression or a renamed body is
# a 严重表述错误 (单项否决); a common misspelling is a deduction under 内容准确; the punctuation
# of a fixed phrase is a hint. A kind not listed here counts as serious.
KIND_INDICATORS = {
    "固定表述": "serious_wording",
    "机构名称（已更名）": "serious_wording",
    "成语误用": "wording_misspelling",
    "常见错别字": "wording_misspelling",
    "固定表述（标点）": "wording_punctuation",
}
RENAMED = "机构名称（已更名）"


@dataclass(frozen=True)
class Rule:
    wrong: str
    right: str
    kind: str
    source: str
    renamed_on: date | None = None  # a body's old name is right in documents dated before

    @property
    def indicator(self) -> str:
        return KIND_INDICATORS.get(self.kind, "serious_wording")

    @property
    def since(self) -> date | None:
        """When a renamed body's old name became wrong: the month after the reform plan its
        source names (《深化党和国家机构改革方案》（2018年3月）), and where local bodies follow
        their own plans (及地方机构改革方案), the April after, when local reforms were due
        done (地方机构改革2019年3月底前基本完成). A document of before then named it rightly."""
        if self.kind != RENAMED:
            return None
        if self.renamed_on is not None:  # the rule file's own 更名日期 column
            return self.renamed_on
        found = re.search(r"（(\d{4})年(\d{1,2})月）", self.source)
        if not found:
            return None
        year, month = int(found[1]), int(found[2])
        if "地方机构改革" in self.source:
            return date(year + 1, 4, 1)
        return date(year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Match:
    rule: Rule
    start: int
    context: str


def load_rules(paths: list[Path]) -> list[Rule]:
    rules: dict[str, Rule] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("\t")]
            if len(parts) not in (4, 5) or not parts[0]:
                raise ValueError(
                    f"{path.name} 第{number}行应为：错误写法、正确写法、类别、依据（、更名日期），"
                    "以制表符分隔"
                )
            renamed_on = None
            if len(parts) == 5 and parts[4]:
                try:
                    renamed_on = date.fromisoformat(parts[4])
                except ValueError:
                    raise ValueError(
                        f"{path.name} 第{number}行的更名日期“{parts[4]}”应写作 2018-03-21"
                    ) from None
            wrong, right, kind, source = parts[:4]
            rules[wrong] = Rule(wrong, right, kind, source, renamed_on)
    return list(rules.values())


@cache
def _compiled(paths: tuple[Path, ...]) -> tuple[re.Pattern, dict[str, Rule]]:
    rules = load_rules(list(paths))
    by_wrong = {r.wrong: r for r in rules}
    # longest first, so a longer wrong form wins over a shorter one inside it
    pattern = "|".join(re.escape(w) for w in sorted(by_wrong, key=len, reverse=True))
    return re.compile(pattern or r"(?!x)x"), by_wrong


def rules_by_wrong(files: tuple[Path, ...]) -> dict[str, Rule]:
    """The rules of `files` by their wrong form (as find() matched them)."""
    return _compiled(files)[1]


def rule_files() -> tuple[Path, ...]:
    extra = getattr(settings, "GONGKAI_WORDING_FILES", []) or []
    return (DEFAULT_FILE, *(Path(p) for p in extra))


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Cut a window around the hit into words; the hit must begin and end where words do."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    window = text[left:right]
    cuts = {0, len(window)}
    for _word, a, b in _jieba().tokenize(window):
        cuts.add(a)
        cuts.add(b)
    return (start - left) in cuts and (end - left) in cuts


_TITLE = re.compile(r"《[^《》]*》")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """《》 titles: a law, a document or a body cited by its own name is not an error."""
    return [m.span() for m in _TITLE.finditer(text)]


def _excused(rule: Rule, text: str, start: int, end: int, dated: date | None, titles) -> bool:
    """Not an error (spec, correction December 2026): inside a 《》 title or citation; a
    renamed body in a document dated before the renaming, or cited as the former body
    (原…); an old name that is only part of a generic "…部门"."""
    if any(a <= start and end <= b for a, b in titles):
        return True
    if rule.kind != RENAMED:
        return False
    if dated is not None and rule.since is not None and dated < rule.since:
        return True
    if text[max(0, start - 1) : start] == "原":
        return True
    return text[end - 1 : end + 1] == "部门"


def find(text: str, *, dated: date | None = None, files=None) -> list[Match]:
    """Wrong forms in `text`, a document dated `dated` (成文日期, else its publication), by
    the rules of `files` (rule_files() when not given: a caller scanning many texts asks once)."""
    pattern, rules = _compiled(files or rule_files())
    original = text
    text = unicodedata.normalize("NFKC", text)
    # show the reader's own characters when normalising kept every position
    shown = original if len(original) == len(text) else text
    found: list[Match] = []
    titles = _quoted_spans(text)
    for hit in pattern.finditer(text):
        start, end = hit.span()
        rule = rules[hit.group(0)]
        if _excused(rule, text, start, end, dated, titles):
            continue
        if not _on_word_boundaries(text, start, end):
            continue
        context = shown[max(0, start - CONTEXT) : end + CONTEXT].replace("\n", " ")
        found.append(Match(rules[hit.group(0)], start, context))
    return found
