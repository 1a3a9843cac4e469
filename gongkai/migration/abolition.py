"""Abolition chains on the old site: a later decision (关于废止…的决定/通知, 关于宣布失效一批
规范性文件的通知) names the documents it ends, by 文号 or by 《title》; the old site rarely
marks the documents themselves (one sample page says 已废止 only in its title, none in its
有效性 field). Reading the chains gives each ended document its 有效性 and the date it ended,
which table 二 counts (本年废止, 现行有效 at 31 December) — a migrated site would otherwise
report every abolished document as still in force.

The date a document stops: the day the decision names (自2025年7月1日起停止执行); "自…印发之日"
its 成文日期; otherwise the day it was published — a 规范性文件 binds only once published
(国办发〔2018〕37号: 未经公布的行政规范性文件，不得作为行政管理依据), and so does its
abolition. Nothing a person has changed here since the migration is overwritten."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from gongkai.catalogue.models import Item, Validity
from gongkai.migration.pages import DOCUMENT_NUMBER

DECISION = re.compile(r"关于(?:宣布)?(废止|失效)")
NUMBER_PARTS = re.compile(r"([\u4e00-\u9fa5A-Za-z]*)[〔\[［(（](\d{4})[〕\]］)）]\s*(\d{1,4})\s*号")
QUOTED = re.compile(r"《([^》]+)》")
# a sentence that says from when the named documents stop
STOPS = re.compile(r"自([^。；]{0,30}?)起[^。；]{0,20}?(?:停止执行|废止|失效|不再执行|不再作为)")
NAMED_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a number cited as the ground of the decision, not as one it ends
CITED = re.compile(r"根据|依据|依照|按照|贯彻|落实|参照")
SENTENCE_START = re.compile(r"[。；：:\n]|[一二三四五六七八九十]+、|\d+[.、]")
OWN_TERM = re.compile(r"有效期(?:至|到)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Ending:
    """`decision` ends `target` from `on`."""

    decision: Item
    target: Item
    validity: str
    on: date
    note: str = ""


def number_key(text: str) -> tuple[str, int, int] | None:
    """A 文号 as (issuer prefix, year, serial), brackets and spaces of any kind alike."""
    match = NUMBER_PARTS.search(text or "")
    if not match:
        return None
    return match[1], int(match[2]), int(match[3])


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html or "")


def _same_name(quoted: str) -> str:
    """〈〉 inside a quoted title are the 《》 of the title it quotes."""
    return quoted.replace("〈", "《").replace("〉", "》").strip()


def stop_day(decision: Item) -> date:
    text = _plain(decision.body)
    for match in STOPS.finditer(text):
        named = NAMED_DAY.search(match[1])
        if named:
            try:
                return date(int(named[1]), int(named[2]), int(named[3]))
            except ValueError:
                continue
        if "印发" in match[1] and decision.written_on:
            return decision.written_on
        if re.search(r"公布|发布|印发", match[1]):
            return decision.published_on
    return decision.published_on


def _listed_numbers(text: str, own: tuple | None) -> list[tuple[str, int, int]]:
    """The 文号 a decision lists as ended: not its own, not one cited as its ground."""
    found = []
    for match in DOCUMENT_NUMBER.finditer(text):
        key = number_key(match.group(0))
        if key is None or (own and key[1:] == own[1:] and key[0].endswith(own[0])):
            continue
        starts = [m.end() for m in SENTENCE_START.finditer(text, 0, match.start())]
        segment = text[starts[-1] if starts else 0 : match.start()]
        if CITED.search(segment):
            continue
        found.append(key)
    return found


def _made_year(item: Item) -> int:
    if item.written_on:
        return item.written_on.year
    key = number_key(item.document_number)
    return key[1] if key else item.published_on.year


def endings(agency) -> list[Ending]:
    """Every migrated document of the agency a migrated decision ends. A whole site's
    titles and numbers are read once (no bodies: 72,000 of them would not fit the run's
    memory); only the decisions' bodies are read."""
    fields = ("pk", "title", "document_number", "written_on", "published_on", "validity")
    migrated = Item.objects.filter(agency=agency, migrated_at__isnull=False)
    items = {item.pk: item for item in migrated.only(*fields)}
    by_number: dict[tuple[int, int], list[Item]] = {}
    by_name: dict[str, list[Item]] = {}
    for item in items.values():
        key = number_key(item.document_number)
        if key:
            by_number.setdefault(key[1:], []).append(item)
        by_name.setdefault(item.title, []).append(item)
        for quoted in set(QUOTED.findall(item.title)):
            by_name.setdefault(f"《{quoted}》", []).append(item)
    found: list[Ending] = []
    decisions = migrated.filter(Q(title__contains="废止") | Q(title__contains="失效"))
    for decision in decisions.only(*fields, "body"):
        kind = DECISION.search(decision.title)
        if not kind or decision.published_on is None:
            continue
        validity = Validity.EXPIRED if kind[1] == "失效" else Validity.REPEALED
        on = stop_day(decision)
        own = number_key(decision.document_number)
        targets: dict[int, Item] = {}
        for prefix, year, serial in _listed_numbers(decision.title + _plain(decision.body), own):
            for item in by_number.get((year, serial), []):
                item_prefix = number_key(item.document_number)[0]
                if item_prefix and prefix.endswith(item_prefix):
                    targets[item.pk] = item
        for quoted in QUOTED.findall(decision.title):
            name = _same_name(quoted)
            # a name can stand in several titles (the notice that issued it, its 解读, a
            # revision): the decision ends the latest document of that name made before it
            named = [
                item
                for item in by_name.get(name, []) + by_name.get(f"《{name}》", [])
                if item.pk != decision.pk
                and not DECISION.search(item.title)
                and (item.written_on or item.published_on) <= on
            ]
            if named:
                latest = max(named, key=lambda i: (i.written_on or i.published_on, i.pk))
                targets[latest.pk] = latest
        for target in targets.values():
            if target.pk == decision.pk or _made_year(target) > on.year:
                continue  # a decision cannot end a later document that shares a number
            note = ""
            if target.published_on and target.published_on > on:
                note = (
                    f"发布于废止之后：{target.published_on:%Y-%m-%d} 发布，"
                    f"{on:%Y-%m-%d} 起已停止执行"
                )
            found.append(Ending(decision, target, validity, on, note))
    return found


