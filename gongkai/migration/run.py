"""Writing the old site's pages as the agency's items.

Each page becomes one item, keyed by its address on the old site: a second run updates the
item it wrote (or leaves it, when nothing changed or a person has edited it since), never
adds another. Pages are written in batches, each its own transaction, so a run that stops
half-way keeps every finished batch and the next run carries on from there.

Every page and every attachment the crawl holds goes through the personal-data scan, the
one every other way to the public uses; a page with a finding is held for review (提交审查,
with its findings) instead of published, and the reviewer masks or confirms it and
publishes it as usual (it keeps its original date and 索引号). Migrated items keep the 索引号
the old site gave them, their dates, 文号 and 有效性; they are marked migrated, so the
20 working days of 条例第二十六条 are never measured against dates that were not ours."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.catalogue.models import (
    Category,
    CategorySource,
    DocumentKind,
    Item,
    ItemAttachment,
    ItemStatus,
)
from gongkai.catalogue.search import index_ids, terms_of
from gongkai.catalogue.transitions import allocate_index_number, text_hits
from gongkai.core.audit import audit
from gongkai.core.models import Agency, Role, User
from gongkai.core.transitions import TransitionError, require_role
from gongkai.migration import abolition
from gongkai.migration.mapping import (
    INTERPRETATION,
    NORMATIVE,
    ColumnRule,
    merge,
    resolve,
)
from gongkai.migration.pages import Page
from gongkai.statute.personal_data import describe, scan

BATCH = 200
NORMATIVE_NUMBER = re.compile(
    r"规[〔\[［]\d{4}[〕\]］]"
)  # 岚综管规〔2024〕4号: 规范性文件's own series
QUOTED = re.compile(r"《([^》]+)》")
MIGRATORS = (Role.ADMIN,)


@dataclass
class Summary:
    """What a run found (a dry run) or did."""

    columns: dict[str, ColumnRule] = field(default_factory=dict)
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)  # url, title, why
    held: list[tuple[str, str, str]] = field(default_factory=list)  # url, title, findings
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # created / updated / unchanged / kept
    kinds: Counter = field(default_factory=Counter)
    interpretations: list[tuple[str, str]] = field(default_factory=list)  # 解读, 文件 titles
    # (decision title, ended document title, from, validity, note): see abolition.py
    endings: list[tuple] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(rule.pages for rule in self.columns.values())


def attachment_text(attachment) -> str:
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    try:
        kind = uploads.sniff(attachment.data, attachments.ACCEPTED, attachment.name)
        # the scan's reading also says what it could not read; the migration scans its text
        return attachments.extract_text(attachment.data, kind).text
    except uploads.UploadRefused:
        # a .doc/.wps the system cannot read: the raw bytes' digits still go through the scan
        return attachment.data.decode("gb18030", "ignore")


def findings(page: Page) -> list[dict]:
    """The personal-data scan of the page and of every attachment the crawl holds."""
    hits = text_hits(title=page.title, body=page.body)
    for attachment in page.attachments:
        if attachment.data:
            hits += describe(scan(attachment_text(attachment)), f"附件“{attachment.name}”")
    return hits


def kind_of(page: Page, rule: ColumnRule) -> str:
    if rule.kind == INTERPRETATION or "解读" in page.title:
        return INTERPRETATION
    if rule.kind == NORMATIVE or NORMATIVE_NUMBER.search(page.document_number):
        return NORMATIVE
    return ""


def survey(
    pages: Iterable[Page], edited: dict[str, ColumnRule] | None = None, *, scan: bool = True
) -> Summary:
    """The dry run: the columns and their counts, the mapping, what cannot be read and what
    would be held (without `scan`, only the columns). Nothing is written."""
    summary = Summary()
    found: dict[str, ColumnRule] = {}
    for page in pages:
        rule = found.setdefault(page.column_path, ColumnRule(page.column_path, page.column_name))
        rule.name = rule.name or page.column_name
        rule.pages += 1
        if scan:
            _note(summary, page)
    rules = merge(found, edited)
    summary.columns = {rule.path: rule for rule in rules}
    return summary


def _note(summary: Summary, page: Page, hits: list[dict] | None = None) -> bool:
    """Record what the clerk must know of the page; False when it cannot be migrated."""
    if page.problem:
        summary.unreadable.append((page.url, page.title, page.problem))
        return False
    if not page.url:
        summary.unreadable.append((page.url, page.title, "没有原网址"))
        return False
    for note in page.notes:
        summary.notes.append((page.url, page.title, note))
    hits = findings(page) if hits is None else hits
    if hits:
        found = "、".join(f"{h['kind']} {h['masked']}（{h['where']}）" for h in hits[:5])
        summary.held.append((page.url, page.title, found))
    return True


def migrate(
    agency: Agency,
    pages: Callable[[], Iterator[Page]],
    *,
    by: User,
    edited: dict[str, ColumnRule] | None = None,
    batch: int = BATCH,
) -> Summary:
    """Write every readable page (see the module's docstring). `pages` gives the crawl's
    pages from the start each time it is called: once to survey, once to write."""
    require_role(by, agency, MIGRATORS)
    plan = survey(pages(), edited, scan=False)
    categories = _categories(agency, plan.columns.values(), by)
    summary = Summary(columns=plan.columns)
    pending: list[tuple[Page, ColumnRule]] = []
    interpretations: list[tuple[int, Page]] = []
    for page in pages():
        pending.append((page, plan.columns[page.column_path]))
        if len(pending) >= batch:
            interpretations += _write(agency, pending, categories, by, summary)
            pending = []
    interpretations += _write(agency, pending, categories, by, summary)
    _link_interpretations(agency, interpretations, by, summary)
    summary.counts["ended"] = abolition.apply(agency, by=by, summary=summary)
    summary.counts["links_rewritten"] = _rewrite_links(agency)
    audit(by, "site.migrated", obj=agency, **{k: v for k, v in summary.counts.items()})
    return summary


def _categories(agency: Agency, rules, by: User) -> dict[str, Category]:
    """Each column's category; a name that is neither the agency's nor a shared one becomes
    a new category of the agency."""
    chosen = {}
    with transaction.atomic():
        for rule in rules:
            category = resolve(agency, rule.category)
            if category is None:
                if "/" in rule.category:
                    raise TransitionError(f"分类“{rule.category}”不存在")
                category = Category.objects.create(
                    agency=agency, name=rule.category[:100], source=CategorySource.AGENCY
                )
                audit(by, "category.created", obj=category, reason="site migration")
            chosen[rule.path] = category
    return chosen


def _values(page: Page, rule: ColumnRule, category: Category, hits: list[dict]) -> dict:
    kind = kind_of(page, rule)
    return {
        "category_id": category.pk,
        "article20_item": category.article20_item,
        "title": page.title[:300],
        "document_number": page.document_number[:100],
        "body": page.body,
        "written_on": page.written_on,
        "formed_on": page.written_on or page.published_on,
        "published_on": page.published_on,
        "validity": page.validity,
        "document_kind": DocumentKind.NORMATIVE if kind == NORMATIVE else DocumentKind.OTHER,
        "source_column": (rule.name or rule.path)[:200],
        "source_subject": page.subject[:200],
        "source_publisher": page.publisher[:200],
        "personal_data": hits,
        "status": ItemStatus.SUBMITTED if hits else ItemStatus.PUBLISHED,
    }


def _write(agency, pending, categories, by, summary) -> list[tuple[int, Page]]:
    """One batch, one transaction: everything in it is written, or nothing."""
    if not pending:
        return []
    interpretations = []
    now = timezone.now()
    with transaction.atomic():
        urls = [page.url for page, _ in pending if page.url]
        existing = {
            item.source_url: item
            for item in Item.objects.select_for_update().filter(agency=agency, source_url__in=urls)
        }
        numbers = [p.index_number for p, _ in pending if p.index_number]
        taken = dict(
            Item.objects.filter(index_number__in=numbers).values_list("index_number", "source_url")
        )
        hrefs = {m[1] for page, _ in pending for m in HREF.finditer(page.body)}
        targets = dict(
            Item.objects.filter(agency=agency, source_url__in=hrefs).values_list("source_url", "pk")
        )
        new, touched = [], []
        seen: set[str] = set()
        for page, rule in pending:
            if page.url and page.url in seen:
                summary.counts["repeated"] += 1  # a crawl that fetched the page twice
                continue
            seen.add(page.url)
            hits = findings(page) if not page.problem else []
            if not _note(summary, page, hits):
                continue
            values = _values(page, rule, categories[rule.path], hits)
            values["body"] = _rewritten(values["body"], targets)
            summary.kinds[kind_of(page, rule) or "其他"] += 1
            item = existing.get(page.url)
            if item is not None:
                values["body"] = _with_attachment_links(values["body"], item, page)
            if page.index_number and taken.get(page.index_number, page.url) != page.url:
                summary.unreadable.append(
                    (page.url, page.title, f"索引号“{page.index_number}”已被本系统中的其他信息使用")
                )
                continue
            if page.index_number:
                taken[page.index_number] = page.url  # a second page of the crawl with it
            if item is None:
                item = Item(
                    agency=agency,
                    created_by=by,
                    source_url=page.url,
                    migrated_at=now,
                    index_number=page.index_number or None,
                    **values,
                )
                new.append(item)
            elif _edited_since(item):
                summary.counts["kept"] += 1
                continue
            else:
                if item.status != ItemStatus.SUBMITTED and values["status"] == ItemStatus.PUBLISHED:
                    values["status"] = item.status  # withdrawn stays withdrawn
                if item.status == ItemStatus.PUBLISHED and hits:
                    values["status"] = ItemStatus.SUBMITTED  # a new finding takes it down
                if page.validity == "valid" and item.validity_changed_on is not None:
                    # ended by a decision the run read (abolition.py); the page itself says
                    # nothing of its validity
                    values["validity"] = item.validity
                changed = [k for k, v in values.items() if getattr(item, k) != v]
                if page.index_number and item.index_number != page.index_number:
                    item.index_number = page.index_number
                    changed.append("index_number")
                if not changed:
                    summary.counts["unchanged"] += 1
                    if kind_of(page, rule) == INTERPRETATION:
                        interpretations.append((item.pk, page))
                    continue
                for name in changed:
                    setattr(item, name, values.get(name, getattr(item, name)))
                item.migrated_at = now
                touched.append((item, changed))
            if kind_of(page, rule) == INTERPRETATION:
                interpretations.append((item, page))
        numbers = _numbers(
            agency,
            [i.published_on.year for i in new if i.status == "published" and not i.index_number],
        )
        for item in new:
            if item.status == ItemStatus.PUBLISHED and not item.index_number:
                item.index_number = next(numbers[item.published_on.year])
            item.search_terms = _terms(item)
        Item.objects.bulk_create(new, batch_size=100)
        for item, changed in touched:
            if item.status == ItemStatus.PUBLISHED and not item.index_number:
                item.index_number = allocate_index_number(agency, item.published_on.year)
                changed.append("index_number")
            item.search_terms = _terms(item)
            item.save(update_fields=[*set(changed), "search_terms", "migrated_at", "updated_at"])
        written = [item.pk for item in new] + [item.pk for item, _ in touched]
        # the mark a later run compares with: any save after this one is a person's
        Item.objects.filter(pk__in=written).update(migrated_at=F("updated_at"))
        index_ids(written)
        for item, page in ((i, p) for i, p in _pages_of(new, pending)):
            _attach(item, page, by)
        summary.counts["created"] += len(new)
        summary.counts["updated"] += len(touched)
        if new or touched:
            audit(by, "site.migrated.batch", obj=agency, created=len(new), updated=len(touched))
    return [(i.pk if isinstance(i, Item) else i, p) for i, p in interpretations]


def _numbers(agency: Agency, years: list[int]) -> dict[int, Iterator[str]]:
    """Index numbers for a batch: each year's counter locked once and moved on by the
    batch's count (the serials allocate_index_number would give one by one, in order)."""
    from gongkai.catalogue.models import IndexCounter
    from gongkai.core.counters import next_serial

    found = {}
    for year, count in sorted(Counter(years).items()):
        last = next_serial(IndexCounter, agency=agency, year=year)  # locks the row
        if count > 1:
            IndexCounter.objects.filter(agency=agency, year=year).update(
                last_serial=last + count - 1
            )
        found[year] = iter(
            [f"{agency.index_prefix}/{year}-{serial:05d}" for serial in range(last, last + count)]
        )
    return found


def _pages_of(new: list[Item], pending) -> Iterator[tuple[Item, Page]]:
    by_url = {page.url: page for page, _ in pending}
    for item in new:
        page = by_url[item.source_url]
        if any(a.data for a in page.attachments):
            yield item, page


def _with_attachment_links(body: str, item: Item, page: Page) -> str:
    """The body with each kept attachment's link pointing at our copy of the file."""
    from django.urls import reverse

    from gongkai.core import uploads

    kept = dict(item.attachments.values_list("original_name", "pk"))
    for attachment in page.attachments:
        pk = kept.get(uploads.display_name(attachment.name)[:200])
        if attachment.url and pk is not None:
            ours = reverse("portal:attachment", args=[item.pk, pk])
            body = body.replace(f'href="{attachment.url}"', f'href="{ours}"')
    return body


def _attach(item: Item, page: Page, by: User) -> None:
    """The attachments the crawl holds, kept with the item (their text for the scan), the
    body's links to them pointing at our copies."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    for attachment in page.attachments:
        if not attachment.data:
            continue
        try:
            kind = uploads.sniff(attachment.data, attachments.ACCEPTED, attachment.name)
        except uploads.UploadRefused:
            continue  # a format the catalogue does not serve (.doc, .wps): the link stays
        name = uploads.write(attachment.data, attachments.FOLDER, kind[2])
        ItemAttachment.objects.create(
            item=item,
            original_name=uploads.display_name(attachment.name)[:200],
            storage_name=name,
            content_type=kind[1],
            size=len(attachment.data),
            text=attachment_text(attachment),
            uploaded_by=by,
        )
    # QuerySet.update keeps updated_at: the migration's own change, not a person's
    Item.objects.filter(pk=item.pk).update(body=_with_attachment_links(item.body, item, page))


def _terms(item: Item) -> str:
    if item.status != ItemStatus.PUBLISHED:
        return ""
    return terms_of(
        SimpleNamespace(
            title=item.title,
            document_number=item.document_number,
            keywords=item.keywords,
            summary=item.summary,
            body=item.body,
        )
    )


def _edited_since(item: Item) -> bool:
    if item.migrated_at is None:
        return True  # written by hand, not by a migration
    return item.updated_at > item.migrated_at  # saved by a person since the run wrote it


HREF = re.compile(r'href="(https?://[^"]+)"')


def _rewritten(body: str, targets: dict[str, int]) -> str:
    from django.urls import reverse

    return HREF.sub(
        lambda m: (
            f'href="{reverse("portal:item", args=[targets[m[1]]])}"' if m[1] in targets else m[0]
        ),
        body,
    )


def _rewrite_links(agency: Agency) -> int:
    """Links between the old site's pages point at the items they became (the self-check
    then resolves them against the catalogue); a link to a page that was not migrated keeps
    its old address, which the self-check reports once the old host is this site's."""
    migrated = Item.objects.filter(agency=agency, migrated_at__isnull=False)
    targets = dict(migrated.exclude(source_url="").values_list("source_url", "pk"))
    rewritten = 0
    for pk, body in migrated.filter(body__contains='href="http').values_list("pk", "body"):
        new = _rewritten(body, targets)
        if new != body:
            # QuerySet.update keeps updated_at: a rewrite is the migration's, not a person's
            Item.objects.filter(pk=pk).update(body=new)
            rewritten += 1
    return rewritten


