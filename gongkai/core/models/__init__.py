from .agency import Agency, AgencyLevel, Membership, Role
from .audit import AuditEntry
from .calendar import CalendarDay
from .change import ChangeKind, ContentChange
from .counter import SerialCounter
from .user import User

__all__ = [
    "Agency",
    "AgencyLevel",
    "AuditEntry",
    "CalendarDay",
    "ChangeKind",
    "ContentChange",
    "Membership",
    "Role",
    "SerialCounter",
    "User",
]
