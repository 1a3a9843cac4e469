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
UNREADABLE = "证件号码无法解密（缺少数据密钥）"


class Unreadable(str):
    """What a page shows for a number the data key cannot decrypt (an instance restored
    without the key it was backed up with) — never a 500. It keeps the stored text, so
    saving the record again writes back what was there, not this sentence."""

    def __new__(cls, stored: str):
        value = super().__new__(cls, UNREADABLE)
        value.stored = stored
        return value


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
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(settings.DATA_KEY).decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        return Unreadable(stored)


def key_check(key: str) -> str:
    """A short fingerprint of a data key, kept in a backup's manifest so a restore can tell
    it is missing the key its numbers were encrypted with; it reveals nothing of the key."""
    return hashlib.sha256(b"gongkai key check:" + key.encode()).hexdigest()[:16]


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
        if isinstance(value, Unreadable):
            return value.stored
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"widget": forms.TextInput, **kwargs})
