"""An Atom feed of each agency's newly published and corrected items, and the sitemap."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalogue.history import last_corrected
from gongkai.catalogue.models import Item, ItemCorrection
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency

FEED_ENTRIES = 50


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
        """The 50 latest changes: items newly published and items corrected (更正, issue 25),
        each entry once, by the later of its publication and its latest correction — a
        corrected entry comes back with its <updated> moved, as Atom readers expect."""
        live = Item.objects.live().filter(agency=agency).select_related("category")
        newest = list(live.order_by("-published_on", "-pk")[:FEED_ENTRIES])
        recently_corrected = (
            ItemCorrection.objects.filter(item__agency=agency, item__in=live)
            .order_by("-corrected_on", "-pk")
            .values_list("item_id", flat=True)[:FEED_ENTRIES]
        )
        have = {item.pk for item in newest}
        entries = newest + list(live.filter(pk__in=recently_corrected).exclude(pk__in=have))
        corrected = last_corrected(item.pk for item in entries)
        for item in entries:
            item.last_corrected = corrected.get(item.pk)
        entries.sort(key=lambda i: (i.last_corrected or i.published_on, i.pk), reverse=True)
        return entries[:FEED_ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        published = chinese_date(item.published_on)
        text = f"索引号：{item.index_number}　分类：{item.category.name}　发布日期：{published}"
        if item.last_corrected:
            # the date alone: the 更正说明 and what changed are on the item's page
            text += f"　已更正：{chinese_date(item.last_corrected)}"
        return text

    def item_link(self, item):
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item):
        return _morning(item.published_on)

    def item_updateddate(self, item):
        return _morning(item.last_corrected or item.published_on)


def _morning(day):
    """A day as the feeds date it: 8 o'clock Beijing time (the catalogue keeps days)."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(8), tzinfo=ZoneInfo("Asia/Shanghai"))


class PolicyLibraryFeed(Feed):
    """The county's 政策文件库: its 现行有效 规范性文件, newest in force first."""

    feed_type = Atom1Feed

    def get_object(self, request, prefix: str):
        return get_object_or_404(Agency, index_prefix=prefix)

    def title(self, agency):
        return f"{agency.name} · 政策文件库"

    def link(self, agency):
        return reverse("portal:policy_library", args=[agency.index_prefix])

    def subtitle(self, agency):
        return f"{agency.name}及所属机构现行有效的行政规范性文件"

    def items(self, agency):
        from django.utils import timezone

        from gongkai.policies.library import in_force_documents

        return in_force_documents(agency, today=timezone.localdate())[:50]

    def item_title(self, record):
        return record.item.title

    def item_description(self, record):
        return (
            f"登记编号：{record.registration_number}　文号：{record.item.document_number or '—'}"
            f"　发布机构：{record.agency.name}　施行日期：{record.effective_on:%Y-%m-%d}"
        )

    def item_link(self, record):
        return reverse("portal:item", args=[record.item_id])

    def item_pubdate(self, record):
        from datetime import datetime, time
        from zoneinfo import ZoneInfo

        day = record.item.published_on or record.effective_on
        return datetime.combine(day, time(8), tzinfo=ZoneInfo("Asia/Shanghai"))


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
        return Item.objects.live().order_by("pk").only("pk", "published_on")

    def location(self, item):
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item):
        return item.published_on


SITEMAPS = {"agencies": AgencySitemap, "items": ItemSitemap}
