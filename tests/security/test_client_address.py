"""One notion of the visitor's address (gongkai/core/client.py): the connection's peer, or
what a trusted proxy reports; a forged header from anyone else is ignored. The same answer
reaches django-axes, the rate limits and the audit log."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from gongkai.core.client import client_address
from gongkai.env import env_addresses

NGINX = "10.0.0.5"


def request(peer, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


def test_without_trusted_proxies_the_connection_is_the_visitor_whatever_it_claims(settings):
    settings.TRUSTED_PROXIES = []
    forged = request("203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="1.2.3.4")
    assert client_address(forged) == "203.0.113.7"


def test_a_trusted_proxy_is_believed_about_the_visitor(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(request(NGINX, HTTP_X_REAL_IP="198.51.100.20")) == "198.51.100.20"
    assert client_address(request(NGINX, HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"


def test_a_visitor_outside_the_trusted_network_cannot_pose_as_the_proxys_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    forged = request("10.0.1.9", HTTP_X_REAL_IP="198.51.100.20")
    assert client_address(forged) == "10.0.1.9"


def test_a_chain_or_junk_in_the_proxys_header_is_not_believed(settings):
    """nginx replaces the header with one address; a chain means someone else wrote it."""
    settings.TRUSTED_PROXIES = [NGINX]
    assert client_address(request(NGINX, HTTP_X_REAL_IP="1.2.3.4, 198.51.100.20")) == NGINX
    assert client_address(request(NGINX, HTTP_X_REAL_IP="not-an-address")) == NGINX


def test_on_a_unix_socket_the_header_counts_only_when_unix_is_trusted(settings):
    behind_socket = request("", HTTP_X_REAL_IP="198.51.100.20")
    settings.TRUSTED_PROXIES = []
    assert client_address(behind_socket) == ""
    settings.TRUSTED_PROXIES = ["unix"]
    assert client_address(behind_socket) == "198.51.100.20"
    # the socket trusted does not make a TCP peer trusted
    assert client_address(request("203.0.113.7", HTTP_X_REAL_IP="1.2.3.4")) == "203.0.113.7"


def test_the_setting_refuses_what_is_not_an_address():
    assert env_addresses("P", [], words=("unix",), environ={"P": "unix, 10.0.0.0/8,::1"}) == [
        "unix",
        "10.0.0.0/8",
        "::1",
    ]
    with pytest.raises(ImproperlyConfigured, match=r"“10\.0\.0\.300”不是 IP 地址或网段或 unix"):
        env_addresses("P", [], words=("unix",), environ={"P": "10.0.0.300"})


@pytest.mark.django_db
def test_the_audit_log_records_the_address_the_proxy_reports(client, township, settings):
    from gongkai.core.demo import DEMO_PASSWORD
    from gongkai.core.models import AuditEntry

    settings.TRUSTED_PROXIES = ["unix"]
    client.post(
        reverse("office:login"),
        {"username": "jingban", "password": DEMO_PASSWORD},
        REMOTE_ADDR="",
        HTTP_X_REAL_IP="198.51.100.20",
    )
    entry = AuditEntry.objects.get(action="account.logged_in")
    assert entry.data["ip"] == "198.51.100.20"


@pytest.mark.django_db
def test_wrong_passwords_from_elsewhere_do_not_lock_the_clerk_out(client, township, settings):
    """django-axes counts per account and address, the address being the one above."""
    from gongkai.core.demo import DEMO_PASSWORD

    settings.TRUSTED_PROXIES = ["unix"]
    url = reverse("office:login")
    attacker = {"REMOTE_ADDR": "", "HTTP_X_REAL_IP": "203.0.113.9"}
    statuses = [
        client.post(url, {"username": "jingban", "password": "guess"}, **attacker).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
    at_the_office = {"REMOTE_ADDR": "", "HTTP_X_REAL_IP": "198.51.100.20"}
    response = client.post(url, {"username": "jingban", "password": DEMO_PASSWORD}, **at_the_office)
    assert response.status_code == 302
