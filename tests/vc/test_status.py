"""Bitstring Status List: bit order, encoding, hostile lists and reading an entry."""

from __future__ import annotations

import base64
import gzip
import random
from typing import Any

import pytest

from microcred.vc.contexts import VC_V2
from microcred.vc.errors import StatusListError
from microcred.vc.status import (
    MAX_DECODED_BYTES,
    MIN_ENTRIES,
    BitstringStatusList,
    read_status,
    status_entry,
    status_list_credential,
)

LIST_URL = "https://issuer.example/status/1"
#: Bitstring Status List v1.0, examples 3 and 5: an empty list of 131,072 entries.
SPEC_EMPTY_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def _raw(encoded: str) -> bytes:
    """Decode with the standard library alone: an independent check of the wire format."""
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _b64(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).decode().rstrip("=")


def _encoded(raw: bytes) -> str:
    return _b64(gzip.compress(raw))


def _code(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(StatusListError) as caught:
        call(*args, **kwargs)
    return caught.value.code


# --- the bitstring --------------------------------------------------------------------


def test_index_zero_is_the_leftmost_bit_of_the_first_byte() -> None:
    bits = BitstringStatusList()
    bits.set(0, 1)
    bits.set(7, 1)
    bits.set(9, 1)
    raw = _raw(bits.encode())
    assert len(raw) == MIN_ENTRIES // 8
    assert raw[:2] == bytes([0x81, 0x40])
    assert not any(raw[2:])
    assert [bits.get(i) for i in range(11)] == [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]


def test_the_spec_example_decodes_to_an_empty_minimum_list() -> None:
    bits = BitstringStatusList.decode(SPEC_EMPTY_LIST)
    assert len(bits) == MIN_ENTRIES
    assert _raw(bits.encode()) == bytes(MIN_ENTRIES // 8)


@pytest.mark.parametrize("size", [MIN_ENTRIES, 1_000_000])
def test_round_trip_keeps_every_bit(size: int) -> None:
    chosen = random.Random(size).sample(range(size), 500)
    bits = BitstringStatusList(size)
    for index in chosen:
        bits.set(index, 1)
    bits.set(chosen[0], 0)
    decoded = BitstringStatusList.decode(bits.encode())
    assert len(decoded) == size
    ones = {i for i in range(size) if decoded.get(i)}
    assert ones == set(chosen[1:])


def test_encoding_is_deterministic() -> None:
    assert BitstringStatusList().encode() == BitstringStatusList().encode()


def test_multi_bit_entries_are_stored_most_significant_bit_first() -> None:
    bits = BitstringStatusList(status_size=2)
    bits.set(1, 0b10)
    bits.set(3, 0b11)
    assert [bits.get(i) for i in range(5)] == [0, 2, 0, 3, 0]
    assert _raw(bits.encode())[0] == 0b0010_0011
    bits.set(3, 0b01)
    assert bits.get(3) == 1
    decoded = BitstringStatusList.decode(bits.encode(), status_size=2)
    assert [decoded.get(i) for i in range(5)] == [0, 2, 0, 1, 0]


def test_bad_indices_and_values_are_refused() -> None:
    bits = BitstringStatusList()
    with pytest.raises(IndexError):
        bits.set(MIN_ENTRIES, 1)
    with pytest.raises(IndexError):
        bits.get(-1)
    with pytest.raises(ValueError, match=r"0\.\.1"):
        bits.set(0, 2)


def test_lists_below_the_herd_privacy_minimum_are_refused() -> None:
    assert _code(BitstringStatusList, MIN_ENTRIES - 8) == "status_list_too_short"
    short = _encoded(bytes(MIN_ENTRIES // 8 - 1))
    assert _code(BitstringStatusList.decode, short) == "status_list_too_short"
    assert _code(BitstringStatusList.decode, SPEC_EMPTY_LIST, status_size=2) == (
        "status_list_too_short"
    )


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = _encoded(bytes(MAX_DECODED_BYTES + 1))
    assert len(bomb) < 100_000  # ~17 KB on the wire
    assert _code(BitstringStatusList.decode, bomb) == "status_list_too_large"


@pytest.mark.parametrize(
    "encoded",
    [
        SPEC_EMPTY_LIST[1:],
        "z" + SPEC_EMPTY_LIST[1:],
        _b64(b"not gzip"),
        _b64(gzip.compress(bytes(MIN_ENTRIES // 8))[:-6]),
        _b64(gzip.compress(bytes(MIN_ENTRIES // 8)) + b"junk"),
        SPEC_EMPTY_LIST + "=",
    ],
    ids=["no-prefix", "base58", "not-gzip", "truncated", "trailing-data", "padded"],
)
def test_malformed_encoded_lists_are_refused(encoded: str) -> None:
    assert _code(BitstringStatusList.decode, encoded) == "status_list_invalid"


# --- documents ------------------------------------------------------------------------


def _list(purpose: str = "revocation", bits: BitstringStatusList | None = None) -> dict[str, Any]:
    return status_list_credential(
        id=LIST_URL,
        issuer="did:web:issuer.example",
        purpose=purpose,
        encoded_list=(bits or BitstringStatusList()).encode(),
        valid_from="2026-01-01T00:00:00Z",
    )


def test_status_list_credential_shape() -> None:
    document = status_list_credential(
        id=LIST_URL,
        issuer={"id": "did:web:issuer.example"},
        purpose="suspension",
        encoded_list=SPEC_EMPTY_LIST,
        valid_from="2026-01-01T00:00:00Z",
        valid_until="2027-01-01T00:00:00Z",
    )
    assert document == {
        "@context": [VC_V2],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": "did:web:issuer.example"},
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2027-01-01T00:00:00Z",
        "credentialSubject": {
            "id": LIST_URL + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": "suspension",
            "encodedList": SPEC_EMPTY_LIST,
        },
    }
    assert "validUntil" not in _list()


def test_status_entry_shape() -> None:
    assert status_entry(list_credential=LIST_URL, index=94567, purpose="revocation") == {
        "id": LIST_URL + "#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }
    with pytest.raises(ValueError, match="non-negative"):
        status_entry(list_credential=LIST_URL, index=-1, purpose="revocation")
    assert _code(status_entry, list_credential=LIST_URL, index=1, purpose="expiry") == (
        "status_purpose_unsupported"
    )


# --- reading an entry -----------------------------------------------------------------


def test_read_status_returns_the_entry_bit() -> None:
    bits = BitstringStatusList()
    bits.set(94567, 1)
    listed = _list(bits=bits)
    revoked = status_entry(list_credential=LIST_URL, index=94567, purpose="revocation")
    active = status_entry(list_credential=LIST_URL, index=94568, purpose="revocation")
    assert read_status(revoked, listed) == 1
    assert read_status(active, listed) == 0


def test_purpose_mismatch_is_refused() -> None:
    entry = status_entry(list_credential=LIST_URL, index=3, purpose="suspension")
    assert _code(read_status, entry, _list("revocation")) == "status_purpose_mismatch"


def test_index_beyond_the_list_is_out_of_range() -> None:
    entry = status_entry(list_credential=LIST_URL, index=MIN_ENTRIES, purpose="revocation")
    assert _code(read_status, entry, _list()) == "status_index_out_of_range"


def test_a_different_list_than_the_entry_names_is_refused() -> None:
    entry = status_entry(list_credential=LIST_URL + "-other", index=3, purpose="revocation")
    assert _code(read_status, entry, _list()) == "status_list_id_mismatch"


@pytest.mark.parametrize(
    "change",
    [
        {"type": "StatusList2021Entry"},
        {"statusListIndex": 3},
        {"statusListIndex": "-3"},
        {"statusListIndex": "03"},
        {"statusListIndex": "3.0"},
        {"statusListCredential": None},
        {"statusPurpose": None},
        {"statusSize": 2},
        {"statusSize": True},
    ],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_malformed_entries_are_refused(change: dict[str, Any]) -> None:
    entry = {**status_entry(list_credential=LIST_URL, index=3, purpose="revocation"), **change}
    assert _code(read_status, entry, _list()) == "status_entry_invalid"


def test_unknown_purposes_are_refused_clearly() -> None:
    entry = {**status_entry(list_credential=LIST_URL, index=3, purpose="revocation")}
    entry["statusPurpose"] = "expiry"
    assert _code(read_status, entry, _list()) == "status_purpose_unsupported"


def test_malformed_lists_are_refused() -> None:
    entry = status_entry(list_credential=LIST_URL, index=3, purpose="revocation")
    not_a_list = {**_list(), "type": ["VerifiableCredential"]}
    assert _code(read_status, entry, not_a_list) == "status_list_invalid"
    no_encoded = _list()
    del no_encoded["credentialSubject"]["encodedList"]
    assert _code(read_status, entry, no_encoded) == "status_list_invalid"


def test_refresh_and_message_purposes_can_be_read() -> None:
    refresh = _list()
    refresh["credentialSubject"]["statusPurpose"] = "refresh"
    entry = {**status_entry(list_credential=LIST_URL, index=3, purpose="revocation")}
    assert read_status({**entry, "statusPurpose": "refresh"}, refresh) == 0

    bits = BitstringStatusList(status_size=2)
    bits.set(3, 2)
    message = _list(bits=bits)
    message["credentialSubject"]["statusPurpose"] = "message"
    messages = [{"status": f"0x{i}", "message": f"m{i}"} for i in range(4)]
    entry = {**entry, "statusPurpose": "message", "statusSize": 2, "statusMessage": messages}
    assert read_status(entry, message) == 2
    assert _code(read_status, {**entry, "statusMessage": messages[:3]}, message) == (
        "status_entry_invalid"
    )


def test_a_list_may_declare_several_purposes() -> None:
    listed = _list()
    listed["credentialSubject"]["statusPurpose"] = ["revocation", "suspension"]
    entry = status_entry(list_credential=LIST_URL, index=3, purpose="suspension")
    assert read_status(entry, listed) == 0