def _link_interpretations(agency, found: list[tuple[int, Page]], by, summary) -> None:
    """Each 解读 to the document it interprets: the one its page links, else the one whose
    《name》 its title quotes (the same name, or all but a word: 城乡基础设施建设专项规划
    interprets 城乡基础设施专项规划)."""
    from gongkai.policies.models import Interpretation, InterpretationForm

    if not found:
        return
    documents = list(
        Item.objects.filter(agency=agency, migrated_at__isnull=False)
        .exclude(pk__in=[pk for pk, _ in found])
        .filter(title__contains="《")
        .values_list("pk", "title", "source_url")
    )
    by_url = {url: pk for pk, _, url in documents}
    names = [(pk, QUOTED.findall(title)) for pk, title, _ in documents]
    titles = dict((pk, title) for pk, title, _ in documents)
    for pk, page in found:
        target = next((by_url[href] for href, _ in page.links if href in by_url), None)
        quoted = QUOTED.findall(page.title)
        if target is None and quoted:
            wanted = quoted[0]
            best, score = None, 0.0
            for document, document_names in names:
                for name in document_names:
                    ratio = (
                        1.0
                        if name == wanted
                        else difflib.SequenceMatcher(None, name, wanted).ratio()
                    )
                    if ratio > score:
                        best, score = document, ratio
            target = best if score >= 0.9 else None
        if target is None:
            summary.notes.append((page.url, page.title, "解读：未找到所解读的文件"))
            continue
        _, created = Interpretation.objects.get_or_create(
            interpretation_id=pk,
            document_id=target,
            defaults={"form": InterpretationForm.TEXT, "created_by": by},
        )
        if created:
            audit(by, "policies.interpretation.linked", obj=agency, item=pk, document=target)
        summary.interpretations.append((page.title, titles[target]))
