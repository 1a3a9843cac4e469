"""The error pages every visitor may meet (400, 403 and a refused CSRF token, 404, 429, 500):
each a Chinese page in the site's layout that says what happened and where to go next.

gongkai/urls.py names them as Django's handlers; CSRF_FAILURE_VIEW names csrf_failure; a
rate limit anywhere in the site answers with too_many_requests."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

PAGES = {
    400: ("请求有误", "页面没能读懂这次请求，可能是链接不完整或表单内容有误。"),
    403: ("无权访问", "您没有打开这个页面的权限。工作人员请先登录后再试。"),
    404: ("页面不存在", "您要找的页面不存在，可能已经删除、更名，或者链接输入有误。"),
    429: ("操作过于频繁", "您的操作过于频繁，请稍后再试。"),
    500: ("系统出现错误", "系统处理时出现错误，已记录下来。请稍后再试。"),
}
CSRF_EXPLANATION = (
    "表单已经过期或者来源无法确认，所以没有提交。请返回上一页，刷新后重新填写提交；"
    "如果浏览器禁用了 Cookie，请先允许本网站使用 Cookie。"
)
# When even the template fails (a broken database behind the page's context), this is sent.
PLAIN_500 = (
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>系统出现错误</title></head><body><h1>系统出现错误</h1>"
    '<p>系统处理时出现错误，已记录下来。请稍后再试。</p><p><a href="/">返回首页</a></p>'
    "</body></html>"
)


def _back(request) -> str:
    """The page the visitor came from, when it is a page of this site."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def error_page(request, status: int, *, explanation: str = "") -> HttpResponse:
    title, text = PAGES[status]
    context = {"status": status, "title": title, "explanation": explanation or text}
    try:
        context["back"] = _back(request)
    except Exception:  # a disallowed Host header is itself a 400 being answered here
        context["back"] = ""
    content = loader.render_to_string("errors/error.html", context, request)
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def too_many_requests(request, exception=None, *, explanation: str = ""):
    return error_page(request, 429, explanation=explanation)


def server_error(request):
    try:
        # no request context: the session, the user or the database may be what failed
        content = loader.render_to_string(
            "errors/error.html",
            {"status": 500, "title": PAGES[500][0], "explanation": PAGES[500][1]},
        )
    except Exception:  # the page that says "error" must not fail itself
        logger.exception("500 页面渲染失败")
        content = PLAIN_500
    return HttpResponse(content, status=500)


def csrf_failure(request, reason: str = ""):
    return error_page(request, 403, explanation=CSRF_EXPLANATION)
