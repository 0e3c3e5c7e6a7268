"""The envelope key store: sealing, binding, wrong KEKs, and secrets that never show."""

from __future__ import annotations

import logging
import os
import pickle
import secrets
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from microcred.keystore import (
    DelegatingKeyPair,
    EnvelopeKeyStore,
    KeyRef,
    KeyStore,
    KeyStoreError,
    SecretBytes,
    delegating_signer,
    generate_kek_text,
    parse_kek,
)
from microcred.keystore.kek import DEV_KEK_FILE, KekSource, load_kek
from microcred.vc.did import build_did_web_document, did_web_for
from microcred.vc.issue import issue_credential
from microcred.vc.verify import verify_credential
from tests.organizations.keys_support import leaks, seed_of
from tests.vc.factories import Issuer, unsigned_credential

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def new_store() -> EnvelopeKeyStore:
    return EnvelopeKeyStore.with_kek(parse_kek(generate_kek_text()))


def owner() -> str:
    """A fresh owner id (an organisation's public id, a holder's ``holder-<pk>``)."""
    return f"org-{secrets.token_urlsafe(8)}"


@pytest.fixture
def store() -> EnvelopeKeyStore:
    return new_store()


def test_the_store_satisfies_the_protocol(store: EnvelopeKeyStore) -> None:
    assert isinstance(store, KeyStore)


def test_a_sealed_key_signs_with_its_public_key(store: EnvelopeKeyStore) -> None:
    ref = store.create(owner())
    signature = store.sign(ref, b"hello")
    assert store.public_key(ref).verify(signature, b"hello")
    assert store.public_key(ref).multikey == ref.public_multikey
    with store.signer(ref) as pair:
        assert pair.public.multikey == ref.public_multikey
        assert pair.sign(b"hello") == signature  # Ed25519 is deterministic


def test_every_key_has_its_own_seed_and_data_key(store: EnvelopeKeyStore) -> None:
    first, second = store.create(owner()), store.create(owner())
    assert first.public_multikey != second.public_multikey
    assert first.sealed is not None
    assert second.sealed is not None
    assert first.sealed.wrapped_data_key != second.sealed.wrapped_data_key


def test_sealed_material_holds_no_plaintext(store: EnvelopeKeyStore) -> None:
    ref = store.create(owner())
    assert ref.sealed is not None
    with store.signer(ref) as pair:
        seed = seed_of(pair)
    material = ref.sealed.wrapped_data_key + ref.sealed.sealed_seed
    assert not leaks(material, seed)


def test_another_kek_is_refused_by_name(store: EnvelopeKeyStore) -> None:
    ref = store.create(owner())
    other = new_store()
    with pytest.raises(KeyStoreError) as caught:
        other.sign(ref, b"x")
    assert caught.value.code == "keystore.kek_mismatch"
    assert store.kek_id in str(caught.value)
    assert other.kek_id in str(caught.value)


def test_another_kek_fails_cleanly_even_under_a_forged_kek_id(store: EnvelopeKeyStore) -> None:
    ref = store.create(owner())
    other = new_store()
    assert ref.sealed is not None
    forged = replace(ref, sealed=replace(ref.sealed, kek_id=other.kek_id))
    with pytest.raises(KeyStoreError) as caught:
        other.sign(forged, b"x")
    assert caught.value.code == "keystore.key_unseal_failed"
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_a_sealed_key_moved_to_another_key_id_does_not_open(store: EnvelopeKeyStore) -> None:
    victim, thief = store.create(owner()), store.create(owner())
    moved = KeyRef(thief.key_id, thief.owner_id, victim.public_multikey, victim.sealed)
    with pytest.raises(KeyStoreError) as caught:
        store.sign(moved, b"x")
    assert caught.value.code == "keystore.key_unseal_failed"


def test_a_sealed_key_moved_to_another_organisation_does_not_open(
    store: EnvelopeKeyStore,
) -> None:
    ref = store.create(owner())
    moved = replace(ref, owner_id=owner())
    with pytest.raises(KeyStoreError, match="could not be unsealed"):
        store.sign(moved, b"x")


def test_a_tampered_ciphertext_does_not_open(store: EnvelopeKeyStore) -> None:
    ref = store.create(owner())
    assert ref.sealed is not None
    flipped = bytearray(ref.sealed.sealed_seed)
    flipped[-1] ^= 1
    tampered = replace(ref, sealed=replace(ref.sealed, sealed_seed=bytes(flipped)))
    with pytest.raises(KeyStoreError) as caught:
        store.sign(tampered, b"x")
    assert caught.value.code == "keystore.key_unseal_failed"


