"""The SSRF-safe fetcher refuses each dangerous case with a precise code (no network)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from microcred.vc.fetcher import SafeFetcher, check_address
from microcred.verification.cache import TtlCache

from .helpers import FakeConnection, FakeResponse, refusal


def fetcher(
    response: FakeResponse | None = None, addresses: Sequence[str] = ("93.184.216.34",)
) -> tuple[SafeFetcher, list[tuple[str, str, int]]]:
    connected: list[tuple[str, str, int]] = []
    connection = FakeConnection(response or FakeResponse())

    def connect(host: str, ip: str, port: int, timeout: float) -> FakeConnection:
        assert timeout == 3.0
        connected.append((host, ip, port))
        return connection

    return SafeFetcher(resolve=lambda host, port: list(addresses), connect=connect), connected


def test_fetches_json_from_the_checked_address() -> None:
    fetch, connected = fetcher()
    assert fetch("https://issuer.example/.well-known/did.json") == {"id": "x"}
    assert connected == [("issuer.example", "93.184.216.34", 443)]


@pytest.mark.parametrize(
    ("url", "addresses", "code"),
    [
        ("http://issuer.example/did.json", ["93.184.216.34"], "fetch_scheme_refused"),
        ("file:///etc/passwd", ["93.184.216.34"], "fetch_scheme_refused"),
        ("https://issuer.example/", ["127.0.0.1"], "fetch_address_refused"),
        ("https://issuer.example/", ["10.1.2.3"], "fetch_address_refused"),
        ("https://issuer.example/", ["192.168.0.1"], "fetch_address_refused"),
        ("https://issuer.example/", ["169.254.169.254"], "fetch_address_refused"),
        ("https://issuer.example/", ["::1"], "fetch_address_refused"),
        ("https://issuer.example/", ["::ffff:127.0.0.1"], "fetch_address_refused"),
        ("https://issuer.example/", ["224.0.0.1"], "fetch_address_refused"),
        ("https://issuer.example/", ["93.184.216.34", "10.0.0.1"], "fetch_address_refused"),
        ("https://issuer.example/", [], "fetch_address_refused"),
        ("https://user:pw@issuer.example/", ["93.184.216.34"], "fetch_url_invalid"),
    ],
)
def test_refusals_before_connecting(url: str, addresses: list[str], code: str) -> None:
    fetch, connected = fetcher(addresses=addresses)
    assert refusal(fetch, url) == code
    assert connected == []


@pytest.mark.parametrize(
    ("response", "code"),
    [
        (
            FakeResponse(status=302, headers={"Location": "https://127.0.0.1/"}),
            "fetch_redirect_refused",
        ),
        (FakeResponse(status=404), "fetch_http_error"),
        (FakeResponse(headers={"Content-Type": "text/html"}), "fetch_content_type"),
        (FakeResponse(body=b"{" + b" " * (256 * 1024)), "fetch_too_large"),
        (
            FakeResponse(headers={"Content-Type": "application/json", "Content-Length": "999999"}),
            "fetch_too_large",
        ),
        (FakeResponse(stall=True), "fetch_timeout"),
        (FakeResponse(body=b"not json"), "fetch_not_json"),
    ],
)
def test_refusals_of_the_response(response: FakeResponse, code: str) -> None:
    fetch, _ = fetcher(response)
    assert refusal(fetch, "https://issuer.example/did.json") == code


def test_total_deadline_stops_a_slow_drip() -> None:
    ticks = iter(range(0, 100, 2))
    body = json.dumps({"id": "x" * 100_000}).encode()
    fetch = SafeFetcher(
        resolve=lambda host, port: ["93.184.216.34"],
        connect=lambda host, ip, port, timeout: FakeConnection(FakeResponse(body=body)),
        clock=lambda: float(next(ticks)),
    )
    assert refusal(fetch, "https://issuer.example/big.json") == "fetch_timeout"


@pytest.mark.parametrize("ip", ["8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(ip: str) -> None:
    check_address(ip)


def test_ttl_cache_forgets_and_stays_bounded() -> None:
    now = [0.0]
    cache: TtlCache[int] = TtlCache(ttl=60, size=2, clock=lambda: now[0])
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert cache.get("a") is None
    assert cache.get("c") == 3
    now[0] = 61
    assert cache.get("b") is None
    assert len(cache) == 1
