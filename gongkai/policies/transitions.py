"""The steps of a policy document's life, each one named function with its audit entry
(DESIGN.md's recipe): 解读 links, the 同步 rule at publication, registration of 行政规范性文件,
修订/废止/替代, expiry, 清理, and consultations with their 反馈."""

from __future__ import annotations

import contextvars
from datetime import date, timedelta
from html import escape

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.catalogue import transitions as catalogue
from gongkai.catalogue.models import DocumentKind, InfoType, Item, ItemStatus, Validity
from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.counters import next_serial
from gongkai.core.models import Agency, Role, User
from gongkai.core.models.agency import GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE
from gongkai.core.roles import EDITORS, REVIEWERS
from gongkai.core.steps import check as check_declared  # policies/steps.py
from gongkai.core.transitions import TransitionError, require_role
from gongkai.policies.models import (
    CONSULTATION_BASIS,
    CONSULTATION_DAYS,
    Adoption,
    CleanupBatch,
    CleanupEntry,
    CleanupResult,
    Comment,
    CommentStatus,
    Consultation,
    DocumentRelation,
    Interpretation,
    InterpretationForm,
    Lapse,
    NormativeDocument,
    PolicySettings,
    RegistrationCounter,
    RelationKind,
    consultation_min_days,
    max_validity_years,
    settings_for,
)

ADMINS = (Role.ADMIN,)
SYNC_BASIS = "国办发〔2016〕80号"
REGISTRATION_BASIS = "国办发〔2018〕37号"


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _check_register_step(agency: Agency, name: str, *, by: User, today: date) -> None:
    """A step of the register page, as policies/steps.py declares it on the agency: each
    makes something new, so there is no row to lock; it is checked inside the transaction."""
    from gongkai.core.steps import check
    from gongkai.policies.steps import AgencyPolicyRegister

    check(AgencyPolicyRegister(agency), name, user=by, today=today)


# ---------------------------------------------------------------- settings


def configure(
    agency: Agency,
    *,
    by: User,
    require_sync: bool,
    sync_grace_workdays: int = 0,
    max_validity_years: int | None = None,
    max_provisional_validity_years: int | None = None,
    consultation_min_days: int | None = None,
    registration_code: str = "",
) -> PolicySettings:
    require_role(by, agency, ADMINS)
    if not 0 <= sync_grace_workdays <= 20:
        raise TransitionError("解读可晚于文件公开的工作日数应在 0 到 20 之间")
    if max_validity_years is not None and not 1 <= max_validity_years <= 10:
        raise TransitionError("规范性文件有效期上限应在 1 到 10 年之间")
    if max_provisional_validity_years is not None and not 1 <= max_provisional_validity_years <= 10:
        raise TransitionError("暂行、试行规范性文件有效期上限应在 1 到 10 年之间")
    if consultation_min_days is not None and not 0 <= consultation_min_days <= 90:
        raise TransitionError("征求意见期限下限应在 0 到 90 日之间")
    with transaction.atomic():
        _check_register_step(agency, "settings", by=by, today=timezone.localdate())
        found, _ = PolicySettings.objects.update_or_create(
            agency=agency,
            defaults={
                "require_sync": require_sync,
                "sync_grace_workdays": sync_grace_workdays,
                "max_validity_years": max_validity_years,
                "max_provisional_validity_years": max_provisional_validity_years,
                "consultation_min_days": consultation_min_days,
                "registration_code": registration_code.strip(),
            },
        )
        audit(
            by,
            "policies.settings.changed",
            obj=found,
            agency=agency,
            require_sync=require_sync,
            grace=sync_grace_workdays,
            max_years=max_validity_years,
        )
    return found


# ---------------------------------------------------------------- 解读


def link_interpretation(
    interpretation: Item, document: Item, *, by: User, form: str, media_url: str = ""
) -> Interpretation:
    """Record that `interpretation` is a 解读 of `document`; both pages then link the other."""
    require_role(by, interpretation.agency, EDITORS)
    if form not in InterpretationForm.values:
        raise TransitionError("请选择解读形式：文字解读、图解、音视频、问答或媒体/专家解读")
    if interpretation.pk == document.pk:
        raise TransitionError("解读不能是文件本身")
    if form == InterpretationForm.AUDIO_VIDEO and not media_url.startswith(("https://", "http://")):
        raise TransitionError("音视频解读请填写以 https:// 开头的链接")
    if Interpretation.objects.filter(interpretation=document).exists():
        raise TransitionError("所选文件本身是一篇解读，不能再被解读")
    from gongkai.policies.steps import PolicyItem  # it imports this module

    try:
        with transaction.atomic():
            locked = Item.objects.select_for_update().get(pk=interpretation.pk)
            check_declared(PolicyItem(locked), "interpret", user=by, today=timezone.localdate())
            link = Interpretation.objects.create(
                interpretation=interpretation,
                document=document,
                form=form,
                media_url=media_url,
                created_by=by,
            )
            audit(by, "policies.interpretation.linked", obj=interpretation, document=document.pk)
    except IntegrityError:
        raise TransitionError("该解读已经关联到这份文件") from None
    return link


