"""Bounded work per verification (issue 12, finding 2), counted, not timed: fetches made,
lists decoded, and the budget code in the report."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta
from typing import Any

import pytest

from microcred.vc import status as status_module
from microcred.vc.dates import format_datetime
from microcred.vc.did import did_web_to_url
from microcred.vc.errors import DocumentLoadError
from microcred.vc.issue import issue_credential
from microcred.vc.multibase import b64url_encode
from microcred.vc.status import MAX_DECODED_BYTES, BitstringStatusList, status_list_credential
from microcred.vc.verify import VerificationReport, verify_credential
from microcred.vc.verify.budget import Budget, Limits

from ..factories import STATUS_URL, Issuer, entry, signed, status_list


class CountingFetcher:
    """Answers from ``documents`` (or refuses, as an offline host would), counting calls."""

    def __init__(self, documents: dict[str, Any] | None = None, tick: float = 0.0) -> None:
        self.documents, self.urls = documents or {}, list[str]()
        self.clock, self.tick = 0.0, tick

    def __call__(self, url: str) -> Any:
        self.urls.append(url)
        self.clock += self.tick
        if url not in self.documents:
            raise DocumentLoadError(f"{url} is offline", code="fetch_failed")
        return self.documents[url]


def codes(report: VerificationReport) -> list[str]:
    return [c.code for c in report.failures]


def with_entries(issuer: Issuer, now: datetime, entries: list[dict[str, Any]]) -> Any:
    return signed(issuer, now, credentialStatus=entries)


def test_500_entries_on_one_list_fail_before_anything_is_fetched(now: datetime) -> None:
    issuer = Issuer.did_key()
    fetcher = CountingFetcher({STATUS_URL: status_list(issuer, now)})
    credential = with_entries(issuer, now, [entry(i) for i in range(500)])
    report = verify_credential(credential, now=now, fetcher=fetcher)
    assert "too_many_status_entries" in codes(report)
    assert fetcher.urls == []
    check = next(c for c in report.failures if c.code == "too_many_status_entries")
    assert "500" in check.message("en")
    assert "500" in check.message("tr")


def test_entries_on_one_list_fetch_and_decode_it_once(
    now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    issuer = Issuer.did_key()
    fetcher = CountingFetcher({STATUS_URL: status_list(issuer, now, set_bits=(3,))})
    decodes: list[str] = []
    real = BitstringStatusList.decode.__func__  # type: ignore[attr-defined]

    def counted(cls: type[BitstringStatusList], /, encoded: str, **kw: Any) -> BitstringStatusList:
        decodes.append(encoded[:8])
        result: BitstringStatusList = real(cls, encoded, **kw)
        return result

    monkeypatch.setattr(BitstringStatusList, "decode", classmethod(counted))
    credential = with_entries(issuer, now, [entry(i) for i in range(8)])
    report = verify_credential(credential, now=now, fetcher=fetcher)
    assert fetcher.urls == [STATUS_URL]
    assert len(decodes) == 1
    assert codes(report) == ["revoked"]  # entry 3, checked against the one decoded list


def test_entries_on_distinct_hosts_stop_at_the_fetch_budget(now: datetime) -> None:
    issuer = Issuer.did_key()
    entries = [{**entry(0), "statusListCredential": f"https://h{i}.example/list"} for i in range(8)]
    fetcher = CountingFetcher()
    budget = Budget(Limits(max_fetches=3))
    report = verify_credential(
        with_entries(issuer, now, entries), now=now, fetcher=fetcher, budget=budget
    )
    assert len(fetcher.urls) == 3
    assert codes(report).count("fetch_budget_exceeded") == 5
    assert codes(report).count("status_unavailable") == 3


def test_300_proofs_fail_before_any_key_is_fetched(now: datetime) -> None:
    issuer = Issuer.did_web()
    credential = signed(issuer, now)
    credential["proof"] = [dict(credential["proof"]) for _ in range(300)]
    fetcher = CountingFetcher(issuer.documents)
    report = verify_credential(credential, now=now, fetcher=fetcher)
    assert codes(report) == ["too_many_proofs"]
    assert fetcher.urls == []


def test_the_deadline_stops_the_run_and_counts_fetch_time(now: datetime) -> None:
    """Each fetch takes 6 s on the run's clock: the deadline (10 s) passes after two."""
    issuer = Issuer.did_key()
    entries = [{**entry(0), "statusListCredential": f"https://h{i}.example/list"} for i in range(6)]
    fetcher = CountingFetcher(tick=6.0)
    budget = Budget(Limits(deadline_seconds=10), clock=lambda: fetcher.clock)
    report = verify_credential(
        with_entries(issuer, now, entries), now=now, fetcher=fetcher, budget=budget
    )
    assert len(fetcher.urls) == 2
    assert codes(report)[-1] == "verification_deadline_exceeded"
    assert "10" in report.failures[-1].message("tr")


def test_a_status_list_verification_shares_the_credential_budget(now: datetime) -> None:
    """The list is signed by a did:web key: fetching that DID counts too."""
    issuer = Issuer.did_web()
    online = {did_web_to_url(issuer.did): issuer.documents[issuer.did]}
    fetcher = CountingFetcher({**online, STATUS_URL: status_list(issuer, now)})
    credential = with_entries(issuer, now, [entry(0)])
    report = verify_credential(
        credential, now=now, fetcher=fetcher, budget=Budget(Limits(max_fetches=1))
    )
    assert codes(report) == ["fetch_budget_exceeded"]  # the DID was the one fetch allowed
    assert len(fetcher.urls) == 1
    enough = CountingFetcher(fetcher.documents)
    assert verify_credential(credential, now=now, fetcher=enough).verified
    assert len(enough.urls) == 2  # the DID once (the resolver's cache), then the list


def test_a_list_that_inflates_past_the_limit_is_refused_once(
    now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    issuer = Issuer.did_key()
    bomb = "u" + b64url_encode(gzip.compress(bytes(MAX_DECODED_BYTES + 1), mtime=0))
    document = status_list_credential(
        id=STATUS_URL, issuer=issuer.did, purpose="revocation", encoded_list=bomb,
        valid_from=format_datetime(now - timedelta(days=1)),
    )  # fmt: skip
    listed = issue_credential(document, key=issuer.key, verification_method=issuer.method, now=now)
    inflated: list[int] = []
    real = status_module._inflate

    def counted(compressed: bytes) -> bytes:
        inflated.append(len(compressed))
        return real(compressed)

    monkeypatch.setattr(status_module, "_inflate", counted)
    credential = with_entries(issuer, now, [entry(i) for i in range(8)])
    report = verify_credential(credential, now=now, fetcher=CountingFetcher({STATUS_URL: listed}))
    assert codes(report) == ["status_list_too_large"] * 8
    assert len(inflated) == 1
