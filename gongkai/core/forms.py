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
