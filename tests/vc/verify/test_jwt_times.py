"""vc+jwt ``exp`` and ``nbf`` are enforced, with the clock skew (issue 12, finding 7)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from microcred.vc.verify import VerificationReport, verify_credential

from ..factories import Issuer
from ..jwt_raw import plain_credential, token_over


def verify_with(now: datetime, **claims: Any) -> VerificationReport:
    issuer = Issuer.did_key()
    text = json.dumps(plain_credential(issuer, now - timedelta(days=2), **claims))
    return verify_credential(token_over(issuer, text), now=now)


def codes(report: VerificationReport) -> list[str]:
    return [c.code for c in report.failures]


def test_an_expired_jwt_fails(now: datetime) -> None:
    report = verify_with(now, exp=int(now.timestamp()) - 3600)
    assert codes(report) == ["jwt_expired"]
    assert "2026-06-01T11:00:00Z" in report.failures[0].message("en")
    assert "exp" in report.failures[0].message("tr")


def test_a_jwt_not_yet_valid_fails(now: datetime) -> None:
    report = verify_with(now, nbf=int(now.timestamp()) + 3600)
    assert codes(report) == ["jwt_not_yet_valid"]


@pytest.mark.parametrize("shift", [-240, 240])
def test_the_clock_skew_applies(now: datetime, shift: int) -> None:
    """Four minutes either side is within the default five-minute skew."""
    moment = int(now.timestamp()) + shift
    report = verify_with(now, exp=moment, nbf=moment)
    assert report.verified, codes(report)
    check = report.find("jwt_validity")
    assert check is not None
    assert check.code == "jwt_times_ok"


@pytest.mark.parametrize("claim", ["exp", "nbf"])
@pytest.mark.parametrize("value", ["1700000000", True, None, [1]])
def test_a_claim_that_is_not_a_numeric_date(now: datetime, claim: str, value: object) -> None:
    report = verify_with(now, **{claim: value})
    assert codes(report) == ["jwt_claim_invalid"]
    assert claim in report.failures[0].message("en")


def test_an_absurdly_distant_exp_is_compared_not_converted(now: datetime) -> None:
    assert verify_with(now, exp=1e300).verified  # no OverflowError: far in the future
    report = verify_with(now, nbf=1e300)
    assert codes(report) == ["jwt_not_yet_valid"]
    assert "1e+300" in report.failures[0].message("en")


def test_a_jwt_without_the_claims_is_checked_by_its_own_dates(now: datetime) -> None:
    report = verify_with(now)
    assert report.verified
    check = report.find("jwt_validity")
    assert check is not None
    assert check.code == "jwt_times_absent"
