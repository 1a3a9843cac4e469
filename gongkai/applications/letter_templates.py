"""An agency's own wording of its notices (告知书模板), kept by its 管理员 (issue 25). A
template is checked whole before it is saved: every placeholder must be one the built-in
templates use, so a letter drafted from it later cannot fail on an unknown name."""

from __future__ import annotations

from string import Formatter

from django.db import transaction

from gongkai.applications.letters import DEFAULT_TEMPLATES
from gongkai.applications.models import LetterKind, LetterTemplate
from gongkai.core.audit import audit
from gongkai.core.models import Role
from gongkai.core.transitions import TransitionError, require_role


def placeholders() -> list[str]:
    """The names the built-in templates fill in — the ones an agency's own may use."""
    return sorted(
        {
            name
            for template in DEFAULT_TEMPLATES.values()
            for _, name, _, _ in Formatter().parse(template)
            if name
        }
    )


def check_template(body: str) -> None:
    try:
        names = {name for _, name, _, _ in Formatter().parse(body) if name is not None}
    except ValueError:
        raise TransitionError("模板中的花括号不成对：占位符写作 {tracking_number} 这样") from None
    if "" in names:
        raise TransitionError("模板中有空的占位符 {}：请写明名称，或删去花括号")
    unknown = names - set(placeholders())
    if unknown:
        raise TransitionError(
            "无法识别的占位符：" + "、".join("{" + n + "}" for n in sorted(unknown))
        )


def save_template(agency, *, by, kind: str, body: str) -> LetterTemplate | None:
    """Save the agency's wording of `kind`; an empty body goes back to the built-in one."""
    require_role(by, agency, (Role.ADMIN,))
    kind = LetterKind(kind)
    body = body.strip()
    with transaction.atomic():
        from django.utils import timezone

        from gongkai.applications.steps import AgencyLetterTemplate
        from gongkai.core.models import Agency
        from gongkai.core.steps import check

        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        # the step as applications/steps.py declares it, under the agency's row lock
        check(AgencyLetterTemplate(locked, kind), "save", user=by, today=timezone.localdate())
        if not body:
            deleted, _ = LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
            if deleted:
                audit(by, "letter_template.removed", obj=agency, kind=kind.value)
            return None
        check_template(body)
        template, created = LetterTemplate.objects.update_or_create(
            agency=agency, kind=kind, defaults={"body": body}
        )
        audit(by, "letter_template.saved", obj=agency, kind=kind.value, created=created)
    return template
