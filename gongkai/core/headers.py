"""Content-Security-Policy on every response: our pages load nothing from elsewhere and run
no inline script, so an injected <script> or on…= handler that slipped past sanitising
still does not run. A response may set its own policy (the report's standalone HTML keeps
its stylesheet inline so it stays one file)."""

from __future__ import annotations

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Django's admin writes a few style="" attributes; it runs no inline script either.
ADMIN_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
STANDALONE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else POLICY
        return response
