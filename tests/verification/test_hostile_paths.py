"""Issue 12 through HTTP: the rate limit before the body, shared in the database; parse
once; no open redirect; hostile text answered, never a 500; the platform's budgets."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from microcred.issuing.models import Award
from microcred.vc.errors import DocumentLoadError
from microcred.vc.verify import parse as parse_module
from microcred.verification import services
from microcred.verification.models import RateCount
from microcred.verification.services import use_remote

from ..vc.factories import Issuer
from ..vc.jwt_raw import plain_credential, token_over

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/api/verify", b'{"verifiableCredential": "' + b'\\"' * 100_000, "application/json"),
        ("/credentials/verify", b"{not json", "application/json"),
        ("/en/verify/", b"--x\r\nbroken multipart", "multipart/form-data; boundary=x"),
    ],
)
def test_over_the_limit_the_body_is_never_parsed(
    client: Client, settings: Any, path: str, body: bytes, content_type: str
) -> None:
    """Once the budget is spent even an unreadable body gets a 429: the limit comes first."""
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    assert client.post(path, body, content_type=content_type).status_code in (200, 400)
    response = client.post(path, body, content_type=content_type)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_the_count_is_shared_through_the_database(client: Client, settings: Any) -> None:
    """Another process has its own memory, not its own database: clearing this process's
    cache (what a second worker would see) does not reset the count."""
    settings.MICROCRED_VERIFY_RATE = "2/minute"
    body = json.dumps({"verifiableCredential": {}})
    for _ in range(2):
        assert client.post("/api/verify", body, content_type="application/json").status_code == 200
        cache.clear()
    assert RateCount.objects.get().count == 2
    refused = client.post("/api/verify", body, content_type="application/json")
    assert refused.status_code == 429
    assert refused.json()["code"] == "api.rate_limited"


def test_the_verify_page_parses_the_text_once(
    client: Client, award: Award, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = parse_module.parse_input

    def counted(data: Any) -> Any:
        calls.append(type(data).__name__)
        return real(data)

    monkeypatch.setattr(services, "parse_input", counted)
    response = client.post("/en/verify/", {"text": json.dumps(award.credential)})
    assert 'data-verdict="valid"' in response.content.decode()
    assert calls == ["str"]


@pytest.mark.parametrize(
    "link",
    [
        "http://localhost:8000//evil.example/x",
        "http://localhost:8000/\\evil.example/x",
        "http://localhost:8000///evil.example",
    ],
)
def test_a_link_to_our_host_with_another_site_in_its_path_is_not_followed(
    client: Client, link: str
) -> None:
    response = client.post("/en/verify/", {"url": link})
    assert response.status_code == 400
    assert "Location" not in response
    assert "not at one of its pages" in response.content.decode()


def test_own_share_links_still_open(client: Client) -> None:
    response = client.post("/en/verify/", {"url": "http://localhost:8000/en/wallet/s/abc?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/en/wallet/s/abc?x=1"


@pytest.mark.parametrize("pasted", ['{"name": "\\ud800"}', '{"@context": ["\\udfff"], "a": 1}'])
def test_a_lone_surrogate_on_the_page_is_an_answer(client: Client, pasted: str) -> None:
    response = client.post("/en/verify/", {"text": pasted})
    assert response.status_code == 200
    assert "surrogate" in response.content.decode()


def test_the_fetch_budget_comes_from_settings(client: Client, settings: Any) -> None:
    """A foreign credential naming three hosts' status lists, one fetch allowed."""
    settings.MICROCRED_VERIFY_RATE = "off"
    settings.MICROCRED_VERIFY_MAX_FETCHES = 1
    fetched: list[str] = []

    def offline(url: str) -> Any:
        fetched.append(url)
        raise DocumentLoadError(f"{url} is offline", code="fetch_failed")

    use_remote(offline)
    issuer = Issuer.did_key()
    entries = [
        {"id": f"https://h{i}.example/l#1", "type": "BitstringStatusListEntry",
         "statusPurpose": "revocation", "statusListIndex": "1",
         "statusListCredential": f"https://h{i}.example/l"}
        for i in range(3)
    ]  # fmt: skip
    from django.utils import timezone

    text = json.dumps(plain_credential(issuer, timezone.now(), credentialStatus=entries))
    response = client.post(
        "/api/verify", {"verifiableCredential": token_over(issuer, text)},
        content_type="application/json",
    )  # fmt: skip
    codes = [c["code"] for c in response.json()["checks"]]
    assert fetched == ["https://h0.example/l"]
    assert codes.count("fetch_budget_exceeded") == 2
