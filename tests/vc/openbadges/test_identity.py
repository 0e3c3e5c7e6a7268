"""IdentityObject hashing: the spec's worked example, normalisation, and matching."""

from __future__ import annotations

import hashlib

import pytest

from microcred.vc.openbadges import (
    IdentityObject,
    identity_hash,
    identity_matches,
    identity_object,
    normalise_email,
)

# The OB 3.0 IdentityHash definition: sha256 of 'a@example.com' salted with 'Kosher'.
SPEC_EXAMPLE = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"


def test_spec_example() -> None:
    assert identity_hash("a@example.com", "Kosher") == SPEC_EXAMPLE


def test_hash_is_of_the_normalised_address() -> None:
    assert identity_hash("  A@Example.COM\n", "Kosher") == SPEC_EXAMPLE
    assert normalise_email(" Ayşe@Örnek.TR ") == "ayşe@örnek.tr"


def test_unicode_forms_hash_alike() -> None:
    composed, decomposed = "\u00e7@example.org", "c\u0327@example.org"
    assert identity_hash(composed, "s") == identity_hash(decomposed, "s")


def test_identity_object_shape() -> None:
    obj = identity_object("ada@example.org", salt="pepper")
    assert obj.to_jsonld() == {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": identity_hash("ada@example.org", "pepper"),
        "identityType": "emailAddress",
        "salt": "pepper",
    }


def test_random_salts_differ_and_are_long() -> None:
    first, second = identity_object("ada@example.org"), identity_object("ada@example.org")
    assert first.salt is not None
    assert second.salt is not None
    assert first.salt != second.salt
    assert len(first.salt) >= 32
    assert first.identity_hash != second.identity_hash


def test_matching() -> None:
    obj = identity_object("Ada@Example.org")
    assert identity_matches(obj, "ada@example.org")
    assert identity_matches(obj, " ADA@EXAMPLE.ORG ")
    assert not identity_matches(obj, "eve@example.org")


def test_matches_foreign_hashes_uppercase_md5_and_unnormalised() -> None:
    upper = IdentityObject(
        hashed=True, identity_hash=SPEC_EXAMPLE.upper().replace("SHA256", "sha256"),
        identity_type="emailAddress", salt="Kosher",
    )  # fmt: skip
    assert identity_matches(upper, "a@example.com")
    md5 = hashlib.md5(b"a@example.comKosher", usedforsecurity=False).hexdigest()
    legacy = IdentityObject(
        hashed=True, identity_hash=f"md5${md5}", identity_type="emailAddress", salt="Kosher"
    )
    assert identity_matches(legacy, "a@example.com")
    raw = hashlib.sha256(b"Mixed@Case.org").hexdigest()  # an issuer that did not normalise
    unsalted = IdentityObject(
        hashed=True, identity_hash=f"sha256${raw}", identity_type="emailAddress"
    )
    assert identity_matches(unsalted, "Mixed@Case.org")
    assert not identity_matches(unsalted, "mixed@case.org")


def test_plain_identity_and_other_types() -> None:
    plain = IdentityObject(
        hashed=False, identity_hash="Ada@example.org", identity_type="emailAddress"
    )
    assert identity_matches(plain, "ada@example.org")
    assert not identity_matches(plain, "bob@example.org")
    student = IdentityObject(
        hashed=False, identity_hash="ada@example.org", identity_type="sisSourcedId"
    )
    assert not identity_matches(student, "ada@example.org")


@pytest.mark.parametrize("stored", ["sha512$abcd", "nohash", "$abc"])
def test_unknown_algorithms_never_match(stored: str) -> None:
    obj = IdentityObject(hashed=True, identity_hash=stored, identity_type="emailAddress", salt="")
    assert not identity_matches(obj, "a@example.com")


def test_email_must_be_text() -> None:
    with pytest.raises(TypeError):
        identity_hash(b"a@example.com", "s")  # type: ignore[arg-type]
