"""Disclosure on application (依申请公开): applications, their events and replies, appeals."""