# 同步组织、同步审签、同步部署 (国办发〔2016〕80号): the items approved together right now.
_together: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "policies_together", default=frozenset()
)


def check_publication(item: Item, *, on: date) -> None:
    """Called by the catalogue before any item is published (PUBLICATION_CHECKS), inside its
    transaction. The register takes the title and 文号 as published. Where the agency
    requires it, a 规范性文件 is published only with its 解读 (or, when the agency allows a
    grace period, first, its 解读 owed within N working days on the 工作台), and a 解读 never
    before its document."""
    together = _together.get()
    record = NormativeDocument.objects.filter(item=item).first()
    # 行政规范性文件 are government information; a 党务 document filed with the kind is not one
    if (
        item.document_kind == DocumentKind.NORMATIVE
        and item.info_type == InfoType.GOVERNMENT
        and record is None
    ):
        raise TransitionError(
            f"行政规范性文件须统一登记、统一编号后才能公开（{REGISTRATION_BASIS}）："
            "请先在“规范性文件登记”中登记，再提交公开"
        )
    if record is not None:  # the register searches the title and 文号 as published
        record.item = item
        record.refresh_search_text()
        record.save(update_fields=["search_text", "number_key"])
    # a page migrated from the old site was published there, with or without its 解读: a
    # reviewer releasing it after masking does not publish it anew
    if (
        item.document_kind == DocumentKind.NORMATIVE
        and item.info_type == InfoType.GOVERNMENT  # 政务公开's rule, not a 党委's
        and not item.migrated_at
    ):
        policy = settings_for(item.agency)
        if policy.require_sync and not policy.sync_grace_workdays:
            ready = Interpretation.objects.filter(document=item).values_list(
                "interpretation_id", "interpretation__status"
            )
            if not any(s == ItemStatus.PUBLISHED or pk in together for pk, s in ready):
                raise TransitionError(
                    f"规范性文件应与其解读同步审签、同步公开（{SYNC_BASIS}）：请先起草解读，"
                    "在解读的页面“关联解读”选中本文件并提交审查，再用“文件与解读一并审核公开”"
                    "将两者同日公开"
                )
    for link in Interpretation.objects.filter(
        interpretation=item, document__document_kind=DocumentKind.NORMATIVE
    ).select_related("document__agency"):
        document = link.document
        if item.migrated_at or document.status == ItemStatus.PUBLISHED or document.pk in together:
            continue
        if settings_for(document.agency).require_sync:
            raise TransitionError(
                f"解读不能先于其文件公开（{SYNC_BASIS}）：请将《{document.title}》与本解读一并审核公开"
            )


def approve_together(document: Item, *, by: User, on: date) -> list[Item]:
    """The reviewer approves a 规范性文件 and every 解读 of it awaiting review, as one step:
    all are published or none is."""
    from gongkai.policies.steps import PolicyItem  # it imports this module

    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=document.pk)
        check_declared(PolicyItem(locked), "together", user=by, today=on)
        waiting = list(
            Item.objects.awaiting_review().filter(interprets__document=document).order_by("pk")
        )
        token = _together.set(frozenset([document.pk, *(i.pk for i in waiting)]))
        try:
            published = [catalogue.approve_and_publish(document, by=by, on=on)]
            published += [catalogue.approve_and_publish(i, by=by, on=on) for i in waiting]
        finally:
            _together.reset(token)
    return published


# ---------------------------------------------------------------- the register


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def latest_valid_until(agency: Agency, effective_on: date, title: str = "") -> date:
    """The last day of the longest 有效期 allowed: 5 years from 2026年1月1日 end on
    2030年12月31日; a title marked 暂行/试行 has the province's shorter cap."""
    return add_years(effective_on, max_validity_years(agency, title)) - timedelta(days=1)


