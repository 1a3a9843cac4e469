"""Channel posts (微信, 微博, 公开栏…) brought in from a spreadsheet like catalogue items, so
a year's 593 posts are not entered one by one: one row per post — 渠道, 发布日期, 标题, 链接
and, when the post carries a catalogue item, its 索引号. The whole file is checked first;
only a file without a problem is written, in one transaction with one audit entry."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from gongkai.catalogue.channels import RECORDERS
from gongkai.catalogue.importer import ImportRefused, sheet_reader
from gongkai.catalogue.models import Channel, ChannelPost, Item, ItemStatus
from gongkai.core.audit import audit
from gongkai.core.models import Agency, User
from gongkai.core.transitions import require_role
from gongkai.statute.arrangement_file import FileProblem, parse_date

MAX_ROWS = 20_000
COLUMNS = {
    "channel": ("渠道", "发布渠道"),
    "posted_on": ("发布日期", "日期"),
    "title": ("标题", "名称"),
    "url": ("链接", "网址"),
    "index_number": ("索引号",),
}
CHANNELS = {
    **{label: value for value, label in Channel.choices},
    "微信": Channel.WECHAT,
    "公众号": Channel.WECHAT,
    "微博": Channel.WEIBO,
    "官方微博": Channel.WEIBO,
    "政务公开栏": Channel.NOTICE_BOARD,
    "三务公开栏": Channel.NOTICE_BOARD,
    "公开栏": Channel.NOTICE_BOARD,
    "民生监督平台": Channel.SUPERVISION,
    "其他": Channel.OTHER,
}
TEMPLATE_HEADER = [names[0] for names in COLUMNS.values()]


def import_channel_posts(
    agency: Agency, data: bytes, filename: str, *, by: User, today: date
) -> int:
    require_role(by, agency, RECORDERS)
    rows = list(sheet_reader(data, filename)())
    if not rows:
        raise ImportRefused([FileProblem(1, "文件是空的")])
    names = [re.sub(r"\s+", "", c) for c in rows[0]]
    positions = {
        key: names.index(alias)
        for key, aliases in COLUMNS.items()
        for alias in aliases
        if alias in names
    }
    missing = [COLUMNS[k][0] for k in ("channel", "posted_on") if k not in positions]
    if missing:
        raise ImportRefused(
            [
                FileProblem(
                    1,
                    f"第一行应是列名，缺少：{'、'.join(missing)}（渠道、发布日期、标题、链接、索引号）",
                )
            ]
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused([FileProblem(1, f"一次最多导入 {MAX_ROWS} 行，请分批导入")])
    wanted = {
        row[positions["index_number"]].strip()
        for row in rows[1:]
        if "index_number" in positions and positions["index_number"] < len(row)
    } - {""}
    items = {
        item.index_number: item
        for item in Item.objects.filter(agency=agency, index_number__in=wanted)
    }
    already = set(
        ChannelPost.objects.filter(agency=agency, item__in=items.values()).values_list(
            "item_id", "channel"
        )
    )
    problems: list[FileProblem] = []
    posts: list[ChannelPost] = []
    url_ok = URLValidator(schemes=["http", "https"])
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(key, cells=cells):
            i = positions.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        channel = CHANNELS.get(cell("channel"))
        if channel is None:
            problems.append(
                FileProblem(line, f"渠道“{cell('channel')}”应为微信公众号、微博、政务公开栏等")
            )
        try:
            on = parse_date(cell("posted_on"))
        except ValueError:
            problems.append(
                FileProblem(line, f"发布日期“{cell('posted_on')}”无法识别，应写作 2025-03-01")
            )
            on = None
        if on and on > today:
            problems.append(FileProblem(line, "发布日期不能晚于今天"))
        item = None
        if cell("index_number"):
            item = items.get(cell("index_number"))
            if item is None:
                problems.append(
                    FileProblem(line, f"本机关没有索引号为“{cell('index_number')}”的信息")
                )
            elif item.status != ItemStatus.PUBLISHED:
                problems.append(FileProblem(line, "只能登记已在门户网站公开的政府信息"))
            elif on and on < item.published_on:
                problems.append(FileProblem(line, "渠道发布日期不能早于门户网站发布日期"))
            elif channel and (item.pk, channel) in already:
                problems.append(FileProblem(line, "该信息已登记过在此渠道发布，不再重复计数"))
            elif channel:
                already.add((item.pk, channel))
        title = cell("title") or (item.title if item else "")
        if not title:
            problems.append(FileProblem(line, "请填写标题（或对应信息的索引号）"))
        if len(title) > 300:
            problems.append(FileProblem(line, "标题超过 300 字"))
        url = cell("url")
        if url:
            try:
                url_ok(url)
            except ValidationError:
                problems.append(FileProblem(line, f"链接“{url[:60]}”不是有效的网址"))
        posts.append(
            ChannelPost(
                agency=agency,
                item=item,
                channel=channel or "",
                posted_on=on or today,
                title=title[:300],
                url=url[:500],
                recorded_by=by,
            )
        )
    if not posts and not problems:
        raise ImportRefused([FileProblem(2, "文件中没有数据行")])
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        ChannelPost.objects.bulk_create(posts, batch_size=1000)
        audit(by, "channel.posts.imported", obj=agency, file=filename[:200], posts=len(posts))
    return len(posts)
