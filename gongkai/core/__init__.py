"""Agencies, staff and their roles, the audit log, and the working-day calendar table."""
