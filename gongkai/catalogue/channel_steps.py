"""The publication log's two steps — a post on another channel and a media adoption —
declared once beside their transitions (catalogue/channels.py; core/steps.py). Kept apart
from catalogue/steps.py, which declares an item's own steps: these belong to the agency's
log, optionally about one of its items."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.catalogue import channels
from gongkai.catalogue.models import Channel, Item, MediaLevel
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.steps import Step, page_steps, register

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgencyChannels:
    """The agency's publication log; `item`, when the log is opened from an item's page, is
    the live item the record is about."""

    def __init__(self, agency, item: Item | None = None):
        self.agency = agency
        self.item = item
        self.pk = agency.pk

    @classmethod
    def of(cls, agency, item_pk) -> AgencyChannels:
        item = None
        if item_pk and str(item_pk).isdigit():
            item = Item.objects.live().filter(agency=agency, pk=item_pk).first()
        return cls(agency, item)

    def __eq__(self, other):
        return isinstance(other, AgencyChannels) and (other.pk, other.item) == (
            self.pk,
            self.item,
        )

    def __hash__(self):
        return hash(("AgencyChannels", self.pk, self.item and self.item.pk))


class PostForm(ControlCharactersStripped, forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    on = forms.DateField(label="发布日期", widget=DATE)
    title = forms.CharField(label="标题（对应政府信息时可不填）", max_length=300, required=False)
    url = forms.URLField(
        label="链接（可选）", max_length=500, required=False, assume_scheme="https"
    )


class AdoptionForm(ControlCharactersStripped, forms.Form):
    level = forms.ChoiceField(label="媒体层级", choices=MediaLevel.choices)
    outlet = forms.CharField(label="采用媒体", max_length=100)
    on = forms.DateField(label="采用日期", widget=DATE)
    title = forms.CharField(
        label="稿件标题（对应政府信息时可不填）", max_length=300, required=False
    )


def _today(target) -> dict:
    return {"initial": {"on": timezone.localdate()}}


CHANNEL_STEPS = register(
    page_steps(
        model=AgencyChannels,
        noun="本机关",
        steps=(
            Step(
                "post",
                "登记渠道发布",
                lambda target, *, by, today, data: channels.record_channel_post(
                    target.agency, by=by, today=today, item=target.item, **data
                ),
                channels.RECORDERS,
                form=PostForm,
                form_kwargs=_today,
                done=lambda post: "已登记",
                waits=False,
            ),
            Step(
                "adoption",
                "登记媒体采用",
                lambda target, *, by, today, data: channels.record_media_adoption(
                    target.agency, by=by, today=today, item=target.item, **data
                ),
                channels.RECORDERS,
                form=AdoptionForm,
                form_kwargs=_today,
                done=lambda adoption: "已登记",
                waits=False,
            ),
        ),
    )
)