def register_normative(
    item: Item,
    *,
    by: User,
    on: date,
    effective_on: date,
    valid_until: date | None = None,
) -> NormativeDocument:
    """统一登记、统一编号 at drafting (国办发〔2018〕37号): the next number of the agency and
    year, the 施行日期 and the 有效期 (at most the province's maximum; the maximum when left
    empty)."""
    require_role(by, item.agency, EDITORS)
    drafting = item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED, ItemStatus.SUBMITTED)
    # a 规范性文件 migrated from the old site was drafted there: it is registered as found
    if not drafting and not (item.migrated_at and item.status == ItemStatus.PUBLISHED):
        raise TransitionError("规范性文件应在起草时登记，已公开的信息不能再登记")
    if item.document_kind != DocumentKind.NORMATIVE:
        raise TransitionError("只有文件类型为“行政规范性文件”的信息才能登记")
    if item.written_on and effective_on < item.written_on:
        raise TransitionError("施行日期不能早于成文日期")
    latest = latest_valid_until(item.agency, effective_on, item.title)
    valid_until = valid_until or latest
    if valid_until > latest:
        years = max_validity_years(item.agency, item.title)
        kind = "名称含“暂行”“试行”的规范性文件" if years != max_validity_years(item.agency) else ""
        raise TransitionError(
            f"{kind}有效期不得超过{years}年（{REGISTRATION_BASIS}及本省规定）：自"
            f"{cn(effective_on)}施行的，最迟至{cn(latest)}"
        )
    if valid_until < effective_on:
        raise TransitionError("有效期截止日期不能早于施行日期")
    code = settings_for(item.agency).registration_code or item.agency.index_prefix
    with transaction.atomic():
        _check_register_step(item.agency, "register", by=by, today=on)
        if NormativeDocument.objects.filter(item=item).exists():
            raise TransitionError("该文件已经登记")
        serial = next_serial(RegistrationCounter, agency=item.agency, year=on.year)
        record = NormativeDocument(
            item=item,
            agency=item.agency,
            year=on.year,
            serial=serial,
            registration_number=f"{code}-{on.year}-{serial:03d}",
            effective_on=effective_on,
            valid_until=valid_until,
            created_by=by,
        )
        record.refresh_search_text()
        record.save()
        audit(by, "policies.normative.registered", obj=item, number=record.registration_number)
    return record


def register_published(
    item: Item,
    *,
    by: User,
    on: date,
    effective_on: date | None = None,
    valid_until: date | None = None,
) -> NormativeDocument:
    """Register a 行政规范性文件 published before the register existed (an old catalogue
    imported as published): 统一登记、统一编号 (国办发〔2018〕37号) as at drafting — the
    agency's next number in the year it is registered (`on`), so numbers stay one sequence
    given in order and never look older than the registration. The 施行日期 defaults to
    the 成文日期 (else the publication date); the 有效期 is held to the province's cap from
    it, so a document older than the cap is registered as 已失效 unless renewed.
    policies/steps.py declares the step; it is checked here, under the lock, on `on`."""
    from gongkai.policies.steps import PolicyItem  # it imports this module

    effective_on = effective_on or item.written_on or item.published_on or on
    latest = latest_valid_until(item.agency, effective_on, item.title)
    valid_until = valid_until or latest
    if valid_until > latest:
        years = max_validity_years(item.agency, item.title)
        raise TransitionError(
            f"有效期不得超过{years}年（{REGISTRATION_BASIS}及本省规定）：自"
            f"{cn(effective_on)}施行的，最迟至{cn(latest)}"
        )
    if valid_until < effective_on:
        raise TransitionError("有效期截止日期不能早于施行日期")
    if item.written_on and effective_on < item.written_on:
        raise TransitionError("施行日期不能早于成文日期")
    code = settings_for(item.agency).registration_code or item.agency.index_prefix
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        check_declared(PolicyItem(locked), "register", user=by, today=on)
        serial = next_serial(RegistrationCounter, agency=locked.agency, year=on.year)
        record = NormativeDocument(
            item=locked,
            agency=locked.agency,
            year=on.year,
            serial=serial,
            registration_number=f"{code}-{on.year}-{serial:03d}",
            effective_on=effective_on,
            valid_until=valid_until,
            created_by=by,
        )
        record.refresh_search_text()
        record.save()
        audit(
            by,
            "policies.normative.registered_published",
            obj=locked,
            number=record.registration_number,
        )
    return record


def register_at_drafting(item: Item, *, by: User, on: date) -> NormativeDocument:
    """A back-catalogue document registered as drafted: in force from its 成文日期, for the
    longest 有效期 allowed (the catalogue's demo uses it through NORMATIVE_REGISTRATION)."""
    return register_normative(item, by=by, on=on, effective_on=item.written_on or on)


