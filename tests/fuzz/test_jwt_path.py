"""The vc+jwt path: a hostile token is a malformed-token refusal or a failing report."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given

from microcred.vc.errors import JsonInputError, ProofError
from microcred.vc.proofs.jose import decode_jwt
from microcred.vc.verify import verify_credential

from .strategies import FUZZ, jwt_like

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@FUZZ
@given(jwt_like())
def test_decoding_refuses_with_the_documented_errors(token: str) -> None:
    try:
        payload, refusal = decode_jwt(token).payload, None
    except (ProofError, JsonInputError) as exc:
        payload, refusal = None, exc
    if refusal is not None:
        assert refusal.code
    else:
        assert isinstance(payload, dict)


@FUZZ
@given(jwt_like())
def test_verifying_a_hostile_token_ends_in_a_failing_report(token: str) -> None:
    report = verify_credential(token, now=NOW)  # nothing to fetch: no fetcher given
    assert not report.verified
    assert report.failures
    report.to_json("tr")
