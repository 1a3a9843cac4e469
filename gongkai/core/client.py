"""Who the visitor is: one answer for django-axes, every rate limit and the audit log.

The address is the peer of the connection (REMOTE_ADDR), unless that peer is a proxy named in
TRUSTED_PROXIES; then the address the proxy reports in X-Real-IP (or a single-address
X-Forwarded-For) is believed. deploy/nginx/gongkai.conf sets both from $remote_addr,
replacing whatever the visitor sent, so a forged header from outside never reaches gongkai
as the truth; and a visitor who reaches gunicorn directly (an untrusted peer) is known by
the connection alone, whatever headers it sends.

Behind nginx on a unix socket the peer has no address (REMOTE_ADDR is empty): the header is
believed only when TRUSTED_PROXIES contains the word "unix". django-ipware reads and checks
the header (one address, IPv4 or IPv6, no junk); the decision whom to believe is made here.
"""

from __future__ import annotations

import ipaddress
import logging
from functools import cache

from django.conf import settings
from ipware import get_client_ip

log = logging.getLogger(__name__)

UNIX_SOCKET = "unix"  # the TRUSTED_PROXIES word for "the peer on gunicorn's unix socket"
# Only what deploy/nginx/gongkai.conf sends, in this order; never the other headers ipware
# knows (Client-IP, Forwarded, CDN headers …), which any visitor can write.
PROXY_HEADERS = ("HTTP_X_REAL_IP", "HTTP_X_FORWARDED_FOR")


@cache
def _trusted(entries: tuple[str, ...]) -> tuple[bool, tuple]:
    networks = tuple(
        ipaddress.ip_network(entry, strict=False) for entry in entries if entry != UNIX_SOCKET
    )
    return UNIX_SOCKET in entries, networks


def _peer_is_trusted_proxy(peer: str) -> bool:
    unix, networks = _trusted(tuple(settings.TRUSTED_PROXIES))
    if not peer:
        return unix
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in network for network in networks)


def client_address(request) -> str:
    """The visitor's IP address as text; "" when it cannot be known (a unix-socket peer with
    no trusted proxy configured — every such visitor then shares one address)."""
    peer = request.META.get("REMOTE_ADDR") or ""
    if not _peer_is_trusted_proxy(peer):
        if not peer:
            _warn_once()
        return peer
    # exactly one address (proxy_count=0, strict): nginx replaced the header, so a chain
    # means someone else wrote it
    reported, _ = get_client_ip(
        request, proxy_count=0, strict=True, request_header_order=PROXY_HEADERS
    )
    return reported or peer


@cache
def _warn_once() -> None:
    log.warning(
        "请求没有对端地址（unix 套接字）且 TRUSTED_PROXIES 未含 unix：所有访问者被视为同一地址，"
        "登录锁定和频率限制将对所有人生效；见 docs/deploy.md"
    )
