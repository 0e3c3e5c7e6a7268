"""Review findings on the verifier's rate-limit key: who counts as one client."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from microcred.verification.ratelimit import client_key, retry_after


def request(remote: str, forwarded: str | None = None) -> Any:
    made = RequestFactory().post("/en/verify/", REMOTE_ADDR=remote)
    if forwarded is not None:
        made.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return made


@pytest.mark.django_db
def test_x_forwarded_for_is_ignored_by_default(settings: Any) -> None:
    settings.MICROCRED_VERIFY_RATE = "2/minute"
    for spoof in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        last = retry_after(request("203.0.113.7", spoof))
    assert last is not None  # a new forged header each time did not buy a new budget
    assert client_key(request("203.0.113.7", "1.1.1.1")) == "203.0.113.7"


@pytest.mark.django_db
def test_one_ipv6_host_cannot_rotate_through_its_own_64(settings: Any) -> None:
    """Any IPv6 host controls at least a /64: 2**64 addresses, one budget."""
    settings.MICROCRED_VERIFY_RATE = "2/minute"
    answers = [retry_after(request(f"2001:db8:1:2::{n:x}")) for n in range(1, 5)]
    assert answers[:2] == [None, None]
    assert all(wait is not None for wait in answers[2:])
    assert client_key(request("2001:db8:1:3::1")) != client_key(request("2001:db8:1:2::1"))


def test_ipv4_addresses_are_separate_clients() -> None:
    assert client_key(request("198.51.100.1")) != client_key(request("198.51.100.2"))


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "198.51.100.9", "198.51.100.9"),
        # A client may prepend anything: only the entry our proxy appended counts.
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        # Fewer entries than trusted hops, or garbage: fall back to the socket's address.
        (2, "198.51.100.9", "10.0.0.1"),
        (1, "not-an-ip", "10.0.0.1"),
    ],
)
def test_x_forwarded_for_is_read_only_when_a_setting_trusts_proxies(
    settings: Any, hops: int, forwarded: str, expected: str
) -> None:
    settings.MICROCRED_VERIFY_TRUSTED_PROXIES = hops
    assert client_key(request("10.0.0.1", forwarded)) == expected
