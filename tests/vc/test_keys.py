"""Ed25519 keys, Multikey/JWK encodings and the multibase layer under them.

The published vectors (W3C vc-di-eddsa, 1EdTech OB 3.0) pin the encodings and prove
that signing the published hash data reproduces the published signatures byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.vc.errors import KeyFormatError
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.multibase import (
    b58decode,
    b58encode,
    b64url_decode,
    b64url_encode,
    decode_multibase,
    decode_varint,
    encode_multibase,
    encode_varint,
    split_multicodec,
)

from .conftest import VECTORS, load_vector

W3C = load_vector("w3c-vc-di-eddsa/keyPair.json")
OB = load_vector("1edtech-ob30/keypair.json")
RDFC = VECTORS / "w3c-vc-di-eddsa/eddsa-rdfc-2022"
#: A P-256 public key in Multikey form: the W3C "employ" vector's issuer did:key.
EMPLOY = load_vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json")
P256_MULTIKEY = EMPLOY["issuer"]["id"].removeprefix("did:key:")


# --- multibase ------------------------------------------------------------------------


def test_base58_matches_the_draft_rfc_examples() -> None:
    assert b58encode(b"Hello World!") == "2NEpo7TZRRrLZSi2U"
    assert b58encode(bytes.fromhex("0000287fb4cd")) == "11233QC4"
    assert b58decode("11233QC4") == bytes.fromhex("0000287fb4cd")
    assert b58encode(b"") == ""
    assert b58decode("") == b""


@given(st.binary(max_size=80))
def test_base58_round_trips_any_bytes(data: bytes) -> None:
    assert b58decode(b58encode(data)) == data


@given(st.binary(max_size=80))
def test_multibase_round_trips_both_bases(data: bytes) -> None:
    for base in ("z", "u"):
        encoded = encode_multibase(data, base)
        assert encoded[0] == base
        assert decode_multibase(encoded) == data


@pytest.mark.parametrize(
    "value",
    ["z0OIl", "z 6Mk", "u====", "uQQ==", "uQR", "uA", "", "z" + "2" * 5000],
    ids=[
        "b58-excluded-chars",
        "b58-space",
        "b64-padding-only",
        "b64-padded",
        "b64-stray-bits",
        "b64-impossible-length",
        "empty",
        "b58-too-long",
    ],
)
def test_malformed_multibase_is_refused(value: str) -> None:
    with pytest.raises(KeyFormatError) as caught:
        decode_multibase(value)
    assert caught.value.code == "multibase_invalid"


def test_other_multibase_prefixes_are_unsupported() -> None:
    with pytest.raises(KeyFormatError) as caught:
        decode_multibase("mAQID")
    assert caught.value.code == "multibase_unsupported"


def test_base64url_is_unpadded_and_canonical() -> None:
    assert b64url_encode(b"A") == "QQ"
    assert b64url_decode("QQ") == b"A"
    assert b64url_decode("-_8") == b"\xfb\xff"


def test_varints_are_minimal_leb128() -> None:
    assert encode_varint(0xED) == b"\xed\x01"
    assert encode_varint(0x1300) == b"\x80\x26"
    assert encode_varint(0x1200) == b"\x80\x24"
    assert decode_varint(b"\x80\x26rest") == (0x1300, 2)
    assert split_multicodec(b"\xed\x01abc") == (0xED, b"abc")
    for bad in (b"\x80", b"\xed\x00", b"", b"\xff" * 12):
        with pytest.raises(KeyFormatError):
            decode_varint(bad)


# --- the published key pairs ----------------------------------------------------------


def test_w3c_key_pair_round_trips_through_every_encoding() -> None:
    pair = Ed25519KeyPair.from_secret_multikey(W3C["privateKeyMultibase"])
    assert pair.secret_multikey == W3C["privateKeyMultibase"]
    assert pair.public.multikey == W3C["publicKeyMultibase"]
    assert W3C["publicKeyMultibase"].startswith("z6Mk")
    assert W3C["privateKeyMultibase"].startswith("z3u2")
    public = Ed25519PublicKey.from_multikey(W3C["publicKeyMultibase"])
    assert public == pair.public
    assert Ed25519PublicKey.from_jwk(public.to_jwk()) == public
    assert Ed25519PublicKey(public.raw).multikey == W3C["publicKeyMultibase"]
    assert Ed25519KeyPair.from_jwk(pair.private_jwk()) == pair
    assert Ed25519KeyPair.from_private_bytes(b58decode(pair.secret_multikey[1:])[2:]) == pair


def test_1edtech_key_pair_matches_its_hex_and_multikey() -> None:
    pair = Ed25519KeyPair.from_private_bytes(bytes.fromhex(OB["privateKeyHex"])[:32])
    assert pair.public.raw.hex() == OB["publicKeyHex"]
    assert pair.public.multikey == OB["publicKeyMultibase"]
    jwk = pair.public.to_jwk()
    assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519")
    assert b64url_decode(jwk["x"]).hex() == OB["publicKeyHex"]


def test_signing_the_1edtech_hash_data_reproduces_its_signature() -> None:
    pair = Ed25519KeyPair.from_private_bytes(bytes.fromhex(OB["privateKeyHex"])[:32])
    data = bytes.fromhex(OB["proofHashHex"] + OB["documentHashHex"])
    signature = pair.sign(data)
    assert signature.hex() == OB["signatureHex"]
    assert encode_multibase(signature, "z") == OB["proofValue"]
    assert pair.public.verify(signature, data)


def test_signing_the_w3c_hash_data_reproduces_its_signature() -> None:
    pair = Ed25519KeyPair.from_secret_multikey(W3C["privateKeyMultibase"])
    proof_hash = hashlib.sha256((RDFC / "proofCanonDataInt.txt").read_bytes()).digest()
    doc_hash = hashlib.sha256((RDFC / "canonDocDataInt.txt").read_bytes()).digest()
    signature = pair.sign(proof_hash + doc_hash)
    assert signature.hex() == (RDFC / "sigHexDataInt.txt").read_text().strip()
    signed = load_vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")
    assert decode_multibase(signed["proof"]["proofValue"]) == signature


# --- verification never raises --------------------------------------------------------


def test_verify_answers_false_for_bad_signatures() -> None:
    pair = Ed25519KeyPair.generate()
    signature = pair.sign(b"message")
    assert pair.public.verify(signature, b"message")
    tampered = bytes([signature[0] ^ 1]) + signature[1:]
    assert not pair.public.verify(tampered, b"message")
    assert not pair.public.verify(signature, b"messagE")
    assert not pair.public.verify(signature[:63], b"message")
    assert not pair.public.verify(b"", b"message")
    assert not Ed25519KeyPair.generate().public.verify(signature, b"message")


# --- malformed keys get precise codes -------------------------------------------------


def _code(call: object, *args: object) -> str:
    with pytest.raises(KeyFormatError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.code


def test_malformed_multikeys_have_precise_codes() -> None:
    short = encode_multibase(b"\xed\x01" + bytes(31), "z")
    assert _code(Ed25519PublicKey.from_multikey, P256_MULTIKEY) == "key_type_unsupported"
    assert _code(Ed25519PublicKey.from_multikey, short) == "key_length_invalid"
    assert _code(Ed25519PublicKey.from_multikey, "u7QE") == "multibase_invalid"
    assert _code(Ed25519PublicKey.from_multikey, "z6Mk0") == "multibase_invalid"
    assert _code(Ed25519PublicKey.from_multikey, W3C["privateKeyMultibase"]) == (
        "key_type_unsupported"
    )
    assert _code(Ed25519KeyPair.from_secret_multikey, W3C["publicKeyMultibase"]) == (
        "key_type_unsupported"
    )
    assert _code(Ed25519KeyPair.from_private_bytes, bytes(31)) == "key_length_invalid"
    assert _code(Ed25519PublicKey, bytes(33)) == "key_length_invalid"


def test_malformed_jwks_have_precise_codes() -> None:
    pair = Ed25519KeyPair.generate()
    jwk = pair.public.to_jwk()
    assert _code(Ed25519PublicKey.from_jwk, {**jwk, "crv": "X25519"}) == "key_type_unsupported"
    assert _code(Ed25519PublicKey.from_jwk, {**jwk, "kty": "EC"}) == "key_type_unsupported"
    assert _code(Ed25519PublicKey.from_jwk, {**jwk, "x": "AAAA"}) == "key_length_invalid"
    assert _code(Ed25519PublicKey.from_jwk, {**jwk, "x": jwk["x"] + "="}) == "multibase_invalid"
    assert _code(Ed25519PublicKey.from_jwk, {"kty": "OKP", "crv": "Ed25519"}) == "jwk_invalid"
    assert _code(Ed25519PublicKey.from_jwk, pair.private_jwk()) == "jwk_private_key_exposed"
    other = Ed25519KeyPair.generate().public.to_jwk()["x"]
    assert _code(Ed25519KeyPair.from_jwk, {**pair.private_jwk(), "x": other}) == "key_mismatch"
    assert _code(Ed25519KeyPair.from_jwk, jwk) == "jwk_invalid"


# --- secrets stay secret; key files ---------------------------------------------------


def test_repr_and_str_never_show_the_secret() -> None:
    pair = Ed25519KeyPair.generate()
    seed = b58decode(pair.secret_multikey[1:])[2:]
    shown = [repr(pair), str(pair), f"{pair}", repr([pair]), repr({"key": pair})]
    for text in shown:
        assert pair.public.multikey in text
        for secret in (pair.secret_multikey, seed.hex(), pair.private_jwk()["d"]):
            assert secret not in text


def test_key_file_round_trip() -> None:
    pair = Ed25519KeyPair.generate()
    data = pair.to_file_json(id="did:example:1#key-1")
    assert (data["type"], data["id"]) == ("Multikey", "did:example:1#key-1")
    assert data["publicKeyMultibase"] == pair.public.multikey
    assert Ed25519KeyPair.from_file_json(data) == pair
    assert "id" not in pair.to_file_json()


def test_key_file_problems_are_refused() -> None:
    data = Ed25519KeyPair.generate().to_file_json()
    wrong_public = {**data, "publicKeyMultibase": Ed25519KeyPair.generate().public.multikey}
    assert _code(Ed25519KeyPair.from_file_json, wrong_public) == "key_mismatch"
    assert _code(Ed25519KeyPair.from_file_json, {**data, "type": "JsonWebKey"}) == (
        "key_file_invalid"
    )
    no_secret = {k: v for k, v in data.items() if k != "secretKeyMultibase"}
    assert _code(Ed25519KeyPair.from_file_json, no_secret) == "key_file_invalid"
    assert _code(Ed25519KeyPair.from_file_json, ["not", "an", "object"]) == "key_file_invalid"


def test_public_keys_are_frozen_values() -> None:
    public = Ed25519KeyPair.generate().public
    same = Ed25519PublicKey(bytes(public.raw))
    assert public == same
    assert hash(public) == hash(same)
    assert len({public, same}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        public.raw = bytes(32)  # type: ignore[misc]
    assert Ed25519KeyPair.generate() != Ed25519KeyPair.generate()


def test_a_decoded_public_key_is_remembered_and_a_bad_one_refused_every_time() -> None:
    value = W3C["publicKeyMultibase"]
    first = Ed25519PublicKey.from_multikey(value)
    assert Ed25519PublicKey.from_multikey(value) is first  # decoded once
    assert first.verify(b"\0" * 64, b"message") is False  # a real, usable key object
    for _ in range(2):
        assert _code(Ed25519PublicKey.from_multikey, P256_MULTIKEY) == "key_type_unsupported"
