"""Published items of a synthetic province, with their channel posts and media adoptions.

Items are made in publication order (as they accumulate on a real platform) over the years
from `first_day` to `last_day`, each agency taking a share by its size: about half 工作动态
in the agency's own column, the rest under the 第二十条 subjects and, for townships, the
第二十一条 ones; one in twenty-five a 行政规范性文件 with a 文号; a few drafts awaiting review and
withdrawn items; most published within the 20 working days of 第二十六条, some late."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from gongkai.catalogue.search import words

from .province import PlannedAgency

TOPICS = [
    ("低保", "城乡低保资金发放公示"), ("补贴", "耕地地力保护补贴发放情况"),
    ("征地", "集体土地征收补偿安置方案"), ("防汛", "防汛抗旱应急预案"),
    ("救助", "临时救助对象公示"), ("医保", "城乡居民医保缴费通知"),
    ("采购", "政府采购项目结果公告"), ("招聘", "公开招聘工作人员公告"),
    ("预算", "部门预算公开说明"), ("决算", "部门决算公开说明"),
    ("危房", "农村危房改造补助名单"), ("安全生产", "安全生产大检查情况通报"),
    ("环境", "生态环境保护督察整改情况"), ("教育", "义务教育招生入学工作方案"),
    ("养老", "养老服务补贴发放名单"), ("就业", "就业创业扶持政策解读"),
    ("规划", "国土空间规划公示"), ("许可", "行政许可办理结果公示"),
    ("处罚", "行政处罚决定公开"), ("统计", "国民经济和社会发展统计公报"),
]  # fmt: skip
NEWS = ["召开", "开展", "部署", "推进", "举办"]
ITEM_COLUMNS = (
    "id", "agency_id", "category_id", "title", "document_number", "keywords", "summary", "body",
    "written_on", "formed_on", "article20_item", "document_kind", "validity",
    "validity_changed_on", "status", "index_number", "published_on", "withdrawn_on",
    "review_note", "personal_data", "search_terms", "created_by_id", "created_at", "updated_at",
)  # fmt: skip
POST_COLUMNS = (
    "agency_id", "item_id", "channel", "posted_on", "title", "url", "recorded_by_id",
    "recorded_at",
)  # fmt: skip
MEDIA_COLUMNS = (
    "agency_id", "item_id", "level", "outlet", "title", "adopted_on", "recorded_by_id",
    "recorded_at",
)  # fmt: skip
OUTLETS = [
    ("county", "县融媒体中心"),
    ("city", "市日报"),
    ("province", "省日报"),
    ("central", "人民网"),
]


@dataclass(frozen=True)
class Subjects:
    news: dict[int, int]  # agency id → its own 工作动态 category
    article20: list[tuple[int, int]]  # (category id, 第二十条 item)
    article21: list[int]


def stamp(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, tzinfo=UTC)  # 10:00 in Beijing


class ItemRows:
    """Generates the rows; posts and media rows of each batch of items are kept until taken,
    so the caller writes each table in turn without holding more than a batch."""

    def __init__(self, agencies, subjects, user_id, rng, first_day, last_day, first_id):
        self.agencies, self.subjects, self.user_id = agencies, subjects, user_id
        self.rng = rng
        self.first_day, self.span = first_day, (last_day - first_day).days + 1
        self.next_id = first_id
        self.cumulative = list(accumulate(a.item_weight for a in agencies))
        self.serials: dict[tuple[int, int], int] = {}
        self.terms: dict[str, str] = {}
        self.posts: list[tuple] = []
        self.media: list[tuple] = []

    def batch(self, start: int, size: int, total: int) -> Iterator[tuple]:
        for index in range(start, start + size):
            yield self._row(index, total)

    def _row(self, index: int, total: int) -> tuple:
        rng, agency = self.rng, self._agency()
        pk, self.next_id = self.next_id, self.next_id + 1
        # growth over the years: the n-th item of `total` falls at day span·(n/total)^0.8
        published = self.first_day + timedelta(days=int(self.span * (index / total) ** 0.8))
        keyword, topic = TOPICS[rng.randrange(len(TOPICS))]
        roll = rng.random()
        number, kind, article20 = "", "other", None
        if roll < 0.5:
            category = self.subjects.news[agency.pk]
            subject = f"{rng.choice(NEWS)}{keyword}工作会议"
        elif agency.level == "township" and roll < 0.7 and self.subjects.article21:
            category = rng.choice(self.subjects.article21)
            subject = f"{published.year}年{topic}"
        else:
            category, article20 = rng.choice(self.subjects.article20)
            subject = f"{published.year}年{topic}"
            if roll > 0.96:
                kind, article20 = "normative", 1
                number = f"{agency.place[:1]}政发〔{published.year}〕{index % 97 + 1}号"
        title = agency.place + subject
        late = rng.random() < 0.03
        # 第二十六条's 20 working days: at most 20 calendar days is in time; 45 or more is
        # late whatever the holidays
        formed = published - timedelta(days=rng.randrange(45, 70) if late else rng.randrange(0, 21))
        status, withdrawn, serial_text = "published", None, None
        state = rng.random()
        if published > self.last_published_day() - timedelta(days=10) and state < 0.3:
            status = "submitted"  # the newest few still await the confidentiality review
        elif state < 0.004:
            status, withdrawn = "withdrawn", published + timedelta(days=rng.randrange(1, 30))
        if status != "submitted":
            key = (agency.pk, published.year)
            self.serials[key] = self.serials.get(key, 0) + 1
            serial_text = f"{agency.prefix}/{published.year}-{self.serials[key]:05d}"
        body = f"<p>{title}。本期{keyword}工作情况如下。</p>"
        terms = self._terms(agency.place, subject, keyword, number) if status == "published" else ""
        at = stamp(published)
        self._publicity(agency, pk, category, title, published, at, roll, rng)
        return (
            pk, agency.pk, category, title, number, keyword, "", body,
            formed if kind != "other" else None, formed, article20, kind, "valid", None,
            status, serial_text,
            published if status != "submitted" else None, withdrawn, "", "[]", terms,
            self.user_id, at, at,
        )  # fmt: skip

    def last_published_day(self) -> date:
        return self.first_day + timedelta(days=self.span - 1)

    def _agency(self) -> PlannedAgency:
        """An agency, each as likely as its share of the province's work."""
        return self.rng.choices(self.agencies, cum_weights=self.cumulative)[0]

    def _terms(self, *pieces: str) -> str:
        """jieba's words of the title's pieces (place, subject, 文号) and the body's keyword:
        each piece is cut once and remembered, as few distinct pieces recur."""
        found = []
        for piece in pieces:
            if piece not in self.terms:
                self.terms[piece] = " ".join(words(piece))
            found.append(self.terms[piece])
        return " ".join([*found, "本期", "工作", "情况", "如下"])

    def _publicity(self, agency, pk, category, title, published, at, roll, rng) -> None:
        """工作动态 go to WeChat and Weibo; township notices to the notice board; a few
        are taken up by the media."""
        if roll < 0.5:
            if rng.random() < 0.6:
                self.posts.append((agency.pk, pk, "wechat", published, title, "", self.user_id, at))
            if rng.random() < 0.3:
                self.posts.append((agency.pk, pk, "weibo", published, title, "", self.user_id, at))
            if rng.random() < 0.05:
                level, outlet = OUTLETS[min(3, int(rng.expovariate(2.0)))]
                self.media.append(
                    (
                        agency.pk,
                        pk,
                        level,
                        outlet,
                        title,
                        published + timedelta(days=1),
                        self.user_id,
                        at,
                    )
                )
        elif agency.level == "township" and rng.random() < 0.4:
            self.posts.append((agency.pk, pk, "board", published, title, "", self.user_id, at))

    def take_posts(self) -> list[tuple]:
        posts, self.posts = self.posts, []
        return posts

    def take_media(self) -> list[tuple]:
        media, self.media = self.media, []
        return media
