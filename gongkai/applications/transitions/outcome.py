"""The conclusion (条例第三十六条至第三十九条): the reply with exactly one outcome of table 三
and the step each outcome needs first (第三十条、第三十二条、第三十五条、第十五条), its lateness
kept as a fact (第三十三条); the applicant's withdrawal (三（六）3); the reply's delivery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from gongkai.applications.citizen import (
    item_address,
    published_items_line,
    reply_sentence,
    status_address,
)
from gongkai.applications.models import (
    Application,
    EventKind,
    Status,
)
from gongkai.applications.outcomes import (
    ABANDONED_NO_CORRECTION,
    ABANDONED_UNPAID_FEE,
    NOT_PROCESSED_UNREASONABLE,
    OTHER_HANDLING,
    OUTCOMES,
)
from gongkai.applications.transitions.base import _clock, _conclude, _open_pause, _step
from gongkai.applications.transitions.consultation import _third_party_answer
from gongkai.applications.wording import (
    NOT_GOVERNMENT_INFORMATION,
    REFUSAL_REASONS,
)
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from gongkai.statute.deadlines import ClockState, PauseKind
from gongkai.statute.periods import (
    THIRD_PARTY_OPINION,
)

NOT_HELD = "三（四）1"


STILL_UNCLEAR = "三（四）3"


THIRD_PARTY = "三（三）4"


def _require_outcome_prerequisites(locked: Application, outcome: str, on: date) -> None:
    """Each outcome only after the step the law requires before it."""
    events = locked.events
    if outcome == STILL_UNCLEAR and not events.filter(kind=EventKind.CORRECTED).exists():
        # 条例第三十条: the outcome of a correction that is still unclear, never instead of one
        raise TransitionError(
            "条例第三十条：“补正后申请内容仍不明确”只能在告知补正并收到补正后作出；"
            "本申请尚未收到补正"
        )
    if (
        outcome == NOT_PROCESSED_UNREASONABLE
        and not events.filter(kind=EventKind.REASONS_ANSWERED).exists()
    ):
        # 条例第三十五条: 可以要求申请人说明理由。认为申请理由不合理的，告知申请人不予处理
        raise TransitionError(
            "条例第三十五条：须先要求申请人说明理由，并登记申请人的说明（或未说明理由），"
            "才能以“无正当理由大量反复申请”不予处理"
        )
    if outcome == THIRD_PARTY:
        # 条例第三十二条: 书面征求第三方意见; 第三方应当自收到之日起15个工作日内提出意见. The
        # 15 working days never end earlier than the law could make them end (see
        # _third_party_answer).
        answer = _third_party_answer(locked, on).get("third_party_answer")
        if not answer:
            raise TransitionError(
                "条例第三十二条：以“保护第三方合法权益”不予公开前，须书面征求第三方意见，"
                f"并登记第三方的答复或待{THIRD_PARTY_OPINION.workdays}个工作日期限届满"
            )
        if answer == "同意":
            # 条例第十五条: 第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开
            raise TransitionError(
                "条例第十五条：第三方同意公开的，予以公开；不能以“保护第三方合法权益”不予公开"
            )


def reply(
    application: Application,
    *,
    by: User,
    on: date,
    outcome: str,
    text: str,
    not_held_item: str = "",
    holder: str = "",
    reason: str = "",
    disclosed_item: str = "二",
    published_where: str = "",
    withheld: list[dict] | None = None,
    published_items: Sequence = (),
) -> Application:
    """条例第三十六条至第三十九条: exactly one outcome, the row table 三 counts it in.

    三（四）1 says which item of 第三十六条 applies: 第四项 (the information does not exist
    after search) or 第五项 (not this agency's to disclose; `holder` names the agency that is
    and how to reach it). 三（一） by 第一项 names the agency's published items
    (`published_items`, issue 28), each still published when the reply is made. A reply
    after the due date is recorded as 逾期答复 with the working days late: overdue is a fact
    that stays (条例第三十三条)."""
    if outcome not in OUTCOMES or outcome in (ABANDONED_NO_CORRECTION, ABANDONED_UNPAID_FEE):
        raise TransitionError("请选择一种答复结果（逾期不补正、逾期不缴费另有办理步骤）")
    if not text.strip():
        raise TransitionError("请填写答复内容")
    details: dict = {}
    if outcome == NOT_HELD:
        if not_held_item not in ("四", "五"):
            raise TransitionError(
                "请选择依据：条例第三十六条第四项（经检索没有所申请公开信息）"
                "或第五项（不属于本机关负责公开）"
            )
        if not_held_item == "五" and not reason.strip():
            # 条例第三十六条第五项: 告知申请人并说明理由；能够确定负责公开该政府信息的行政机关
            # 的，告知申请人该行政机关的名称、联系方式 — the reason always, the holder if known
            raise TransitionError(
                "条例第三十六条第五项：请说明不属于本机关负责公开的理由"
                "（能够确定负责公开的机关的，并写明其名称、联系方式）"
            )
        details = {
            "article_36_item": not_held_item,
            "holder": holder.strip(),
            "reason": reason.strip(),
        }
    if outcome == "三（一）":
        details = _disclosure_details(
            application, disclosed_item or "二", published_where, published_items, on
        )
    if outcome == "三（二）":
        details = {"withheld": _withheld_parts(withheld)}
    late: dict = {}

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is ClockState.AWAITING_CORRECTION:
            raise TransitionError("申请正在等待补正，不能答复")
        pause = _open_pause(locked)
        if pause is not None and pause.pause_kind == PauseKind.FEE.name:
            raise TransitionError("信息处理费尚未缴纳，不能答复")
        _require_outcome_prerequisites(locked, outcome, on)
        if outcome == THIRD_PARTY:
            details.update(_third_party_answer(locked, on))
        if details.get("article_36_item") == "一":
            # what the applicant is told is read under the lock, as it is at this moment
            details["published_items"] = [
                _told(item) for item in _still_published(locked, published_items)
            ]
        if deadline.due is not None and on > deadline.due:
            # 条例第三十三条: recorded as 逾期答复, the working days after the due date
            late["workdays"] = calendar_for(locked.agency).between(deadline.due, on).days
            late["due"] = deadline.due.isoformat()

    def changes(locked: Application) -> dict:
        return {
            "status": Status.CONCLUDED,
            "outcome": outcome,
            "concluded_on": on,
            "late_workdays": late.get("workdays"),
        }

    def event(locked: Application) -> dict:
        return {
            "note": text,
            "details": {**details, **({"late": late} if late else {})},
            "workdays": late.get("workdays"),
        }

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.REPLIED,
        check=check,
        changes=changes,
        event=event,
        audit_data={"outcome": outcome},
        tell=lambda locked: (
            "政府信息公开申请答复",
            "\n".join(
                line
                for line in (
                    reply_sentence(locked),
                    published_items_line(details),
                    "答复告知书和办理过程请凭申请编号和查询码查看：" + status_address(locked),
                )
                if line
            ),
        ),
        also=lambda locked: locked.answered_with.set(
            [told["id"] for told in details.get("published_items", [])]
        ),
    )


def _disclosure_details(
    application: Application, item: str, where: str, published_items: Sequence, on: date
) -> dict:
    """三（一）: 条例第三十六条第一项 (already published: the letter names the published items,
    and where else to get them) or 第二项 (the 方式、途径和时间 of provision, from the
    application's record)."""
    if item == "一":
        if not published_items:
            raise TransitionError(
                "条例第三十六条第一项：请选择申请人所需的、本机关已主动公开的信息"
                "（告知申请人获取该政府信息的方式、途径）"
            )
        # the items themselves are read under the lock (reply's check: _still_published)
        return {
            "article_36_item": "一",
            **({"published_where": where.strip()} if where.strip() else {}),
        }
    if item != "二":
        raise TransitionError(
            "请选择依据：条例第三十六条第一项（已经主动公开）或第二项（予以公开）"
        )
    form = application.get_provision_form_display()
    way = application.delivery_way
    if way == "pick_up":
        provision = f"请自{cn(on)}起到本机关政府信息公开工作机构领取{form}件"
    else:
        provision = (
            f"本机关以{form}形式通过{application.get_delivery_way_display()}于{cn(on)}向您提供"
        )
    return {"article_36_item": "二", "provision": provision}


def _told(item) -> dict:
    """A published item as the reply names it to the applicant: the letter stays as issued
    even if the item is later corrected (its page then says so)."""
    return {
        "id": item.pk,
        "title": item.title,
        "index_number": item.index_number or "",
        "url": item_address(item.pk),
    }


def _still_published(locked: Application, published_items: Sequence) -> list:
    """条例第三十六条第一项 applies only to information this agency has published and not
    withdrawn: each named item, read again under the lock (a withdrawal racing the reply waits
    for the lock or is seen). The catalogue is a sibling app, reached through the field's
    related model and its own `live()` reading of "published"."""
    catalogue_items = Application.answered_with.field.related_model.objects
    ids = list(dict.fromkeys(item.pk for item in published_items))
    current = {i.pk: i for i in catalogue_items.select_for_update().filter(pk__in=ids)}
    live = set(catalogue_items.live().filter(pk__in=ids).values_list("pk", flat=True))
    for pk in ids:
        item = current.get(pk)
        if item is None or item.agency_id != locked.agency_id:
            raise TransitionError(
                "条例第三十六条第一项：只能告知本机关已主动公开的信息；所选信息不是本机关公开的"
            )
        if pk not in live:
            why = (
                f"已于{cn(item.withdrawn_on)}撤回"
                if item.withdrawn_on
                else f"当前为“{item.get_status_display()}”"
            )
            raise TransitionError(
                f"条例第三十六条第一项：“{item.title}”{why}，不是已主动公开的信息，"
                "不能据此告知申请人"
            )
    return [current[pk] for pk in ids]


def _withheld_parts(parts: list[dict] | None) -> list[dict]:
    """三（二）: every withheld part with its ground (条例第三十七条: 说明理由), one of 三（三）1–7
    or that it is not government information; the remedy follows the ground."""
    grounds = (*REFUSAL_REASONS, NOT_GOVERNMENT_INFORMATION)
    cleaned = [
        {"what": (p.get("what") or "").strip(), "ground": (p.get("ground") or "").strip()}
        for p in parts or []
        if (p.get("what") or "").strip() or (p.get("ground") or "").strip()
    ]
    if not cleaned:
        raise TransitionError("条例第三十七条：部分公开的，请逐项写明不予公开的部分及其理由")
    for part in cleaned:
        if not part["what"]:
            raise TransitionError("条例第三十七条：请写明不予公开的是哪一部分")
        if part["ground"] not in grounds:
            raise TransitionError(f"条例第三十七条：请为“{part['what']}”选择不予公开的理由")
    return cleaned


def withdraw(application: Application, *, by: User, on: date, note: str = "") -> Application:
    """The applicant withdraws (counted as 三（六）3 其他)."""
    return _conclude(
        application,
        by=by,
        on=on,
        outcome=OTHER_HANDLING,
        kind=EventKind.WITHDRAWN,
        note=note or "申请人撤回申请",
    )


def record_delivery(application: Application, *, by: User, on: date, how: str) -> Application:
    def check(locked: Application) -> None:
        if not locked.events.filter(kind=EventKind.REPLIED).exists():
            raise TransitionError("尚未答复，无需送达")
        if locked.concluded_on and on < locked.concluded_on:
            raise TransitionError("送达日期不能早于答复日期")

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.DELIVERED,
        check=check,
        statuses=(Status.CONCLUDED,),
        event={"note": how},
    )
