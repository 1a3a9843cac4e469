from .agency import Agency, AgencyLevel, Membership, Role
from .audit import AuditEntry
from .calendar import CalendarDay
from .counter import SerialCounter
from .user import User

__all__ = [
    "Agency",
    "AgencyLevel",
    "AuditEntry",
    "CalendarDay",
    "Membership",
    "Role",
    "SerialCounter",
    "User",
]