def publish_with_interpretation(
    item: Item,
    *,
    by: User,
    reviewer: User,
    on: date,
    valid_until: date | None = None,
    replaces: Item | None = None,
) -> Item:
    """A 规范性文件 drafted outside the office (the demo's back catalogue, the tests) published
    the way the law requires: registered at drafting, in force from its 成文日期 (国办发〔2018〕
    37号; unless registered already), a 文字解读 drafted, linked and approved with it on `on`
    (同步审签、同步公开, 国办发〔2016〕80号). `replaces`, an older registered document, is then
    替代 from this one's 施行日期 — its own date, not the day it was recorded."""
    item.refresh_from_db()  # the caller may hold it from before it was submitted
    record = NormativeDocument.objects.filter(item=item).first()
    if record is None:
        drafted = item.written_on or item.formed_on or on
        record = register_normative(
            item, by=by, on=drafted, effective_on=drafted, valid_until=valid_until
        )
    reading = catalogue.create_draft(
        item.agency,
        by=by,
        category=item.category,
        title=f"《{item.title}》政策解读",
        formed_on=item.formed_on or on,
        written_on=item.written_on,
        body=f"<p>《{escape(item.title)}》的制定背景、主要内容和适用对象。</p>",
    )
    link_interpretation(reading, item, by=by, form=InterpretationForm.TEXT)
    catalogue.submit(reading, by=by)
    if item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED):
        catalogue.submit(item, by=by)
    approve_together(item, by=reviewer, on=on)
    item.refresh_from_db()
    if replaces is not None:
        relate(item, replaces, by=by, kind=RelationKind.REPLACES, on=record.effective_on)
    return item


def relate(newer: Item, older: Item, *, by: User, kind: str, on: date) -> DocumentRelation:
    """`newer` 修订/废止/替代 `older` from `on`: linked both ways, and the older one updated —
    已修改 for 修订; 已废止 for 废止 and 替代, also in the catalogue (which table 二 counts)."""
    require_role(by, older.agency, EDITORS)
    if kind not in RelationKind.values:
        raise TransitionError("关系应为修订、废止或替代")
    if newer.pk == older.pk:
        raise TransitionError("文件不能修订或废止自身")
    record = NormativeDocument.objects.filter(item=older).first()
    if record is None:
        raise TransitionError(f"《{older.title}》不是已登记的规范性文件")
    if record.lapse == Lapse.REPEALED or older.validity != Validity.VALID:
        raise TransitionError(f"《{older.title}》已经废止或失效")
    if older.status != ItemStatus.PUBLISHED or newer.status != ItemStatus.PUBLISHED:
        raise TransitionError("两份文件都公开后，才能记录修订、废止或替代")
    if on < record.effective_on:
        raise TransitionError("修订或废止日期不能早于原文件的施行日期")
    with transaction.atomic():
        _check_register_step(older.agency, "relate", by=by, today=timezone.localdate())
        record = NormativeDocument.objects.select_for_update().get(pk=record.pk)
        try:
            with transaction.atomic():
                relation = DocumentRelation.objects.create(
                    newer=newer, older=older, kind=kind, on=on, created_by=by
                )
        except IntegrityError:
            raise TransitionError("两份文件之间已经有关系记录") from None
        record.lapse = Lapse.AMENDED if kind == RelationKind.AMENDS else Lapse.REPEALED
        record.lapsed_on = on
        record.save(update_fields=["lapse", "lapsed_on"])
        if record.lapse == Lapse.REPEALED:
            catalogue.change_validity(
                older,
                by=by,
                on=on,
                validity=Validity.REPEALED,
                because=catalogue.BY_LATER_DOCUMENT,
            )
        audit(by, "policies.relation.recorded", obj=older, newer=newer.pk, kind=kind)
    return relation


EXPIRY_BASIS = f"{REGISTRATION_BASIS}及本省规定"


def early_expiry_refusal(record: NormativeDocument) -> str:
    """The one sentence that refuses 失效 inside the 有效期, wherever it is asked."""
    return (
        f"该文件有效期至{cn(record.valid_until)}，尚在有效期内，不能宣布失效（{EXPIRY_BASIS}："
        "有效期届满未重新制发的才失效）；需要提前停止执行的，请以新文件废止或修改它"
        "（记录文件关系），或在规范性文件清理中宣布失效或废止"
    )


KEPT_IN_REGISTER = (
    "已登记的规范性文件的时效性在规范性文件登记簿中变更：有效期届满的，在登记簿宣布失效；"
    "需要提前停止执行的，以废止或替代它的新文件记录文件关系，或在规范性文件清理中公布废止"
    f"（{REGISTRATION_BASIS}）"
)


def validity_kept_in_register(item: Item) -> str:
    """For the item page (catalogue VALIDITY_KEPT_ELSEWHERE): a registered 规范性文件's
    时效性 changes only by the register's events, each held to its rule below."""
    return KEPT_IN_REGISTER if NormativeDocument.objects.filter(item=item).exists() else ""


