"""The CLR export: schema-valid, complete, unsigned, with only derivable associations."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from microcred.vc import Ed25519KeyPair, SchemaError, did_key_for
from microcred.vc.openbadges import ClrCredential, validate_credential
from microcred.wallet.documents.clr import build_clr

from .conftest import NOW, turkish_credential

HOLDER = did_key_for(Ed25519KeyPair.from_private_bytes(bytes(range(32))).public)
PROFILE = {"id": HOLDER, "type": ["Profile"], "name": "Ayşe Yılmaz"}
PROGRAMME = "https://mc.example.edu.tr/programmes/digital-education"


def programme_credential() -> dict[str, Any]:
    """A second credential whose achievement is the programme the first one stacks into."""
    credential = turkish_credential()
    credential["id"] = "urn:uuid:9f8e7d6c-5b4a-4321-8fed-cba987654321"
    achievement = credential["credentialSubject"]["achievement"]
    achievement["id"] = PROGRAMME
    achievement["name"] = "Dijital Eğitim Programı"
    for key in ("stackableTowards", "integration"):
        achievement.pop(key, None)
    return credential


def build(credentials: list[dict[str, Any]], name: str | None = "Ayşe Yılmaz") -> dict[str, Any]:
    return build_clr(
        credentials, learner_name=name, holder_did=HOLDER, now=NOW, issuer_profile=PROFILE
    )


def test_schema_valid_and_complete(signed: dict[str, Any]) -> None:
    inputs = [signed, turkish_credential()]
    clr = build(inputs)
    assert validate_credential(clr) == []
    assert ClrCredential.from_jsonld(clr).credential_subject.verifiable_credential
    assert clr["credentialSubject"]["verifiableCredential"] == inputs
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    ]
    assert "proof" not in clr
    assert clr["validFrom"] == "2026-07-01T12:00:00Z"
    assert clr["issuer"] == PROFILE


def test_embedded_credentials_keep_their_proofs(signed: dict[str, Any]) -> None:
    original = copy.deepcopy(signed)
    clr = build([signed])
    assert clr["credentialSubject"]["verifiableCredential"][0]["proof"] == original["proof"]
    assert signed == original  # the input is not modified


def test_learner_name_only_when_given(signed: dict[str, Any]) -> None:
    named = build([signed])["credentialSubject"]
    assert named["identifier"] == [
        {"type": "IdentityObject", "identityType": "name", "hashed": False,
         "identityHash": "Ayşe Yılmaz"}
    ]  # fmt: skip
    assert named["id"] == HOLDER
    assert "identifier" not in build([signed], name=None)["credentialSubject"]


def test_stacking_inside_the_record_becomes_an_association() -> None:
    first = turkish_credential()
    clr = build([first, programme_credential()])
    assert validate_credential(clr) == []
    assert clr["credentialSubject"]["association"] == [
        {
            "type": "Association",
            "associationType": "isPartOf",
            "sourceId": first["credentialSubject"]["achievement"]["id"],
            "targetId": PROGRAMME,
        }
    ]


def test_stacking_outside_the_record_is_not_invented() -> None:
    assert "association" not in build([turkish_credential()])["credentialSubject"]


def test_same_inputs_same_id_other_inputs_other_id(signed: dict[str, Any]) -> None:
    assert build([signed])["id"] == build([signed])["id"]
    assert build([signed])["id"] != build([signed, turkish_credential()])["id"]


def test_a_credential_the_schema_refuses_is_an_error(signed: dict[str, Any]) -> None:
    broken = {k: v for k, v in signed.items() if k != "issuer"}
    with pytest.raises(SchemaError):
        build([broken])


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="at least one"):
        build([])
    with pytest.raises(ValueError, match="'id'"):
        build_clr([turkish_credential()], learner_name=None, holder_did=HOLDER, now=NOW,
                  issuer_profile={"name": "nobody"})  # fmt: skip
