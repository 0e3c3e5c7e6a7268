"""Canonical forms are remembered only inside an explicit scope (the issuer's sign-then-
self-check), only for the exact same document, and never outside it."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.vc.canon import jsonld
from microcred.vc.canon.memo import remembered_canonical_forms
from microcred.vc.contexts import pinned_loader
from microcred.vc.issue import issue_credential
from microcred.vc.verify import verify_credential
from tests.vc.factories import Issuer, unsigned_credential

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the id of every document turned into RDF (the expensive step)."""
    seen: list[str] = []
    real = jsonld.to_quads

    def counting(document: Any, *, document_loader: Any) -> Any:
        seen.append(str(document.get("id", document.get("type"))))
        return real(document, document_loader=document_loader)

    monkeypatch.setattr(jsonld, "to_quads", counting)
    return seen


def test_issuing_canonicalises_the_credential_once(conversions: list[str]) -> None:
    issuer = Issuer.did_key()
    credential = unsigned_credential(issuer, NOW)
    signed = issue_credential(
        credential, key=issuer.key, verification_method=issuer.method, now=NOW
    )
    assert isinstance(signed, dict)
    assert conversions.count(credential["id"]) == 1  # signed and self-checked from one form
    assert verify_credential(signed, now=NOW).verified


def test_nothing_is_remembered_outside_the_scope(conversions: list[str]) -> None:
    issuer = Issuer.did_key()
    document = unsigned_credential(issuer, NOW)
    loader = pinned_loader()
    jsonld.canonicalize_jsonld(document, document_loader=loader)
    jsonld.canonicalize_jsonld(document, document_loader=loader)
    assert conversions.count(document["id"]) == 2


def test_a_changed_document_is_never_served_a_remembered_form(conversions: list[str]) -> None:
    issuer = Issuer.did_key()
    document = unsigned_credential(issuer, NOW)
    changed = copy.deepcopy(document)
    changed["name"] = "Data Literacy for Teachers "  # one trailing space
    loader = pinned_loader()
    with remembered_canonical_forms():
        first = jsonld.canonicalize_jsonld(document, document_loader=loader)
        again = jsonld.canonicalize_jsonld(copy.deepcopy(document), document_loader=loader)
        other = jsonld.canonicalize_jsonld(changed, document_loader=loader)
    assert first == again
    assert other != first
    assert conversions.count(document["id"]) == 2  # the first and the changed one


def test_a_tampered_credential_still_fails_inside_the_scope() -> None:
    issuer = Issuer.did_key()
    signed = issue_credential(
        unsigned_credential(issuer, NOW),
        key=issuer.key,
        verification_method=issuer.method,
        now=NOW,
    )
    assert isinstance(signed, dict)
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    with remembered_canonical_forms():
        assert verify_credential(signed, now=NOW).verified
        report = verify_credential(tampered, now=NOW)
    assert not report.verified
    assert "proof_signature_invalid" in {c.code for c in report.failures}


def test_an_outer_scope_shares_the_proof_configuration_across_credentials(
    conversions: list[str],
) -> None:
    issuer = Issuer.did_key()
    first = unsigned_credential(issuer, NOW, id="urn:uuid:00000000-0000-4000-8000-000000000001")
    second = unsigned_credential(issuer, NOW, id="urn:uuid:00000000-0000-4000-8000-000000000002")
    for credential in (first, second):  # no outer scope: one configuration per credential
        issue_credential(credential, key=issuer.key, verification_method=issuer.method, now=NOW)
    assert conversions.count("DataIntegrityProof") == 2
    conversions.clear()
    with remembered_canonical_forms():  # a bulk issuer's chunk: the same moment, the same key
        signed = [
            issue_credential(c, key=issuer.key, verification_method=issuer.method, now=NOW)
            for c in (first, second)
        ]
    assert conversions.count("DataIntegrityProof") == 1
    assert conversions.count(first["id"]) == conversions.count(second["id"]) == 1
    assert all(verify_credential(s, now=NOW).verified for s in signed)


def test_equal_in_python_but_not_in_json_is_a_different_document() -> None:
    """1 == 1.0 == True in Python, but they are three different RDF literals."""
    from types import MappingProxyType

    from microcred.vc.canon.memo import memoised

    computed: list[str] = []

    def compute(label: str) -> str:
        computed.append(label)
        return label

    loader = object()
    with remembered_canonical_forms():
        answers = [
            memoised({"n": value}, loader, lambda v=value: compute(repr(v)))  # type: ignore[misc]
            for value in (1, 1.0, True, "1", 1)
        ]
        odd = MappingProxyType({"n": 1})  # not plain JSON data: computed, never remembered
        twice = [memoised(odd, loader, lambda: compute("proxy")) for _ in range(2)]
    assert answers == ["1", "1.0", "True", "'1'", "1"]
    assert computed == ["1", "1.0", "True", "'1'", "proxy", "proxy"]
    assert twice == ["proxy", "proxy"]
