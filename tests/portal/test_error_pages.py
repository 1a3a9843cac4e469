"""Every error a visitor may meet is a Chinese page in the site's layout, scaled for phones,
with a way back — with DEBUG off, as in production."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.error_urls")]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def assert_error_page(response, status, title):
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="zh-Hans"' in html
    assert 'name="viewport" content="width=device-width' in html  # scaled for phones
    assert f"<h1>{title}</h1>" in html
    assert 'href="/">返回首页</a>' in html  # the way back
    assert "Not Found" not in html and "Forbidden" not in html and "Server Error" not in html
    return html


def test_a_missing_page_is_a_chinese_404_with_the_way_back(client):
    assert_error_page(client.get("/no-such-page/"), 404, "页面不存在")


def test_a_request_for_another_host_is_a_chinese_400(client):
    assert_error_page(client.get("/", HTTP_HOST="evil.example"), 400, "请求有误")


def test_a_refused_page_is_a_chinese_403(client):
    assert_error_page(client.get("/test-only/refuse/"), 403, "无权访问")


def test_a_stale_form_is_a_chinese_403_that_says_to_refill_it():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/status/", {"tracking_number": "x", "query_code": "y"})
    html = assert_error_page(response, 403, "无权访问")
    assert "重新填写" in html
    assert "CSRF" not in html


def test_a_fault_is_a_chinese_500_that_reveals_nothing():
    browser = Client(raise_request_exception=False)
    html = assert_error_page(browser.get("/test-only/fail/"), 500, "系统出现错误")
    assert "RuntimeError" not in html and "must not see" not in html


def test_the_500_page_stands_even_when_its_template_cannot_render(settings):
    from django.test import RequestFactory

    from gongkai.errors import server_error

    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "系统出现错误" in response.content.decode()


def test_too_many_requests_is_a_chinese_429_with_the_reason(rf):
    from gongkai.errors import too_many_requests

    response = too_many_requests(rf.get("/"), explanation="查询过于频繁，请一小时后再试。")
    html = assert_error_page(response, 429, "操作过于频繁")
    assert "一小时后再试" in html


def test_the_way_back_returns_to_the_page_of_this_site_the_visitor_came_from(client):
    came_from = "http://testserver/search/?q=低保"
    html = client.get("/no-such-page/", HTTP_REFERER=came_from).content.decode()
    assert f'href="{came_from}">返回上一页' in html
    html = client.get("/no-such-page/", HTTP_REFERER="https://elsewhere.example/").content.decode()
    assert "返回上一页" not in html
