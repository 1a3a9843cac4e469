"""Which responses the proxy in front may keep, and for how long.

A province's portal is read far more than it changes, and Python cannot serve a page as fast
as nginx serves a file. So in the production configuration (deploy/nginx/gongkai.conf) nginx
keeps each public page for PUBLIC_PAGE_SECONDS and answers from its cache; a newly published
or withdrawn item shows once the cached copies expire — no purge is needed, and no stale page
outlives that many seconds (plus the few milliseconds of one refresh).

Only what is the same for every visitor is marked: GET or HEAD of a public page, answered
200, to a visitor who is not logged in, with no cookie set (a form's token sets one). The
applicant's own pages (receipt, status, letters), the application form and everything of the
office stay uncached. The header is nginx's X-Accel-Expires, which nginx removes before the
response leaves; without nginx (a township's gunicorn + whitenoise box) it is simply ignored.
"""

from __future__ import annotations

from django.conf import settings

CACHEABLE_PAGES = {
    "portal:home",
    "portal:agency",
    "portal:items",
    "portal:guide",
    "portal:standards",
    "portal:rules",
    "portal:reports",
    "portal:report",
    "portal:report_illustrated",
    "portal:feed",
    "portal:item",
    "portal:search",
    "portal:handling",
    "portal:site_map",
    "portal:policy_library",
    "portal:policy_feed",
    "portal:consultations",
}


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = settings.PUBLIC_PAGE_SECONDS
        if seconds and self._same_for_everyone(request, response):
            response["X-Accel-Expires"] = str(seconds)
        return response

    @staticmethod
    def _same_for_everyone(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and match is not None
            and match.view_name in CACHEABLE_PAGES
            and not response.cookies
            and not getattr(getattr(request, "user", None), "is_authenticated", True)
            and "private" not in response.get("Cache-Control", "")
        )
