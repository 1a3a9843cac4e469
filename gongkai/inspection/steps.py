"""The site identity's one step, declared beside its transition (core/steps.py): the agency's
管理员 saves its own row of 主办、承办、标识码 …; save_identity checks this declaration under
the row lock, and the settings page offers what it opens."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Role
from gongkai.core.steps import Step, page_steps, register
from gongkai.inspection.identity_settings import AgencyIdentity, save_identity
from gongkai.inspection.models import FIELDS, SiteIdentity


class IdentityForm(ControlCharactersStripped, forms.ModelForm):
    """Validates against the model's own fields; the transition takes its cleaned data."""

    class Meta:
        model = SiteIdentity
        fields = list(FIELDS)


def _current(target: AgencyIdentity) -> dict:
    row = SiteIdentity.objects.filter(agency=target.agency).first()
    # "identity": the settings page holds the agency's own form too
    return {"instance": row or SiteIdentity(agency=target.agency), "prefix": "identity"}


IDENTITY_STEPS = register(
    page_steps(
        model=AgencyIdentity,
        noun="本机关",
        steps=(
            Step(
                "save",
                "保存网站标识",
                lambda target, *, by, today, data: save_identity(target.agency, by=by, **data),
                (Role.ADMIN,),
                form=IdentityForm,
                form_kwargs=_current,
                done=lambda row: "已保存网站标识",
                waits=False,
            ),
        ),
    )
)
