import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_front_page_lists_every_agency_of_the_platform(client, township, county):
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert township.name in html
    assert county.name in html
    assert reverse("portal:agency", args=[township.index_prefix]) in html


def test_a_platform_with_one_agency_opens_on_its_page(client):
    from gongkai.core.models import Agency, AgencyLevel

    only = Agency.objects.create(
        name="独立乡人民政府", level=AgencyLevel.TOWNSHIP, index_prefix="000014349"
    )
    page = client.get(reverse("portal:home"))
    assert page.status_code == 302
    assert page.url == reverse("portal:agency", args=[only.index_prefix])


def test_an_empty_platform_says_so_instead_of_failing(client):
    page = client.get(reverse("portal:home"))
    assert "尚未设立任何机构" in page.content.decode()


def test_the_agency_page_shows_its_disclosure_office(client, township):
    page = client.get(reverse("portal:agency", args=[township.index_prefix]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"<h1>{township.name}</h1>" in html
    assert township.office_phone in html
    assert township.parent.name in html
    assert 'lang="zh-Hans"' in html


def test_an_unknown_agency_is_a_plain_404(client, township):
    assert client.get("/agency/999999999/").status_code == 404
