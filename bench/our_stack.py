"""Settings for a breakdown of the application's cost: gongkai's own settings and middleware,
but a view that returns the saved page's bytes (BARE_PAGE) — what every request costs before
the item page's queries and template. Served like the application:

    DJANGO_SETTINGS_MODULE=our_stack gunicorn --chdir bench gongkai.wsgi:application
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import re_path

from gongkai.settings import *  # noqa: F403 (the whole production configuration)

ROOT_URLCONF = "our_stack"
BODY = Path(os.environ["BARE_PAGE"]).read_bytes()


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