def check_validity_change(item: Item, *, validity: str, on: date, because: str) -> None:
    """Called by the catalogue before any item's 时效性 changes (VALIDITY_CHECKS), inside its
    transaction. A registered 规范性文件 stops being in force by one of three legal events,
    each held to its own rule: its 有效期 ends (失效 only after the last valid day); a
    清理 decides 宣布失效 or 废止 (the result recorded in the 清理 being published); a later
    document 废止/替代 it (the relation recorded, from its own date). The item page's own
    decision is refused before this for a registered document (validity_kept_in_register);
    were it asked, it would be held as an expiry: a 废止 there has no decision behind it."""
    record = NormativeDocument.objects.filter(item=item).first()
    if record is None:
        return  # not registered: the catalogue's own rule (a notice past its date)
    if because in (catalogue.BY_EXPIRY, catalogue.BY_DECISION):
        if validity == Validity.REPEALED:
            raise TransitionError(
                "已登记的规范性文件须有废止的依据：请以废止或替代它的新文件记录文件关系，"
                f"或在规范性文件清理中公布废止（{REGISTRATION_BASIS}）"
            )
        if on <= record.valid_until:
            raise TransitionError(early_expiry_refusal(record))
        lapsed = record.valid_until + timedelta(days=1)
        if on != lapsed:  # table 二 counts 现行有效 at 31 December by this date
            raise TransitionError(
                f"该文件有效期至{cn(record.valid_until)}，自{cn(lapsed)}起失效（{EXPIRY_BASIS}）："
                f"失效日期应为{cn(lapsed)}"
            )
        return
    if because == catalogue.BY_CLEANUP:
        result = CleanupResult.REPEAL if validity == Validity.REPEALED else CleanupResult.EXPIRE
        decided = CleanupEntry.objects.filter(
            document=record, result=result, batch__published_on__isnull=True
        ).exists()
        if not decided:
            raise TransitionError(
                f"《{item.title}》没有正在公布的清理结果“{CleanupResult(result).label}”："
                "请在清理中记录结果，由管理员公布"
            )
        return
    if because == catalogue.BY_LATER_DOCUMENT:
        acted = DocumentRelation.objects.filter(
            older=item, kind__in=(RelationKind.REPEALS, RelationKind.REPLACES), on=on
        ).exists()
        if validity != Validity.REPEALED or not acted:
            raise TransitionError(
                f"《{item.title}》没有自{cn(on)}起废止或替代它的新文件：请先记录文件关系"
            )


def declare_expired(record: NormativeDocument, *, by: User, today: date) -> NormativeDocument:
    """A document past its 有效期 is 失效 (not renewed): mark the catalogue too, from the day
    after the last valid day. Before the 有效期 ends it is still in force (spec: a document
    past its validity is 失效 unless renewed); stopping it early is a 废止 — by a later
    document or a 清理. policies/steps.py declares the guard; it is checked here, under the
    lock, on `today`."""
    from gongkai.core.steps import check

    with transaction.atomic():
        locked = (
            NormativeDocument.objects.select_for_update().select_related("item").get(pk=record.pk)
        )
        check(locked, "expire", user=by, today=today)
        catalogue.change_validity(
            record.item,
            by=by,
            on=record.valid_until + timedelta(days=1),
            validity=Validity.EXPIRED,
            because=catalogue.BY_EXPIRY,
        )
    record.item.refresh_from_db()
    return record


# ---------------------------------------------------------------- 清理


def start_cleanup(
    agency: Agency, *, by: User, title: str, on: date, basis: str = ""
) -> CleanupBatch:
    require_role(by, agency, EDITORS)
    if not title.strip():
        raise TransitionError("请填写清理的名称")
    with transaction.atomic():
        _check_register_step(agency, "cleanup", by=by, today=on)
        batch = CleanupBatch.objects.create(
            agency=agency, title=title.strip(), basis=basis.strip(), started_on=on, created_by=by
        )
        four_eyes.changed(batch, by=by)
        audit(by, "policies.cleanup.started", obj=batch, agency=agency)
    return batch


def record_cleanup_result(
    batch: CleanupBatch, document: NormativeDocument, *, by: User, result: str, note: str = ""
) -> CleanupEntry:
    require_role(by, batch.agency, EDITORS)
    if batch.published_on:
        raise TransitionError("清理结果已经公布，不能再修改")
    check_declared(batch, "record", user=by, today=timezone.localdate())
    if result not in CleanupResult.values:
        raise TransitionError("清理结果应为继续有效、修改、废止或宣布失效")
    if document.agency_id != batch.agency_id:
        raise TransitionError("只能清理本机关登记的规范性文件")
    with transaction.atomic():
        entry, _ = CleanupEntry.objects.update_or_create(
            batch=batch, document=document, defaults={"result": result, "note": note.strip()}
        )
        four_eyes.changed(batch, by=by)
        audit(by, "policies.cleanup.result", obj=batch, document=document.pk, result=result)
    return entry


CLEANUP_LISTS = (
    ("继续有效的规范性文件目录", (CleanupResult.CONTINUE, CleanupResult.AMEND)),
    ("废止的规范性文件目录", (CleanupResult.REPEAL,)),
    ("宣布失效的规范性文件目录", (CleanupResult.EXPIRE,)),
)


