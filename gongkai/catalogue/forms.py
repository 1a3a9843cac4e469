"""The form an item is drafted and edited with: it cleans the page's fields into the
Item's own types. The 标准目录 matters it offers come from the standards app, which sits
above the catalogue (DESIGN.md's layers): standards registers how an agency's matters are
read, so the catalogue names none of it."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from gongkai.catalogue.models import Category, Item
from gongkai.catalogue.transitions import EDITABLE_FIELDS
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.registry import Registry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# matters(agency) -> the queryset of the agency's 标准目录 matters (issue 17), registered by
# standards from its AppConfig.ready(); without one, an item is filed under no matter
AGENCY_MATTERS = Registry("the 标准目录 matters an agency's items may be filed under")


class ItemForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = Item
        fields = list(EDITABLE_FIELDS)  # what a draft's editor may change (transitions.py)
        help_texts = {
            "body": "直接输入或粘贴正文：空一行另起一段，段内每一行（如编号列表）照原样保留。",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "written_on": DATE,
            "formed_on": DATE,
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the shared statutory subjects and the agency's own; roots only group them
        self.fields["category"].queryset = Category.objects.filter(
            Q(agency=agency) | Q(agency__isnull=True), parent__isnull=False
        )
        readers = list(AGENCY_MATTERS)
        field = self.fields["matter"]
        field.queryset = readers[0](agency) if readers else field.queryset.none()
        self.fields["matter"].help_text = "可不选：保存后按分类和标题推荐"
