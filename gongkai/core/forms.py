"""What every form does to the text people type or paste: control characters (a vertical
tab from Word, a NUL from a broken paste, the C1 set) are removed at the form, before they
reach the database — XML 1.0, and so the Atom feed and every DOCX, cannot carry them, and a
page would answer 500. Line breaks and tabs stay."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control(text: str) -> str:
    return CONTROL.sub("", text)


class ControlCharactersStripped:
    """Mix into a Form or ModelForm (before forms.Form): every text value it cleans comes
    out without control characters; a ModelForm's instance is built from those values."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = strip_control(value)
        return data


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _stripped(query):
    """A copy of a QueryDict with every value stripped (files are not in it)."""
    if not any(CONTROL.search(value) for _, values in query.lists() for value in values):
        return query  # the common case: nothing to copy
    cleaned = query.copy()
    for key, values in query.lists():
        cleaned.setlist(key, [strip_control(value) for value in values])
    cleaned._mutable = False
    return cleaned


class ControlCharactersMiddleware:
    """The same rule for text that never meets a form: a search box (?q= with a NUL that
    PostgreSQL refuses), a step's reason or a 清理 title read from the POST directly. Every
    query-string and form value is stripped before any view reads it, so whatever a view
    does with it — a feed, a search, a DOCX — it gets text XML and the database can carry.
    Uploaded files and JSON bodies (the API) are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _stripped(request.GET)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _stripped(request.POST)
        return self.get_response(request)
