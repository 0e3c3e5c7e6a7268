"""Bitstring Status List v1.0 (W3C Recommendation, 2025): build, encode, read an entry.

The list is a bitstring in which entry *i* occupies ``status_size`` bits starting at bit
``i * status_size``; bit 0 is the left-most (most significant) bit of the first byte.
It travels as ``encodedList`` = ``"u"`` + base64url(GZIP(bitstring)). A list must hold
at least 131,072 entries so that fetching it does not reveal which credential a
verifier is checking (the spec's "herd privacy"); a shorter one is refused both when we
build it and when we read one (``STATUS_LIST_LENGTH_ERROR`` in the spec).

``encodedList`` comes from the network: a few kilobytes of GZIP can inflate to gigabytes,
so decompression stops at :data:`MAX_DECODED_BYTES`.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Mapping, MutableMapping
from typing import Any, TypeAlias

from microcred.vc.contexts import VC_V2
from microcred.vc.errors import KeyFormatError, StatusListError
from microcred.vc.multibase import b64url_decode, b64url_encode

__all__ = [
    "BIT_PURPOSES",
    "ENTRY_TYPE",
    "LIST_CREDENTIAL_TYPE",
    "LIST_TYPE",
    "MAX_DECODED_BYTES",
    "MIN_ENTRIES",
    "BitstringStatusList",
    "DecodedLists",
    "read_status",
    "status_entry",
    "status_list_credential",
]

MIN_ENTRIES = 131_072
MAX_DECODED_BYTES = 16 * 1024 * 1024
MAX_STATUS_SIZE = 8
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
LIST_CREDENTIAL_TYPE = "BitstringStatusListCredential"
#: Purposes we issue; each is one bit per entry (1 = revoked / suspended).
BIT_PURPOSES = ("revocation", "suspension")
#: Purposes we can also read: "refresh" is one bit too; "message" has statusMessage.
READ_PURPOSES = (*BIT_PURPOSES, "refresh", "message")
#: Decoded bitstrings (or why one could not be decoded) by (list URL, statusSize).
DecodedLists: TypeAlias = MutableMapping[tuple[str, int], "BitstringStatusList | StatusListError"]
_INDEX = re.compile(r"(0|[1-9][0-9]{0,15})\Z")


class BitstringStatusList:
    """``size`` entries of ``status_size`` bits each, in a bytearray.

    The bitstring is whole bytes: a size whose bits are not a multiple of 8 is padded,
    and a decoded list reports the padded size.
    """

    __slots__ = ("_bits", "size", "status_size")

    def __init__(self, size: int = MIN_ENTRIES, *, status_size: int = 1) -> None:
        _check_status_size(status_size)
        if size < MIN_ENTRIES:
            raise StatusListError(
                f"a status list needs at least {MIN_ENTRIES} entries (herd privacy), not {size}",
                code="status_list_too_short",
            )
        self.size = size
        self.status_size = status_size
        self._bits = bytearray((size * status_size + 7) // 8)

    def _position(self, index: int) -> int:
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError("a status index is an int")
        if not 0 <= index < self.size:
            raise IndexError(f"status index {index} is outside 0..{self.size - 1}")
        return index * self.status_size

    def get(self, index: int) -> int:
        """The entry's value (0 or 1 for one-bit entries), most significant bit first."""
        start = self._position(index)
        value = 0
        for bit in range(start, start + self.status_size):
            value = (value << 1) | (self._bits[bit >> 3] >> (7 - (bit & 7))) & 1
        return value

    def set(self, index: int, value: int) -> None:
        """Set entry ``index`` to ``value`` (0 or 1 for one-bit entries)."""
        start = self._position(index)
        if not isinstance(value, int) or not 0 <= value < (1 << self.status_size):
            raise ValueError(f"a {self.status_size}-bit status is 0..{(1 << self.status_size) - 1}")
        for offset in range(self.status_size):
            bit = start + offset
            mask = 0x80 >> (bit & 7)
            if (value >> (self.status_size - 1 - offset)) & 1:
                self._bits[bit >> 3] |= mask
            else:
                self._bits[bit >> 3] &= ~mask & 0xFF

    def encode(self) -> str:
        """``u`` + base64url(GZIP(bitstring)); mtime 0 so equal lists encode equally."""
        return "u" + b64url_encode(gzip.compress(bytes(self._bits), mtime=0))

    @classmethod
    def decode(cls, encoded: str, *, status_size: int = 1) -> BitstringStatusList:
        """Parse an ``encodedList``; too short, too large or malformed lists are refused."""
        _check_status_size(status_size)
        raw = _inflate(_unbase(encoded))
        entries = len(raw) * 8 // status_size
        if entries < MIN_ENTRIES:
            raise StatusListError(
                f"the status list holds {entries} entries; at least {MIN_ENTRIES} are required",
                code="status_list_too_short",
            )
        bits = cls.__new__(cls)
        bits.size, bits.status_size, bits._bits = entries, status_size, bytearray(raw)
        return bits

    def __len__(self) -> int:
        return self.size

    def __repr__(self) -> str:
        return f"BitstringStatusList(size={self.size}, status_size={self.status_size})"


