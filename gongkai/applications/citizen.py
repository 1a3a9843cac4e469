"""What the applicant is told outside the letters: the address of the status page, how to
pay a fee, and the outcome of a reply in one sentence. Shared by the mail (transitions),
the status page (portal) and the 受理回执 (letters), so each says the same thing."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from gongkai.applications.wording import (
    clause,
    outcome_words,
    published_items_sentence,
)
from gongkai.core.dates import chinese_date

# what the applicant reads when the agency has not recorded its 缴费方式 (109号 requires
# the notice to say how to pay; the office is where to ask)
NO_PAYMENT_METHOD = "请向本机关政府信息公开工作机构咨询缴费方式"


def status_address(application) -> str:
    """The full address of the application's status page."""
    return site_address(reverse("portal:status", args=[application.tracking_number]))


def item_address(item_pk: int) -> str:
    """The full address of a published item's public page (the portal's 信息 page)."""
    return site_address(reverse("portal:item", args=[item_pk]))


def site_address(path: str) -> str:
    """The full address of a public page, from the site's first host name (SITE_HOSTS, else
    ALLOWED_HOSTS); only the path when no host name is configured."""
    hosts = [
        h
        for h in (getattr(settings, "GONGKAI_SITE_HOSTS", None) or settings.ALLOWED_HOSTS)
        if h and h != "*" and not h.startswith(".")
    ]
    if not hosts:
        return path
    scheme = "https" if getattr(settings, "HTTPS", False) else "http"
    return f"{scheme}://{hosts[0]}{path}"


def payment_method(agency) -> str:
    return clause(agency.fee_payment_method) or NO_PAYMENT_METHOD


def open_pause(application):
    """The pause started and not yet ended (as transitions._open_pause counts them). One read
    of the events, in their order (on, id), or none when the office page prefetched them."""
    events = list(application.events.all())
    started = [event for event in events if event.kind == "pause_started"]
    ended = sum(1 for event in events if event.kind == "pause_ended")
    return started[-1] if len(started) > ended else None


def fee_summary(application) -> dict | None:
    """The fee the applicant is waiting to pay: amount, last day (None while the notice's
    delivery is not recorded) and how to pay; None when no fee is pending."""
    pause = open_pause(application)
    if pause is None or pause.pause_kind != "FEE":
        return None
    notice = (
        application.events.filter(kind="fee_notice", on__lte=pause.on)
        .order_by("-on", "-id")
        .first()
    )
    if notice is None:
        return None
    pay_by = (notice.details or {}).get("pay_by")
    return {
        "amount": yuan(notice.amount),
        "pay_by": date.fromisoformat(pay_by) if pay_by else None,
        "method": payment_method(application.agency),
    }


def yuan(amount) -> str:
    """1700.00 → 1700, 12.50 → 12.50 (as the fee notice's mail writes it)."""
    if amount is None:
        return ""
    return str(amount.quantize(1)) if amount == amount.to_integral_value() else str(amount)


def paused_because(application) -> str:
    """Why the reply clock is not counting, for the page that would otherwise show the
    working days left; empty while it counts."""
    pause = open_pause(application)
    if pause is None:
        return ""
    from gongkai.statute.deadlines import PauseKind

    if pause.pause_kind == "FEE":
        fee = fee_summary(application)
        until = (
            f"，缴费期限至{chinese_date(fee['pay_by'])}"
            if fee and fee["pay_by"]
            else "，收费通知送达后起算二十个工作日缴费期限"
        )
        return (
            "计时暂停：等待申请人缴纳信息处理费，缴费期间不计入答复期限"
            f"（国办函〔2020〕109号）{until}"
        )
    article = (
        "条例第三十四条" if pause.pause_kind == PauseKind.OTHER_AGENCY.name else "条例第三十二条"
    )
    return f"计时暂停：{PauseKind[pause.pause_kind].value}，所需时间不计入答复期限（{article}）"


def published_items_line(details: dict) -> str:
    """Where the applicant reads the published items a reply named (条例第三十六条第一项), for
    the mail; empty when the reply named none."""
    items = published_items_sentence(details)
    return f"您申请公开的政府信息已经主动公开，可在以下网址查看：{items}。" if items else ""


def reply_sentence(application) -> str:
    """The outcome of a concluded application in one sentence, in the applicant's words
    (never the annual report's counting label)."""
    words = outcome_words(application.outcome or "")
    if not words:
        return f"您的政府信息公开申请（申请编号：{application.tracking_number}）已办结。"
    return f"您的政府信息公开申请（申请编号：{application.tracking_number}）已答复：{words}。"
