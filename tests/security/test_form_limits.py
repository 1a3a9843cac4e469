"""Every text field of every form has a length limit, so no request can make us store or
render megabytes of text (the model limits apply on save; the form's apply first)."""

import importlib
import pkgutil

from django import forms

import gongkai


def project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        if ".migrations" not in module.name and not module.name.endswith("settings"):
            importlib.import_module(module.name)
    found, stack = [], [forms.Form, forms.ModelForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("gongkai."):
                found.append(sub)
    return found


def test_every_text_field_of_every_form_is_limited():
    unlimited = []
    checked = 0
    for form in project_forms():
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField):  # URLField and EmailField are ones too
                checked += 1
                if field.max_length is None:
                    unlimited.append(f"{form.__module__}.{form.__name__}.{name}")
    assert checked > 30  # the walk found the forms
    assert unlimited == [], unlimited
