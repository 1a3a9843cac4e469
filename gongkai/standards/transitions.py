"""Steps on the standard catalogue: a county issues a model catalogue and its rows, each
agency adopts rows, hides those that do not apply (with a reason) and adds local rows; items
are linked to a matter; 公示期 end. One function per step, each with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.catalogue.models import InfoType, Item
from gongkai.core.audit import audit
from gongkai.core.models import Agency, Role, User
from gongkai.core.roles import EDITORS
from gongkai.core.steps import check as check_declared  # standards/steps.py
from gongkai.core.transitions import TransitionError, require_role
from gongkai.standards.models import Adoption, Matter, ModelCatalogue, NoticeEnd
from gongkai.statute.disclosure_limits import LimitError, PublicationLimit

MATTER_FIELDS = (
    "domain",
    "level1",
    "level2",
    "content",
    "basis",
    "limit_kind",
    "limit_days",
    "limit_on",
    "limit_law",
    "subject",
    "channels",
    "audience",
    "manner",
    "county_level",
    "township_level",
    "notice_end",
    "order",
)


def issue_catalogue(issuer: Agency, *, by: User, name: str, issued_on: date) -> ModelCatalogue:
    require_role(by, issuer, (Role.ADMIN,))
    if not name.strip():
        raise TransitionError("请填写标准目录名称")
    with transaction.atomic():
        catalogue = ModelCatalogue.objects.create(issuer=issuer, name=name, issued_on=issued_on)
        audit(by, "standards.catalogue.issued", agency=issuer, obj=catalogue, name=name)
    return catalogue


def _checked_matter(matter: Matter) -> Matter:
    for field in ("domain", "level1", "level2"):
        if not getattr(matter, field).strip():
            raise TransitionError(f"请填写{Matter._meta.get_field(field).verbose_name}")
    try:
        limit = PublicationLimit.of(
            matter.limit_kind, matter.limit_days, matter.limit_on, matter.limit_law
        )
    except (LimitError, ValueError) as error:
        raise TransitionError(f"公开时限有误：{error}") from None
    matter.limit_days = limit.days
    matter.full_clean()
    return matter


def add_matter(catalogue: ModelCatalogue, *, by: User, **fields) -> Matter:
    """A row of the county's model catalogue."""
    require_role(by, catalogue.issuer, (Role.ADMIN, Role.CLERK))
    with transaction.atomic():
        matter = _checked_matter(Matter(catalogue=catalogue, **fields))
        matter.save()
        ModelCatalogue.objects.filter(pk=catalogue.pk).update(updated_at=timezone.now())
        audit(by, "standards.matter.added", agency=catalogue.issuer, obj=matter)
    return matter


def adopt(agency: Agency, matters: Iterable[Matter], *, by: User, on: date) -> list[Adoption]:
    """Adopt model rows into the agency's 标准目录 (rows already adopted stay as they are)."""
    require_role(by, agency, EDITORS)
    matters = list(matters)
    if any(m.catalogue_id is None for m in matters):
        raise TransitionError("只能采用标准目录模板中的事项；本机关事项请用“增加本机关事项”")
    with transaction.atomic():
        have = set(
            Adoption.objects.filter(agency=agency, matter__in=matters).values_list(
                "matter_id", flat=True
            )
        )
        new = [
            Adoption(agency=agency, matter=m, adopted_on=on) for m in matters if m.pk not in have
        ]
        Adoption.objects.bulk_create(new)
        audit(by, "standards.adopted", agency=agency, matters=[a.matter_id for a in new])
    return new


def adopt_catalogue(agency: Agency, catalogue: ModelCatalogue, *, by: User, on: date):
    from gongkai.standards.steps import AgencyCatalogue, check_page

    with transaction.atomic():
        check_page(AgencyCatalogue(agency), "adopt", by=by, today=on)
        return _adopt_catalogue(agency, catalogue, by=by, on=on)


def _adopt_catalogue(agency: Agency, catalogue: ModelCatalogue, *, by: User, on: date):
    return adopt(agency, catalogue.matters.all(), by=by, on=on)


def add_local_matter(agency: Agency, *, by: User, on: date, **fields) -> Adoption:
    """A row the county's model does not have, added by the agency itself."""
    from gongkai.standards.steps import AgencyCatalogue, check_page

    require_role(by, agency, EDITORS)
    with transaction.atomic():
        check_page(AgencyCatalogue(agency), "local", by=by, today=on)
        matter = _checked_matter(Matter(agency=agency, **fields))
        matter.save()
        adoption = Adoption.objects.create(agency=agency, matter=matter, adopted_on=on)
        audit(by, "standards.matter.local_added", agency=agency, obj=matter)
    return adoption


def hide(adoption: Adoption, *, by: User, reason: str) -> Adoption:
    """A row that does not apply to this agency leaves its 目录, with the reason kept."""
    require_role(by, adoption.agency, EDITORS)
    if not reason.strip():
        raise TransitionError("请写明该事项不适用于本机关的理由")
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if adoption.hidden:
            raise TransitionError("该事项已标记为不适用")
        check_declared(adoption, "hide", user=by, today=timezone.localdate())
        adoption.hidden, adoption.hidden_reason = True, reason.strip()
        adoption.save(update_fields=["hidden", "hidden_reason", "updated_at"])
        audit(by, "standards.adoption.hidden", agency=adoption.agency, obj=adoption, reason=reason)
    return adoption


