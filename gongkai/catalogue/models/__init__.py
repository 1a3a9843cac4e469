from gongkai.catalogue.models.item import (
    Category,
    CategorySource,
    DocumentKind,
    IndexCounter,
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
    "DocumentKind",
    "IndexCounter",
    "Item",
    "ItemAttachment",
    "ItemStatus",
    "MediaAdoption",
    "MediaLevel",
    "Timeliness",
    "Validity",
    "media_level_label",
]
