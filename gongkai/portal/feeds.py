"""An Atom feed of each agency's newly published items, and the sitemap."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency


class AgencyItemsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, prefix: str):
        return get_object_or_404(Agency, index_prefix=prefix)

    def title(self, agency):
        return f"{agency.name} · 政府信息公开"

    def link(self, agency):
        return reverse("portal:items", args=[agency.index_prefix])

    def subtitle(self, agency):
        return f"{agency.name}最新主动公开的政府信息"

    def items(self, agency):
        return (
            Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
            .select_related("category")
            .order_by("-published_on", "-pk")[:50]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        published = chinese_date(item.published_on)
        return f"索引号：{item.index_number}　分类：{item.category.name}　发布日期：{published}"

    def item_link(self, item):
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item):
        from datetime import datetime, time
        from zoneinfo import ZoneInfo

        return datetime.combine(item.published_on, time(8), tzinfo=ZoneInfo("Asia/Shanghai"))


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Agency.objects.order_by("pk")

    def location(self, agency):
        return reverse("portal:agency", args=[agency.index_prefix])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return (
            Item.objects.filter(status=ItemStatus.PUBLISHED)
            .order_by("pk")
            .only("pk", "published_on")
        )

    def location(self, item):
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item):
        return item.published_on


SITEMAPS = {"agencies": AgencySitemap, "items": ItemSitemap}