def test_a_key_without_sealed_material_belongs_to_another_store(store: EnvelopeKeyStore) -> None:
    ref = replace(store.create(owner()), sealed=None)
    with pytest.raises(KeyStoreError) as caught:
        store.sign(ref, b"x")
    assert caught.value.code == "keystore.mismatch"


def test_nothing_shows_key_material(store: EnvelopeKeyStore) -> None:
    kek_text = generate_kek_text()
    kek = parse_kek(kek_text)
    keyed = EnvelopeKeyStore.with_kek(kek)
    ref = keyed.create(owner())
    assert ref.sealed is not None
    with keyed.signer(ref) as pair:
        seed = seed_of(pair)
        shown = " ".join([repr(pair), str(pair), f"{pair}"])
    shown += " ".join(
        [repr(kek), str(kek), f"{kek}", f"{kek:>10}", repr(keyed), str(keyed), repr(ref)]
    )
    shown += repr(ref.sealed) + str(ref.sealed)
    assert "SecretBytes(<hidden>)" in shown
    for secret in (kek.reveal(), seed, ref.sealed.wrapped_data_key, ref.sealed.sealed_seed):
        assert not leaks(shown.encode(), secret)
    assert kek_text not in shown


def test_secrets_are_not_pickled_nor_hashed() -> None:
    secret = SecretBytes(b"k" * 32)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        hash(secret)
    assert secret == SecretBytes(b"k" * 32)
    assert secret != SecretBytes(b"j" * 32)


def test_nothing_logged_contains_key_material(
    store: EnvelopeKeyStore, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="microcred"):
        ref = store.create(owner())
        store.sign(ref, b"payload")
        with store.signer(ref) as pair:
            seed = seed_of(pair)
            logging.getLogger("microcred.test").debug("signing with %r via %s", pair, store)
    assert ref.sealed is not None
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records).encode()
    assert caplog.records  # the logging above did happen and was captured
    for secret in (seed, ref.sealed.wrapped_data_key, ref.sealed.sealed_seed):
        assert not leaks(logged, secret)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("not base64 !", "base64url"), (generate_kek_text()[:20], "32 bytes"), ("", "32 bytes")],
)
def test_malformed_keks_are_refused_without_echoing_them(text: str, reason: str) -> None:
    with pytest.raises(KeyStoreError, match=reason) as caught:
        parse_kek(text)
    assert caught.value.code == "keystore.kek_malformed"
    if text:
        assert text not in str(caught.value)


def test_kek_from_the_environment(tmp_path: Path) -> None:
    text = generate_kek_text()
    kek = load_kek({"MICROCRED_KEK": text}, debug=False, var_dir=tmp_path)
    assert kek.source is KekSource.ENVIRONMENT
    assert kek.secret == parse_kek(text)
    assert not (tmp_path / DEV_KEK_FILE).exists()


def test_no_kek_outside_development_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KeyStoreError) as caught:
        load_kek({}, debug=False, var_dir=tmp_path)
    assert caught.value.code == "keystore.kek_missing"
    assert not (tmp_path / DEV_KEK_FILE).exists()


def test_development_kek_is_made_once_and_private(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    first = load_kek({}, debug=True, var_dir=var_dir)
    second = load_kek({}, debug=True, var_dir=var_dir)
    path = var_dir / DEV_KEK_FILE
    assert first.source is KekSource.DEVELOPMENT_FILE
    assert first.secret == second.secret
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert first.secret == parse_kek(path.read_text("ascii"))


def test_delegating_key_pair_signs_data_integrity_proofs(store: EnvelopeKeyStore) -> None:
    """A store that never exports keys (KMS, HSM) can still issue Data Integrity proofs."""
    ref = store.create(owner())
    did = did_web_for("issuer.example", "orgs/anadolu-uni")
    document = build_did_web_document(did, [("key-1", store.public_key(ref))])
    issuer = Issuer(key=None, did=did, method=f"{did}#key-1", documents={did: document})  # type: ignore[arg-type]
    with delegating_signer(store, ref) as pair:
        assert isinstance(pair, DelegatingKeyPair)
        signed = issue_credential(
            unsigned_credential(issuer, NOW),
            key=pair,
            verification_method=issuer.method,
            now=NOW,
            documents=issuer.documents,
        )
        with pytest.raises(KeyStoreError) as caught:
            pair.private_jwk()
        assert caught.value.code == "keystore.private_key_not_exportable"
        assert ref.key_id in repr(pair)
    assert verify_credential(signed, now=NOW, documents=issuer.documents).verified
