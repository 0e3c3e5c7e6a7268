"""Hostile input: every attack gets a failing report with a precise code, never an exception."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import pytest

from microcred.vc.verify import VerificationReport, verify_credential

from ..factories import Issuer, signed


def codes(report: VerificationReport) -> list[str]:
    return [c.code for c in report.failures]


def b64(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


@pytest.fixture
def good(now: datetime) -> dict[str, Any]:
    credential = signed(Issuer.did_key(), now)
    assert isinstance(credential, dict)
    return credential


def test_deeply_nested_json_is_refused_before_parsing(now: datetime) -> None:
    report = verify_credential("[" * 100_000 + "]" * 100_000, now=now)
    assert codes(report) == ["json_too_deep"]


def test_huge_json_is_refused(now: datetime) -> None:
    report = verify_credential(b'{"a": "' + b"x" * (2 << 20) + b'"}', now=now)
    assert codes(report) == ["json_too_large"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "json_malformed"),
        ('{"a": 1, "a": 2}', "json_duplicate_key"),
        ('{"a": NaN}', "json_number_invalid"),
        ("[1, 2]", "json_not_object"),
        ("", "json_malformed"),
    ],
)
def test_malformed_json(now: datetime, text: str, code: str) -> None:
    assert codes(verify_credential(text, now=now)) == [code]


def test_invalid_utf8(now: datetime) -> None:
    assert codes(verify_credential(b'{"a": "\xff"}', now=now)) == ["json_malformed"]


def test_remote_context_is_never_fetched(now: datetime, good: dict[str, Any]) -> None:
    good["@context"] = [*good["@context"], "https://evil.example/context.jsonld"]
    report = verify_credential(good, now=now)
    assert "context_not_pinned" in codes(report)
    assert "evil.example" in report.failures[0].message("en")


def test_inline_context_cannot_redefine_a_protected_term(
    now: datetime, good: dict[str, Any]
) -> None:
    """Decision 0008: inline contexts are processed, but a protected term stays protected."""
    good["@context"] = [*good["@context"], {"name": "https://evil.example/name"}]
    assert "jsonld_protected_term_redefinition" in codes(verify_credential(good, now=now))


def test_nested_context_injection_is_refused(now: datetime, good: dict[str, Any]) -> None:
    good["credentialSubject"]["@context"] = {"achievement": "https://evil.example/a"}
    assert "context_inline_forbidden" in codes(verify_credential(good, now=now))


def test_context_order_matters(now: datetime, good: dict[str, Any]) -> None:
    good["@context"] = list(reversed(good["@context"]))
    assert "context_order_invalid" in codes(verify_credential(good, now=now))


def test_undefined_term_is_an_error_not_dropped(now: datetime, good: dict[str, Any]) -> None:
    good["credentialSubject"]["favouriteColour"] = "blue"
    report = verify_credential(good, now=now)
    assert "jsonld_undefined_term" in codes(report)
    assert "favouriteColour" in report.find("jsonld").message("en")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "value", ["not-multibase", "z", "zzzzzzzz0OIl", "u" + "A" * 86, "z" + "1" * 20]
)
def test_malformed_proof_value(now: datetime, good: dict[str, Any], value: str) -> None:
    good["proof"]["proofValue"] = value
    assert codes(verify_credential(good, now=now)) == ["proof_malformed"]


def test_unknown_cryptosuite(now: datetime, good: dict[str, Any]) -> None:
    good["proof"]["cryptosuite"] = "ecdsa-rdfc-2019"
    assert codes(verify_credential(good, now=now)) == ["proof_cryptosuite_unsupported"]


def test_missing_proof(now: datetime, good: dict[str, Any]) -> None:
    del good["proof"]
    assert codes(verify_credential(good, now=now)) == ["proof_missing"]


def test_wrong_key_type_verification_method(now: datetime, good: dict[str, Any]) -> None:
    p256 = "did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76"
    good["proof"]["verificationMethod"] = f"{p256}#{p256.removeprefix('did:key:')}"
    report = verify_credential(good, now=now)
    assert codes(report) in (["key_format_invalid"], ["verification_method_unresolvable"])
    assert report.failures[0].check == "verification_method"


def test_x25519_jwk_is_refused(now: datetime, good: dict[str, Any]) -> None:
    did = "https://issuer.example/keys"
    good["issuer"]["id"] = did
    good["proof"]["verificationMethod"] = f"{did}#k"
    document = {
        "id": did,
        "verificationMethod": [
            {
                "id": f"{did}#k",
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": {"kty": "OKP", "crv": "X25519", "x": "A" * 43},
            }
        ],
        "assertionMethod": [f"{did}#k"],
    }
    report = verify_credential(good, now=now, documents={did: document})
    assert report.failures
    assert report.failures[0].check == "verification_method"


@pytest.mark.parametrize("cut", [1, 10, 50])
def test_truncated_jwt(now: datetime, cut: int) -> None:
    token = signed(Issuer.did_key(), now, "jwt")
    report = verify_credential(token[:-cut], now=now)
    assert codes(report)
    assert codes(report)[0] in ("jwt_malformed", "proof_signature_invalid")


def test_jwt_with_two_parts(now: datetime) -> None:
    token = signed(Issuer.did_key(), now, "jwt")
    assert codes(verify_credential(token.rsplit(".", 1)[0], now=now)) == ["jwt_malformed"]


def test_jwt_alg_none_is_refused(now: datetime) -> None:
    token = signed(Issuer.did_key(), now, "jwt")
    _, payload, _ = token.split(".")
    forged = f"{b64({'alg': 'none', 'kid': 'x'})}.{payload}.{'A' * 86}"
    assert codes(verify_credential(forged, now=now)) == ["jwt_malformed"]


def test_verifier_never_raises_on_garbage(now: datetime) -> None:
    garbage_inputs: list[bytes | str] = [
        b"\x00\x01",
        "null",
        '{"@context": 5}',
        '{"proof": []}',
        "a.b.c",
        '{"@context": ["https://www.w3.org/ns/credentials/v2"], "proof": 1}',
    ]
    for garbage in garbage_inputs:
        assert not verify_credential(garbage, now=now).verified


def test_jcs_proof_carries_the_document_context(now: datetime) -> None:
    """vc-di-eddsa §3.3.1: an eddsa-jcs-2022 proof holds @context (Digital Bazaar checks it)."""
    credential = signed(Issuer.did_key(), now, "di-jcs")
    assert credential["proof"]["@context"] == credential["@context"]
    assert verify_credential(credential, now=now).verified


def test_proof_context_that_is_not_a_prefix_is_refused(now: datetime) -> None:
    credential = signed(Issuer.did_key(), now, "di-jcs")
    credential["proof"]["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"]
    assert "context_inline_forbidden" in codes(verify_credential(credential, now=now))


def test_context_nested_inside_a_proof_is_refused(now: datetime, good: dict[str, Any]) -> None:
    good["proof"]["extra"] = {"@context": {"x": "https://evil.example/x"}}
    assert "context_inline_forbidden" in codes(verify_credential(good, now=now))


def test_contains_nul_finds_it_in_keys_and_nested_strings_only() -> None:
    from microcred.vc.verify.parse import contains_nul

    assert contains_nul({"a": [{"b": "x\x00y"}]})
    assert contains_nul({"k\x00": 1})
    assert not contains_nul({"a": ["\\u0000 as text", 0, None, {"b": "ok"}]})
