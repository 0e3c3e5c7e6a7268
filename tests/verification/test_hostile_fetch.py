"""The SSRF filter's missed ranges, one answer for unresolvable and private names, DNS under
the deadline, and hostile JSON from a remote server (issue 12)."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from microcred.vc.errors import DocumentLoadError
from microcred.vc.fetcher import SafeFetcher, check_address, system_resolve

from .helpers import FakeConnection, FakeResponse, refusal


@pytest.mark.parametrize(
    "ip",
    [
        "fec0::1",  # deprecated site-local
        "fefe:1::1",  # the top of fec0::/10
        "192.0.0.8",  # IPv4 dummy address
        "192.0.0.1",
        "192.88.99.1",  # 6to4 relay anycast
        "3fff::1",  # documentation (RFC 9637)
        "3fff:fff:ffff::1",
        "64:ff9b:1::a00:1",  # local-use NAT64
        "64:ff9b::a00:1",  # well-known NAT64 of 10.0.0.1
        "5f00::1",  # SRv6 SIDs
    ],
)
def test_ranges_is_global_misses_are_refused(ip: str) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        check_address(ip)
    assert caught.value.code == "fetch_address_refused"


@pytest.mark.parametrize("ip", ["64:ff9b::5db8:d822", "192.0.1.1", "2a00:1450::1"])
def test_neighbours_of_the_refused_ranges_still_pass(ip: str) -> None:
    check_address(ip)  # NAT64 of 93.184.216.34, the next /24, a real global v6


def _fetcher(addresses: Sequence[str] | None) -> SafeFetcher:
    def resolve(host: str, port: int) -> list[str]:
        if addresses is None:
            return system_resolve("name.invalid", port)  # never resolves (RFC 6761)
        return list(addresses)

    def connect(host: str, ip: str, port: int, timeout: float) -> FakeConnection:
        raise AssertionError("must not connect")

    return SafeFetcher(resolve=resolve, connect=connect)


def test_unresolvable_and_private_names_get_the_same_answer() -> None:
    answers = []
    for addresses in (None, [], ["10.0.0.7"], ["fec0::1"]):
        with pytest.raises(DocumentLoadError) as caught:
            _fetcher(addresses)("https://intranet.example/x.json")
        answers.append((caught.value.code, str(caught.value)))
    assert len(set(answers)) == 1
    assert answers[0][0] == "fetch_address_refused"


def test_dns_resolution_is_under_the_deadline() -> None:
    """A resolver that never answers: the fetch gives up at the deadline, counted in the
    verification's own clock, and the worker thread is abandoned, not waited for."""
    release = threading.Event()
    asked: list[str] = []

    def stuck(host: str, port: int) -> list[str]:
        asked.append(host)
        release.wait(30)
        return ["93.184.216.34"]

    clock = [100.0]
    fetch = SafeFetcher(resolve=stuck, clock=lambda: clock[0], total_timeout=5.0)
    try:
        with pytest.raises(DocumentLoadError) as caught:
            fetch("https://slow-dns.example/did.json", deadline=100.05)
    finally:
        release.set()
    assert caught.value.code == "fetch_timeout"
    assert asked == ["slow-dns.example"]


def test_a_spent_deadline_resolves_nothing() -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34"]

    fetch = SafeFetcher(resolve=resolve, clock=lambda: 10.0)
    with pytest.raises(DocumentLoadError) as caught:
        fetch("https://issuer.example/did.json", deadline=9.0)
    assert caught.value.code == "fetch_timeout"
    assert asked == []


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 50_000 + b"]" * 50_000,  # RecursionError in a plain json.loads
        b'{"id": "x", "id": "y"}',
        b'{"id": "\\ud800"}',
        b'{"n": NaN}',
    ],
)
def test_hostile_json_from_a_remote_server_is_a_precise_refusal(body: bytes) -> None:
    def connect(host: str, ip: str, port: int, timeout: float) -> FakeConnection:
        return FakeConnection(FakeResponse(body=body))

    fetch = SafeFetcher(resolve=lambda host, port: ["93.184.216.34"], connect=connect)
    assert refusal(fetch, "https://issuer.example/did.json") == "fetch_not_json"


def test_a_remote_json_document_still_arrives() -> None:
    document: dict[str, Any] = {"id": "did:web:issuer.example", "deep": [[[["ok"]]]]}

    def connect(host: str, ip: str, port: int, timeout: float) -> FakeConnection:
        return FakeConnection(FakeResponse(body=json.dumps(document).encode()))

    fetch = SafeFetcher(resolve=lambda host, port: ["93.184.216.34"], connect=connect)
    assert fetch("https://issuer.example/.well-known/did.json") == document
