"""The ceiling for the application alone: Django with no middleware, no database and no
template, returning from memory the bytes of the page our application rendered
(BARE_PAGE names the file). Served by gunicorn like the application:

    gunicorn --chdir bench bare_django:application
"""

import os
from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[], SECRET_KEY="x" * 50
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after settings)
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

BODY = Path(os.environ["BARE_PAGE"]).read_bytes()


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