def unexplained(agency, ended: set[int]) -> list[tuple[Item, str]]:
    """Documents the old site marks 已废止/已失效 (in their title or 有效性) with no decision
    found that ends them: their date is unknown and is not guessed; the clerk is told,
    with the 有效期 the document states for itself when it states one."""
    found = []
    for item in Item.objects.filter(
        agency=agency, migrated_at__isnull=False, validity_changed_on__isnull=True
    ).exclude(validity=Validity.VALID):
        if item.pk in ended:
            continue
        note = "原网站标注为已废止或失效，未注明日期，也未找到废止它的文件：请在信息页补录日期"
        term = OWN_TERM.search(_plain(item.body))
        if term:
            note += f"（正文载明“有效期至{term[1]}年{term[2]}月{term[3]}日”）"
        found.append((item, note))
    return found


def apply(agency, *, by, summary) -> int:
    """Give each ended document its 有效性 and date, and link a 废止 both ways (the policy
    panel shows it on both pages). Returns how many documents changed."""
    from django.db import transaction

    from gongkai.core.audit import audit
    from gongkai.policies.models import DocumentRelation, RelationKind

    changed = 0
    found = endings(agency)
    with transaction.atomic():
        for ending in found:
            target = Item.objects.select_for_update().get(pk=ending.target.pk)
            if target.migrated_at is None or target.updated_at > target.migrated_at:
                continue  # a person has changed it here since the run wrote it: theirs stands
            if ending.validity == Validity.REPEALED:
                DocumentRelation.objects.get_or_create(
                    newer=ending.decision,
                    older=target,
                    defaults={"kind": RelationKind.REPEALS, "on": ending.on, "created_by": by},
                )
            summary.endings.append(
                (ending.decision.title, target.title, ending.on, ending.validity, ending.note)
            )
            if (target.validity, target.validity_changed_on) == (ending.validity, ending.on):
                continue
            Item.objects.filter(pk=target.pk).update(
                validity=ending.validity, validity_changed_on=ending.on
            )
            audit(
                by,
                "site.migrated.ended",
                obj=target,
                decision=ending.decision.pk,
                on=ending.on.isoformat(),
                validity=ending.validity,
            )
            changed += 1
    for item, note in unexplained(agency, {ending.target.pk for ending in found}):
        summary.notes.append((item.source_url, item.title, note))
    return changed