def publish_cleanup(batch: CleanupBatch, *, by: User, on: date) -> CleanupBatch:
    """Every 现行有效 document of the agency has a result; 废止 and 宣布失效 take effect in
    the register and the catalogue from `on`; the three lists are published as one item."""
    from gongkai.catalogue.models import Category

    require_role(by, batch.agency, ADMINS)
    with transaction.atomic():
        batch = CleanupBatch.objects.select_for_update().get(pk=batch.pk)
        check_declared(batch, "publish", user=by, today=on)
        if batch.published_on:
            raise TransitionError("清理结果已经公布")
        # issue 14: nothing reaches the public on one person's word — whoever compiled the
        # results does not also publish them
        if batch.created_by_id == by.pk:
            raise TransitionError("清理结果须由整理人以外的管理员审核公布")
        # issue 24: nor by anyone who recorded a result
        four_eyes.require_other_approver(
            batch, by=by, refusal="清理结果须由整理人和记录清理结果的人以外的管理员审核公布"
        )
        entries = list(
            batch.entries.select_related("document__item").order_by(
                "document__year", "document__serial"
            )
        )
        decided = {e.document_id for e in entries}
        missing = (
            NormativeDocument.objects.filter(agency=batch.agency)
            .in_force(on)
            .exclude(pk__in=decided)
            .select_related("item")
            .order_by("year", "serial")
        )
        if missing:
            names = "、".join(f"《{d.item.title}》" for d in missing[:5])
            raise TransitionError(f"还有现行有效的规范性文件没有清理结果：{names}")
        if not entries:
            raise TransitionError("清理没有任何结果，不能公布")
        for entry in entries:
            record, item = entry.document, entry.document.item
            if entry.result in (CleanupResult.REPEAL, CleanupResult.EXPIRE):
                if item.validity == Validity.VALID:
                    validity = (
                        Validity.REPEALED
                        if entry.result == CleanupResult.REPEAL
                        else Validity.EXPIRED
                    )
                    catalogue.change_validity(
                        item, by=by, on=on, validity=validity, because=catalogue.BY_CLEANUP
                    )
                if entry.result == CleanupResult.REPEAL:
                    record.lapse, record.lapsed_on = Lapse.REPEALED, on
                    record.save(update_fields=["lapse", "lapsed_on"])
        body = [f"<p>{escape(batch.basis)}</p>" if batch.basis else ""]
        for heading, results in CLEANUP_LISTS:
            rows = [e for e in entries if e.result in results]
            body.append(f"<h3>{heading}（{len(rows)}件）</h3>")
            if not rows:
                body.append("<p>无。</p>")
                continue
            body.append("<table><thead><tr><th>序号</th><th>文件名称</th><th>文号</th>")
            body.append("<th>登记编号</th><th>说明</th></tr></thead><tbody>")
            for n, e in enumerate(rows, start=1):
                note = e.note or ("需修改" if e.result == CleanupResult.AMEND else "")
                body.append(
                    f"<tr><td>{n}</td><td>{escape(e.document.item.title)}</td>"
                    f"<td>{escape(e.document.item.document_number)}</td>"
                    f"<td>{escape(e.document.registration_number)}</td>"
                    f"<td>{escape(note)}</td></tr>"
                )
            body.append("</tbody></table>")
        batch.item = catalogue.publish_generated(
            batch.agency,
            by=by,
            category=Category.objects.get(
                agency=None, name="行政法规、规章和规范性文件", parent__source="article20"
            ),
            title=f"关于公布{batch.title}结果的通知",
            body="".join(body),
            on=on,
        )
        batch.published_on = on
        batch.save(update_fields=["item", "published_on"])
        four_eyes.approved(batch, by=by)
        audit(by, "policies.cleanup.published", obj=batch, entries=len(entries))
    return batch


# ---------------------------------------------------------------- 意见征集


def consultation_rule(agency: Agency, *, major_decision: bool) -> tuple[int, str]:
    """(minimum days, basis). 《重大行政决策程序暂行条例》第十五条第一款 binds a 县级以上地方
    人民政府's major decision (第二条); every other draft follows the agency's (province's)
    setting, 30 days unless set otherwise."""
    if major_decision and agency.level in GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE:
        return CONSULTATION_DAYS, CONSULTATION_BASIS
    return consultation_min_days(agency), "本机关（本省）的规定"


