"""Who is asking: the client's address, as far as we can tell without trusting the client.

Used by every per-client limit (verifications, sign-in failures). Behind reverse proxies,
``MICROCRED_VERIFY_TRUSTED_PROXIES`` (default 0) says how many of them append to
``X-Forwarded-For``; without it the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_key", "trusted_proxies"]


def trusted_proxies() -> int:
    """How many reverse proxies in front of us append to ``X-Forwarded-For`` (default 0)."""
    return int(getattr(settings, "MICROCRED_VERIFY_TRUSTED_PROXIES", 0))


def client_key(request: HttpRequest) -> str:
    """Who is asking, as far as we can tell without trusting the client.

    ``X-Forwarded-For`` is anyone's to write, so it is read only when
    ``MICROCRED_VERIFY_TRUSTED_PROXIES`` says how many proxies of ours append to it, and
    then only the entry the outermost of them wrote. An IPv6 client is counted by its /64:
    every host is given at least that many addresses, and could otherwise rotate through
    them for a fresh budget each time.
    """
    address = _address(str(request.META.get("REMOTE_ADDR") or ""))
    hops = trusted_proxies()
    if hops > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = _address(chain[-hops]) if len(chain) >= hops else None
        address = forwarded or address
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(getattr(address, "ipv4_mapped", None) or address)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None
