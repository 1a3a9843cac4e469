"""What every workflow step shares: one domain error and the role check."""

from __future__ import annotations

from gongkai.core.models import Agency, Membership, Role, User


class TransitionError(Exception):
    """A step that cannot be taken now; str() is the sentence to show the user."""


def require_role(user: User, agency: Agency, roles) -> None:
    if not Membership.objects.filter(user=user, agency=agency, role__in=roles).exists():
        names = "、".join(Role(r).label for r in roles)
        raise TransitionError(f"只有本机关的{names}可以办理此事项")