def open_consultation(
    draft: Item,
    *,
    by: User,
    title: str,
    starts_on: date,
    ends_on: date,
    today: date,
    explanation: str = "",
    short_period_reason: str = "",
    major_decision: bool = False,
) -> Consultation:
    """Put a draft out for comment, generally for not less than 30 days — a shorter period
    states its reason. Days count as 民法典第二百零一条 counts them: the start day is not
    counted, so 1 to 31 January is 30 days. Only the days the public still has count: a
    period already over is refused, and a back-dated start gives no days before `today`."""
    require_role(by, draft.agency, EDITORS)
    if not title.strip():
        raise TransitionError("请填写征集意见的名称")
    if ends_on <= starts_on:
        raise TransitionError("征集截止日期应晚于开始日期")
    if ends_on < today:
        raise TransitionError(
            f"征集期{cn(starts_on)}至{cn(ends_on)}在今天（{cn(today)}）之前已经结束："
            "公众无法再提出意见，不能作为征求意见发起"
        )
    days = (ends_on - max(starts_on, today)).days  # 民法典第二百零一条: start day not counted
    minimum, basis = consultation_rule(draft.agency, major_decision=major_decision)
    if days < minimum and not short_period_reason.strip():
        left = f"自今天起只剩{days}日" if starts_on < today else f"本次只有{days}日"
        raise TransitionError(
            f"征求意见的期限一般不少于{minimum}日（{basis}；期间按民法典第二百零一条计算，"
            f"开始的当日不计入），{left}：请说明理由"
        )
    if draft.status != ItemStatus.PUBLISHED:
        raise TransitionError("征求意见稿须先作为政府信息公开，再发起意见征集")
    with transaction.atomic():
        from gongkai.core.steps import check
        from gongkai.policies.steps import AgencyConsultations

        # the step as policies/steps.py declares it (no row to lock: a new consultation)
        check(AgencyConsultations(draft.agency), "start", user=by, today=today)
        consultation = Consultation.objects.create(
            agency=draft.agency,
            draft=draft,
            title=title.strip(),
            explanation=explanation.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            short_period_reason=short_period_reason.strip() if days < minimum else "",
            major_decision=major_decision,
            opened_on=today,
            created_by=by,
        )
        four_eyes.changed(consultation, by=by)
        audit(by, "policies.consultation.opened", obj=consultation, days=days)
    return consultation


def submit_comment(
    consultation: Consultation, *, name: str, contact: str, text: str, today: date
) -> Comment:
    """A member of the public comments; nothing shows until staff have read it."""
    if not consultation.is_open(today):
        raise TransitionError(
            "本次意见征集不在征集期内"
            f"（{consultation.starts_on:%Y年}{consultation.starts_on.month}月{consultation.starts_on.day}日至"
            f"{consultation.ends_on:%Y年}{consultation.ends_on.month}月{consultation.ends_on.day}日）"
        )
    if not text.strip():
        raise TransitionError("请填写您的意见建议")
    if not contact.strip():
        raise TransitionError("请留下联系方式（电话或电子邮箱），以便答复；联系方式不会公开")
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            name=name.strip()[:50],
            contact=contact.strip()[:100],
            text=text.strip()[:3000],
        )
        audit(None, "policies.comment.received", obj=consultation, actor_label="公众")
    return comment


def moderate_comment(comment: Comment, *, by: User, show: bool) -> Comment:
    """Show or hide a comment. What is shown goes through the personal-data scan that items
    go through (issue 24; 个人信息保护法): a resident ID, mobile or bank card number a member
    of the public wrote is masked in place before anyone can read it on the portal — a
    member of the public's own numbers are never published, so there is nothing to confirm."""
    from gongkai.statute.personal_data import redact, scan

    require_role(by, comment.consultation.agency, (*EDITORS, *REVIEWERS))
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        check_declared(comment, "show" if show else "hide", user=by, today=timezone.localdate())
        comment.status = CommentStatus.SHOWN if show else CommentStatus.HIDDEN
        comment.moderated_by = by
        fields = ["status", "moderated_by"]
        hits = scan(comment.text) if show else []
        if hits:
            comment.text = redact(comment.text, hits)
            fields.append("text")
        comment.save(update_fields=fields)
        audit(
            by,
            "policies.comment.moderated",
            obj=comment.consultation,
            shown=show,
            masked=[hit.kind.value for hit in hits],
        )
    return comment


def decide_comment(comment: Comment, *, by: User, adoption: str, reason: str = "") -> Comment:
    """Whether the comment was adopted; not (fully) adopted needs its reason (the 反馈 comes
    from the 政务公开 rules and 19号's 调查征集 indicator; comments are studied,
    第713号第十八条)."""
    require_role(by, comment.consultation.agency, EDITORS)
    if adoption not in Adoption.values:
        raise TransitionError("请选择采纳、部分采纳或未采纳")
    if adoption != Adoption.ADOPTED and not reason.strip():
        raise TransitionError("未采纳或部分采纳的意见，请说明理由")
    if comment.consultation.feedback_item_id:
        raise TransitionError("反馈已经公布，不能再修改")
    if catalogue.text_hits(title=reason):  # shown beside the comment, and in the 反馈
        raise TransitionError(
            "理由中含有个人信息（身份证号码、手机号码或银行卡号），请删去后再保存"
        )
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        check_declared(comment, "decide", user=by, today=timezone.localdate())
        comment.adoption, comment.reason = adoption, reason.strip()
        comment.save(update_fields=["adoption", "reason"])
        four_eyes.changed(comment.consultation, by=by)
        audit(by, "policies.comment.decided", obj=comment.consultation, adoption=adoption)
    return comment


