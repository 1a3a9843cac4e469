"""Recording publication on channels other than the portal, and media adoptions. Each is a
transition with its audit entry; the counts feed the monthly statistics and section 一 of
the annual report, so staff never tally them by hand."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.catalogue.models import (
    Channel,
    ChannelPost,
    Item,
    ItemStatus,
    MediaAdoption,
    MediaLevel,
)
from gongkai.core import roles
from gongkai.core.audit import audit
from gongkai.core.models import Agency, User
from gongkai.core.transitions import TransitionError, require_role

RECORDERS = roles.STAFF


def _check(agency: Agency, item: Item | None, on: date, today: date, title: str) -> str:
    if on > today:
        raise TransitionError("日期不能晚于今天")
    if item is None:
        if not title.strip():
            raise TransitionError("请填写标题")
        return title.strip()
    if item.agency_id != agency.pk:
        raise TransitionError("只能登记本机关的政府信息")
    if item.status != ItemStatus.PUBLISHED:
        raise TransitionError("只能登记已在门户网站公开的政府信息")
    if on < item.published_on:
        raise TransitionError("渠道发布日期不能早于门户网站发布日期")
    return title.strip() or item.title


def _check_declared(agency, item, name: str, *, by: User, today: date) -> None:
    """The step as catalogue/channel_steps.py declares it, so the page's offer and this
    refusal cannot drift apart (a record adds a row: nothing to lock)."""
    from gongkai.catalogue.channel_steps import AgencyChannels
    from gongkai.core.steps import check

    check(AgencyChannels(agency, item), name, user=by, today=today)


def record_channel_post(
    agency: Agency,
    *,
    by: User,
    channel: str,
    on: date,
    today: date,
    item: Item | None = None,
    title: str = "",
    url: str = "",
) -> ChannelPost:
    require_role(by, agency, RECORDERS)
    if channel not in Channel.values:
        raise TransitionError("请选择发布渠道")
    title = _check(agency, item, on, today, title)
    try:
        with transaction.atomic():
            _check_declared(agency, item, "post", by=by, today=today)
            post = ChannelPost(
                agency=agency,
                item=item,
                channel=channel,
                posted_on=on,
                title=title[:300],
                url=url,
                recorded_by=by,
            )
            try:
                post.full_clean(validate_constraints=False)
            except ValidationError as error:
                raise TransitionError("；".join(error.messages)) from None
            post.save()
            audit(by, "channel.post.recorded", obj=post, channel=channel)
    except IntegrityError:
        raise TransitionError(
            f"该信息已登记过在“{Channel(channel).label}”发布，不再重复计数"
        ) from None
    return post


def record_media_adoption(
    agency: Agency,
    *,
    by: User,
    level: str,
    outlet: str,
    on: date,
    today: date,
    item: Item | None = None,
    title: str = "",
) -> MediaAdoption:
    require_role(by, agency, RECORDERS)
    if level not in MediaLevel.values:
        raise TransitionError("请选择媒体层级")
    if not outlet.strip():
        raise TransitionError("请填写采用的媒体名称")
    title = _check(agency, item, on, today, title)
    with transaction.atomic():
        _check_declared(agency, item, "adoption", by=by, today=today)
        adoption = MediaAdoption.objects.create(
            agency=agency,
            item=item,
            level=level,
            outlet=outlet.strip()[:100],
            title=title[:300],
            adopted_on=on,
            recorded_by=by,
        )
        audit(by, "media.adoption.recorded", obj=adoption, level=level)
    return adoption
