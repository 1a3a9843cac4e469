from gongkai.catalogue.models.item import (
    Category,
    CategorySource,
    DisclosureAttribute,
    DocumentKind,
    IndexCounter,
    InfoType,
    Item,
    ItemStatus,
    Timeliness,
    Validity,
)
from gongkai.catalogue.models.publication import (
    Channel,
    ChannelPost,
    ItemAttachment,
    MediaAdoption,
    MediaLevel,
    media_level_label,
)

__all__ = [
    "Category",
    "CategorySource",
    "Channel",
    "ChannelPost",
    "DisclosureAttribute",
    "DocumentKind",
    "IndexCounter",
    "InfoType",
    "Item",
    "ItemAttachment",
    "ItemStatus",
    "MediaAdoption",
    "MediaLevel",
    "Timeliness",
    "Validity",
    "media_level_label",
]