def publish_feedback(
    consultation: Consultation, *, by: User, on: date, summary: str = ""
) -> Consultation:
    """After the end: how many comments, which adopted, which not and why — published as an
    item linked from the consultation (and from the final document once it is linked)."""

    require_role(by, consultation.agency, (*REVIEWERS, Role.ADMIN))
    if on <= consultation.ends_on:
        raise TransitionError("征集期结束后才能公布反馈")
    opened = consultation.opened_on or timezone.localdate(consultation.created_at)
    if opened > consultation.ends_on:
        # issue 24: recorded after its whole period had passed, it consulted nobody
        raise TransitionError(
            f"这次征求意见在{cn(opened)}才发起，征集期{cn(consultation.starts_on)}至"
            f"{cn(consultation.ends_on)}此前已经结束，公众没有机会提出意见：不能公布征求意见情况的反馈"
        )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.feedback_item_id:
            raise TransitionError("反馈已经公布")
        check_declared(consultation, "feedback", user=by, today=on)
        # issue 14: a second person approves what the public reads
        if consultation.created_by_id == by.pk:
            raise TransitionError("征求意见的反馈须由发起人以外的审核人审核公布")
        # issue 24: nor by anyone who decided whether a comment was adopted — those
        # decisions and their reasons are what the 反馈 publishes
        four_eyes.require_other_approver(
            consultation,
            by=by,
            refusal="征求意见的反馈须由发起人和填写采纳情况的人以外的审核人审核公布",
        )
        comments = list(consultation.comments.exclude(status=CommentStatus.PENDING))
        if consultation.comments.filter(status=CommentStatus.PENDING).exists():
            raise TransitionError("还有待审核的意见，请先审核")
        undecided = [c for c in comments if not c.adoption]
        if undecided:
            raise TransitionError(f"还有{len(undecided)}条意见没有写明采纳情况")
        adopted = [c for c in comments if c.adoption == Adoption.ADOPTED]
        partly = [c for c in comments if c.adoption == Adoption.PARTLY]
        rejected = [c for c in comments if c.adoption == Adoption.NOT_ADOPTED]
        body = [
            f"<p>{consultation.starts_on.year}年{consultation.starts_on.month}月"
            f"{consultation.starts_on.day}日至{consultation.ends_on.year}年"
            f"{consultation.ends_on.month}月{consultation.ends_on.day}日，本机关就"
            f"《{escape(consultation.draft.title)}》公开征求意见，共收到意见{len(comments)}条，"
            f"采纳{len(adopted)}条，部分采纳{len(partly)}条，未采纳{len(rejected)}条。</p>"
        ]
        if summary.strip():
            body.append(f"<p>{escape(summary.strip())}</p>")
        for heading, group in (("采纳的意见", adopted), ("部分采纳的意见", partly)):
            if group:
                body.append(f"<h3>{heading}</h3><ol>")
                body += [f"<li>{escape(c.text)}{_why(c)}</li>" for c in group]
                body.append("</ol>")
        if rejected:
            body.append("<h3>未采纳的意见及理由</h3><ol>")
            body += [f"<li>{escape(c.text)}{_why(c)}</li>" for c in rejected]
            body.append("</ol>")
        consultation.feedback_item = catalogue.publish_generated(
            consultation.agency,
            by=by,
            category=consultation.draft.category,
            title=f"关于《{consultation.draft.title}》征求意见情况的反馈",
            body="".join(body),
            on=on,
        )
        consultation.feedback_on = on
        consultation.save(update_fields=["feedback_item", "feedback_on"])
        four_eyes.approved(consultation, by=by)
        audit(by, "policies.consultation.feedback", obj=consultation, comments=len(comments))
    return consultation


def _why(comment: Comment) -> str:
    return f"（理由：{escape(comment.reason)}）" if comment.reason else ""


def link_final_document(consultation: Consultation, document: Item, *, by: User) -> Consultation:
    """The document finally issued; its page links the consultation and its 反馈."""
    require_role(by, consultation.agency, EDITORS)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not consultation.feedback_item_id:
            raise TransitionError(
                "请先公布征求意见的反馈，再关联正式文件（《重大行政决策程序暂行条例》第十八条）"
            )
        check_declared(consultation, "final", user=by, today=timezone.localdate())
        consultation.final_document = document
        consultation.save(update_fields=["final_document"])
        audit(by, "policies.consultation.final", obj=consultation, document=document.pk)
    return consultation
