"""What every workflow step shares: one domain error and the role check."""

from __future__ import annotations

from gongkai.core.models import Agency, Membership, User
from gongkai.core.roles import role_names


class TransitionError(Exception):
    """A step that cannot be taken now; str() is the sentence to show the user."""


def require_role(user: User, agency: Agency, roles) -> None:
    if not Membership.objects.filter(user=user, agency=agency, role__in=roles).exists():
        raise TransitionError(f"只有本机关的{role_names(roles)}可以办理此事项")
