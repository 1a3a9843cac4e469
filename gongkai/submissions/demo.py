"""The demo's 报送 → 采用, made through the real steps: the township's clerk sends three news
posts to the county's 乡镇动态 column; the county's administrator adopts one, returns one with
its reason, and one waits on the county's 工作台. Dates follow `today`."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from gongkai.catalogue.models import Category, CategorySource
from gongkai.core.models import Agency, Membership, Role
from gongkai.submissions import transitions as t

POSTS = (
    ("青石镇开展春耕备耕技术培训", "镇农业服务中心组织各村种植户开展春耕备耕技术培训。"),
    ("青石镇完成集镇污水管网改造", "集镇污水管网改造工程完工，惠及沿街商户和居民。"),
    ("青石镇召开安全生产工作会议", "镇党委、政府召开安全生产工作会议，部署节前安全检查。"),
)


def load_demo_submissions(township: Agency, *, today: date) -> int:
    county = township.parent
    clerk = Membership.objects.filter(agency=township, role=Role.CLERK).first()
    editor = Membership.objects.filter(agency=county, role=Role.ADMIN).first() if county else None
    if clerk is None or editor is None:
        return 0
    with transaction.atomic():
        column, _ = Category.objects.get_or_create(
            agency=county, name="乡镇动态", defaults={"source": CategorySource.AGENCY}
        )
        sent = [
            t.submit_news(
                township,
                by=clerk.user,
                column=column,
                title=title,
                body=body,
                on=today - timedelta(days=days),
            )
            for (title, body), days in zip(POSTS, (6, 3, 1), strict=True)
        ]
        t.adopt(sent[0], by=editor.user, on=today - timedelta(days=5))
        t.return_submission(
            sent[1], by=editor.user, on=today - timedelta(days=2), reason="请补充现场图片说明"
        )
    return len(sent)
