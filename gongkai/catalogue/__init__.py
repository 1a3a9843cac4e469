"""Proactive disclosure (主动公开): the catalogue, its index numbers, review and publication."""