def _check_status_size(status_size: int) -> None:
    if (
        not isinstance(status_size, int)
        or isinstance(status_size, bool)
        or not 1 <= status_size <= MAX_STATUS_SIZE
    ):
        raise StatusListError(
            f"statusSize must be an integer from 1 to {MAX_STATUS_SIZE}, not {status_size!r}",
            code="status_entry_invalid",
        )


def _unbase(encoded: object) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError(
            "encodedList must be a multibase base64url string ('u…')", code="status_list_invalid"
        )
    if len(encoded) > MAX_DECODED_BYTES:
        raise StatusListError("encodedList is larger than 16 MiB", code="status_list_too_large")
    try:
        return b64url_decode(encoded[1:])
    except KeyFormatError as exc:
        raise StatusListError(f"encodedList: {exc}", code="status_list_invalid") from exc


def _inflate(compressed: bytes) -> bytes:
    """GZIP-decompress at most MAX_DECODED_BYTES; one complete member, nothing after it."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(compressed, MAX_DECODED_BYTES + 1)
    except zlib.error as exc:
        raise StatusListError(
            f"encodedList is not GZIP data: {exc}", code="status_list_invalid"
        ) from exc
    if len(raw) > MAX_DECODED_BYTES:
        raise StatusListError(
            f"the status list inflates to more than {MAX_DECODED_BYTES} bytes; refused",
            code="status_list_too_large",
        )
    if not inflater.eof or inflater.unused_data:
        raise StatusListError(
            "encodedList is truncated or has data after the GZIP stream", code="status_list_invalid"
        )
    return raw


def status_list_credential(
    *,
    id: str,
    issuer: str | dict[str, Any],
    purpose: str,
    encoded_list: str,
    valid_from: str,
    valid_until: str | None = None,
) -> dict[str, Any]:
    """The unsigned VC 2.0 BitstringStatusListCredential published at ``id``."""
    _check_purpose(purpose, BIT_PURPOSES)
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": id,
        "type": ["VerifiableCredential", LIST_CREDENTIAL_TYPE],
        "issuer": issuer,
        "validFrom": valid_from,
    }
    if valid_until is not None:
        credential["validUntil"] = valid_until
    credential["credentialSubject"] = {
        "id": f"{id}#list",
        "type": LIST_TYPE,
        "statusPurpose": purpose,
        "encodedList": encoded_list,
    }
    return credential


def status_entry(*, list_credential: str, index: int, purpose: str) -> dict[str, Any]:
    """The ``credentialStatus`` entry pointing at bit ``index`` of ``list_credential``."""
    _check_purpose(purpose, BIT_PURPOSES)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"a status list index is a non-negative int, not {index!r}")
    return {
        "id": f"{list_credential}#{index}",
        "type": ENTRY_TYPE,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_credential,
    }


def _check_purpose(purpose: str, allowed: tuple[str, ...]) -> None:
    if purpose not in allowed:
        raise StatusListError(
            f"status purpose {purpose!r} is not one of {', '.join(allowed)}",
            code="status_purpose_unsupported",
        )


def _has_type(node: Mapping[str, Any], wanted: str) -> bool:
    types = node.get("type")
    return types == wanted or (isinstance(types, list) and wanted in types)


def _entry_invalid(message: str) -> StatusListError:
    return StatusListError(message, code="status_entry_invalid")


def _entry_fields(entry: Mapping[str, Any]) -> tuple[str, int, str, int]:
    """(purpose, index, list URL, statusSize) of a well-formed entry."""
    if not isinstance(entry, Mapping) or not _has_type(entry, ENTRY_TYPE):
        raise _entry_invalid(f"a status entry must be an object of type {ENTRY_TYPE}")
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str):
        raise _entry_invalid("the status entry has no string statusPurpose")
    _check_purpose(purpose, READ_PURPOSES)
    raw_index = entry.get("statusListIndex")
    if not isinstance(raw_index, str) or _INDEX.match(raw_index) is None:
        raise _entry_invalid(
            f"statusListIndex must be a base-10 integer in a string, not {raw_index!r}"
        )
    url = entry.get("statusListCredential")
    if not isinstance(url, str) or not url:
        raise _entry_invalid("the status entry has no statusListCredential URL")
    size = entry.get("statusSize", 1)
    _check_status_size(size)
    _check_messages(entry, purpose, size)
    return purpose, int(raw_index), url, size


def _check_messages(entry: Mapping[str, Any], purpose: str, size: int) -> None:
    """Multi-bit entries are only for "message", and must say what each value means."""
    if purpose != "message":
        if size != 1:
            raise _entry_invalid(f"a {purpose} entry has statusSize 1, not {size}")
        return
    messages = entry.get("statusMessage")
    if size > 1 and (not isinstance(messages, list) or len(messages) != 1 << size):
        raise _entry_invalid(
            f"a message entry with statusSize {size} needs {1 << size} statusMessage items"
        )


def _list_subject(list_credential: Mapping[str, Any], url: str) -> Mapping[str, Any]:
    if not isinstance(list_credential, Mapping) or not _has_type(
        list_credential, LIST_CREDENTIAL_TYPE
    ):
        raise StatusListError(f"{url} is not a {LIST_CREDENTIAL_TYPE}", code="status_list_invalid")
    if list_credential.get("id") != url:
        raise StatusListError(
            f"the status list credential's id {list_credential.get('id')!r} is not {url}",
            code="status_list_id_mismatch",
        )
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or not _has_type(subject, LIST_TYPE):
        raise StatusListError(
            f"the credentialSubject of {url} is not a {LIST_TYPE}", code="status_list_invalid"
        )
    return subject


def read_status(
    entry: Mapping[str, Any],
    list_credential: Mapping[str, Any],
    *,
    decoded: DecodedLists | None = None,
) -> int:
    """The value of ``entry`` in an (already verified) status list credential.

    Checks that the list is the one the entry names, that the purposes match and that
    the index is in range; for revocation and suspension 1 means revoked / suspended.
    ``decoded`` memoises the inflated bitstring per list: a credential naming one list
    in hundreds of entries must not inflate it hundreds of times.
    """
    purpose, index, url, size = _entry_fields(entry)
    subject = _list_subject(list_credential, url)
    listed = subject.get("statusPurpose")
    purposes = listed if isinstance(listed, list) else [listed]
    if purpose not in purposes:
        raise StatusListError(
            f"the entry's purpose is {purpose!r} but {url} is a {listed!r} list",
            code="status_purpose_mismatch",
        )
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        raise StatusListError(f"{url} has no encodedList string", code="status_list_invalid")
    bits = _decode_once(encoded, size, url, decoded)
    if index >= bits.size:
        raise StatusListError(
            f"statusListIndex {index} is outside the list ({bits.size} entries)",
            code="status_index_out_of_range",
        )
    return bits.get(index)


def _decode_once(
    encoded: str, size: int, url: str, decoded: DecodedLists | None
) -> BitstringStatusList:
    """Decode ``encoded``, or reuse (or re-raise) what decoding it did before."""
    known = decoded.get((url, size)) if decoded is not None else None
    if known is None:
        try:
            known = BitstringStatusList.decode(encoded, status_size=size)
        except StatusListError as exc:
            known = exc
        if decoded is not None:
            decoded[(url, size)] = known
    if isinstance(known, StatusListError):
        raise StatusListError(str(known), code=known.code)
    return known
