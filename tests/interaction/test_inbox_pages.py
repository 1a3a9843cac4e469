"""The office inbox in numbered pages of 50 (as the items' list pages), the filters kept in
every page link."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_a_day(travel_to):
    travel_to(date(2026, 6, 18), tick=False)


def numbers(page: str, messages) -> set[str]:
    return {m.tracking_number for m in messages if m.tracking_number in page}


def test_every_open_message_is_on_one_of_the_numbered_pages_with_the_filter_kept(
    client, ask, clerk, township
):
    consults = [ask(kind="consult", subject=f"咨询{n}") for n in range(52)]
    suggestions = [ask(kind="suggest", subject=f"建议{n}") for n in range(3)]
    client.force_login(clerk)
    url = reverse("office:messages")
    first = client.get(url, {"kind": "consult"}).content.decode()
    assert "共 52 条" in first and "第 1/2 页" in first
    assert len(numbers(first, consults)) == 50 and not numbers(first, suggestions)
    # the link to page 2 keeps the filter
    assert f"?kind=consult&amp;agency={township.pk}&amp;page=2" in first
    second = client.get(url, {"kind": "consult", "page": "2"}).content.decode()
    assert numbers(first, consults) | numbers(second, consults) == {
        m.tracking_number for m in consults
    }
    assert not numbers(second, suggestions)
    # no cap: all 55 over two pages without a filter; a page past the end is the last
    last = client.get(url, {"page": "99"}).content.decode()
    assert "第 2/2 页" in last and len(numbers(last, consults + suggestions)) == 5


def test_a_page_that_is_not_a_number_is_the_first_and_a_strange_kind_no_filter(client, ask, clerk):
    message = ask()
    client.force_login(clerk)
    page = client.get(reverse("office:messages"), {"page": "abc", "kind": "<x>"})
    assert page.status_code == 200 and message.tracking_number in page.content.decode()
