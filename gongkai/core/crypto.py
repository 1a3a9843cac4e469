"""Applicants' identity and phone numbers encrypted at rest (个人信息保护法第五十一条:
encryption as a security measure), with a keyed hash to find equal numbers without
decrypting them. A database copy or backup alone shows no number."""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from django.conf import settings
from django.db import models

PREFIX = "fernet:"


@cache
def _fernet(key: str):
    from cryptography.fernet import Fernet

    return Fernet(key.encode())


def encrypt(text: str) -> str:
    if not text or text.startswith(PREFIX):
        return text
    return PREFIX + _fernet(settings.DATA_KEY).encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    """Plain text written before encryption was switched on is returned as it is."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    return _fernet(settings.DATA_KEY).decrypt(stored[len(PREFIX) :].encode()).decode()


def lookup_digest(text: str) -> str:
    """HMAC-SHA256 of the normalised number under a key derived from the data key: equal
    numbers give equal digests; without the key a digest reveals nothing."""
    key = hashlib.sha256(b"gongkai lookup:" + settings.DATA_KEY.encode()).digest()
    return hmac.new(key, text.strip().upper().encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """A short text kept encrypted in the database; Python sees the plain text, and
    `max_length` limits the plain text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value is not None else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"widget": forms.TextInput, **kwargs})
