"""Bringing in an existing catalogue (catalogue/importer.py) as two declared steps
(core/steps.py): an editor imports the rows for 保密审查; a reviewer may instead publish them
at once, which cannot be undone and so asks for the tick that says every row was reviewed —
checked on the server too. A file with problems is refused whole, each problem named by its
row."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.importer import MAX_BYTES, ImportRefused, import_catalogue
from gongkai.core import roles
from gongkai.core.steps import AgencyPage, Step, page_steps, register
from gongkai.core.uploads import UploadRefused

REVIEWED = "我确认已对文件中的每条信息完成保密审查和个人信息检查（此操作记入审计日志）"


class AgencyImport(AgencyPage):
    """The agency's catalogue as the place an exported one is brought into."""


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label="文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "请选择要导入的 Excel（.xlsx）或 CSV 文件"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("文件超过 20 MB，请分批导入")
        return upload


def _import(publish: bool):
    def run(target, *, by, today, data):
        upload = data["file"]
        try:
            return import_catalogue(
                target.agency, upload.read(), upload.name, by=by, publish=publish, today=today
            )
        except ImportRefused as refused:
            # every problem on its own line: the page lists them one by one
            raise UploadRefused("\n".join(str(p) for p in refused.problems)) from None

    return run


IMPORT_STEPS = register(
    page_steps(
        model=AgencyImport,
        noun="本机关",
        steps=(
            Step(
                "submit",
                "检查并导入",
                _import(publish=False),
                roles.EDITORS,
                form=ImportFileForm,
                done=lambda items: f"已导入 {len(items)} 条信息（已提交保密审查，审核后公开）",
                waits=False,
            ),
            Step(
                "publish",
                "导入并直接公开",
                _import(publish=True),
                roles.REVIEWERS,
                form=ImportFileForm,
                summary="直接公开（仅审核人）",
                explain="导入后直接公开，不再逐条审核。",
                irreversible=REVIEWED,
                done=lambda items: f"已导入 {len(items)} 条信息（已直接公开）",
                waits=False,
            ),
        ),
    )
)