def restore(adoption: Adoption, *, by: User) -> Adoption:
    require_role(by, adoption.agency, EDITORS)
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if not adoption.hidden:
            raise TransitionError("该事项本来就在本机关目录中")
        check_declared(adoption, "restore", user=by, today=timezone.localdate())
        adoption.hidden, adoption.hidden_reason = False, ""
        adoption.save(update_fields=["hidden", "hidden_reason", "updated_at"])
        audit(by, "standards.adoption.restored", agency=adoption.agency, obj=adoption)
    return adoption


def adopted_matters(agency: Agency):
    """The matters of the agency's 标准目录 (adopted, not hidden), in catalogue order."""
    return Matter.objects.filter(adoptions__agency=agency, adoptions__hidden=False).order_by(
        "order", "pk"
    )


def suggest_matters(agency: Agency, *, category=None, title: str = "", limit: int = 5):
    """Matters of the agency's 目录 most likely meant for an item: those of the category's
    领域 first, then by how many of the title's characters the 一级/二级事项 share."""
    matters = list(adopted_matters(agency))
    area = category.name if category is not None else ""
    chars = set(title)

    def score(matter: Matter) -> tuple:
        words = set(matter.level2) | set(matter.level1)
        return (matter.domain == area, len(chars & words))

    ranked = sorted(matters, key=score, reverse=True)
    return [m for m in ranked if score(m) != (False, 0)][:limit]


def link_item(item: Item, matter: Matter | None, *, by: User) -> Item:
    """Say which matter of the agency's 目录 an item publishes (None unlinks it)."""
    require_role(by, item.agency, EDITORS)
    if matter is not None and not adopted_matters(item.agency).filter(pk=matter.pk).exists():
        raise TransitionError("该事项不在本机关的标准目录中")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        item.matter = matter
        item.save(update_fields=["matter", "updated_at"])
        audit(by, "item.matter.linked", obj=item, matter=matter.pk if matter else None)
    return item


def apply_suggestion(item: Item, matter: Matter, *, by: User, today: date) -> Item:
    """One of the matters suggest_matters offers for the item, applied with one button."""
    from gongkai.standards.steps import ItemStandards, suggestions_for

    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        check_declared(ItemStandards(item), "apply_suggestion", user=by, today=today)
        if matter not in suggestions_for(item):
            raise TransitionError("所选事项不在推荐之列，请在下方选择标准目录事项")
        if matter != item.matter:
            item = link_item(item, matter, by=by)
    return item


def describe_item(
    item: Item,
    *,
    by: User,
    today: date,
    matter: Matter | None,
    info_type: str,
    notice_from: date | None = None,
    notice_days: int | None = None,
) -> Item:
    """The item's matter, 信息类型 and 公示期 as one form states them: each that changed is
    its own audited transition, all or none."""
    from gongkai.standards.steps import ItemStandards

    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        check_declared(ItemStandards(item), "standards", user=by, today=today)
        if matter != item.matter:
            item = link_item(item, matter, by=by)
        if info_type != item.info_type:
            item = set_info_type(item, by=by, info_type=info_type)
        if notice_from and (notice_from, notice_days) != (item.notice_from, item.notice_days):
            item = set_notice_period(item, by=by, starts_on=notice_from, days=notice_days)
    return item


def set_notice_period(item: Item, *, by: User, starts_on: date, days: int) -> Item:
    """公示期: `days` calendar days from `starts_on` (the start day is the first)."""
    require_role(by, item.agency, EDITORS)
    if not 1 <= days <= 366:
        raise TransitionError("公示期应在 1 到 366 天之间")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.notice_ended_on is not None:
            raise TransitionError("公示期已结束，不能再修改")
        item.notice_from, item.notice_days = starts_on, days
        item.save(update_fields=["notice_from", "notice_days", "updated_at"])
        audit(by, "item.notice.set", obj=item, starts_on=starts_on.isoformat(), days=days)
    return item


def end_notice_periods(*, today: date, actor_label: str = "公示期到期处理") -> list[Item]:
    """The nightly job: every published item whose 公示期 ended before `today` is marked
    ended; when its matter says so, its body is taken down (the 索引号 page stays)."""
    ended = []
    candidates = (
        Item.objects.live()
        .filter(
            notice_from__isnull=False,
            notice_days__isnull=False,
            notice_ended_on__isnull=True,
            notice_from__lt=today,
        )
        .select_related("matter")
    )
    for item in candidates.iterator():
        last_day = item.notice_last_day
        if last_day is None or last_day >= today:
            continue
        with transaction.atomic():
            locked = Item.objects.select_for_update().get(pk=item.pk)
            if locked.notice_ended_on is not None:
                continue
            take_down = item.matter is not None and item.matter.notice_end == NoticeEnd.TAKE_DOWN
            locked.notice_ended_on = last_day
            locked.notice_body_hidden = take_down
            locked.save(update_fields=["notice_ended_on", "notice_body_hidden", "updated_at"])
            audit(
                None,
                "item.notice.ended",
                actor_label=actor_label,
                obj=locked,
                last_day=last_day.isoformat(),
                body_taken_down=take_down,
            )
        ended.append(locked)
    return ended


def set_info_type(item: Item, *, by: User, info_type: str) -> Item:
    """政府信息, 党务公开 or 村务（居务）公开: only 政府信息 counts in the annual report."""
    require_role(by, item.agency, EDITORS)
    if info_type not in InfoType.values:
        raise TransitionError("请选择信息类型")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        item.info_type = info_type
        item.save(update_fields=["info_type", "updated_at"])
        audit(by, "item.info_type.set", obj=item, info_type=info_type)
    return item
