"""Accounts whose password others know must choose their own before anything else (outside
demo mode, where the demo's printed password is the point)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy

from gongkai.core.audit import audit

ALLOWED = ("office:password_change", "office:logout")


class NotTheDemoPasswordValidator:
    """The demo's password is printed in the README and on the login page of every demo:
    whoever must choose their own may not choose it again (nor may anyone else)."""

    def validate(self, password, user=None):
        from django.core.exceptions import ValidationError

        from gongkai.core.demo import DEMO_PASSWORD

        if password.strip().lower() == DEMO_PASSWORD:
            raise ValidationError(
                "不能使用演示密码：它印在说明中，人人都知道", code="demo_password"
            )

    def get_help_text(self):
        return "不能使用演示密码"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, in Chinese: its zh_Hans catalogue lacks this plural message, so the
    page showed it in English."""

    def validate(self, password, user=None):
        from django.core.exceptions import ValidationError

        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短，至少需要{self.min_length}个字符",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"密码至少需要{self.min_length}个字符"


def _bounded(name: str, **widget_attrs) -> forms.CharField:
    """Django's password field, with a length limit (no request stores or hashes megabytes)."""
    field = auth_forms.PasswordChangeForm.base_fields[name]
    return forms.CharField(
        label=field.label,
        strip=False,
        max_length=128,
        help_text=field.help_text,
        widget=forms.PasswordInput(attrs=widget_attrs),
    )


class ChinesePasswordChangeForm(auth_forms.PasswordChangeForm):
    """What is wrong with the new password is said under the new password; only a
    confirmation that differs is said under the confirmation."""

    old_password = _bounded("old_password", autocomplete="current-password", autofocus=True)
    new_password1 = _bounded("new_password1", autocomplete="new-password")
    new_password2 = _bounded("new_password2", autocomplete="new-password")

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)


def must_change(user) -> bool:
    """Whether this account must choose its own password before anything else: never in
    demo mode, whose printed password is the point."""
    return bool(user.is_authenticated and user.must_change_password and not settings.DEMO)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and must_change(user)
            and request.path not in {reverse(name) for name in ALLOWED}
            and not request.path.startswith(settings.STATIC_URL)
        ):
            return redirect("office:password_change")
        return self.get_response(request)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "office/password_change.html"
    form_class = ChinesePasswordChangeForm
    success_url = reverse_lazy("office:home")

    def get_context_data(self, **kwargs):
        # one behaviour: the page says "must" exactly when the middleware insists (issue 25)
        context = super().get_context_data(**kwargs)
        context["must_change"] = must_change(self.request.user)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        audit(user, "account.password.changed", obj=user)
        from django.contrib import messages

        messages.success(self.request, "密码已修改")
        return response
