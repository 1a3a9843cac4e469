"""The site's URLconf plus two views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from gongkai.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("a fault the visitor must not see")


urlpatterns = [
    path("test-only/refuse/", refuse),
    path("test-only/fail/", fail),
    *urlpatterns,
]
