"""Multibase (``z`` base58btc, ``u`` base64url) and multicodec prefixes, strictly.

Keys, signatures and status lists arrive from strangers, so decoding is strict: one
alphabet, no padding, no whitespace, a length cap (base58 decoding is quadratic in the
input length), and canonical base64url only (a value has exactly one accepted spelling).
Every failure is a :class:`KeyFormatError` with code ``multibase_invalid`` so a verifier
can say *the encoding* is wrong rather than *the key* or *the signature*.
"""

from __future__ import annotations

import base64
import binascii
import re

from microcred.vc.errors import KeyFormatError

__all__ = [
    "ED25519_PRIV",
    "ED25519_PUB",
    "MULTICODEC_NAMES",
    "b58decode",
    "b58encode",
    "b64url_decode",
    "b64url_encode",
    "decode_multibase",
    "decode_varint",
    "encode_multibase",
    "encode_varint",
    "prefix_multicodec",
    "split_multicodec",
]

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: value for value, char in enumerate(B58_ALPHABET)}
#: Far above any key or signature (a 64-byte signature is ~88 characters).
MAX_BASE58_CHARS = 4096
_B64URL = re.compile(r"[A-Za-z0-9_-]*\Z")

ED25519_PUB = 0xED
ED25519_PRIV = 0x1300
#: Names for the key codecs a verifier is likely to meet, for precise error messages.
MULTICODEC_NAMES = {
    0xE7: "secp256k1-pub",
    0xEC: "x25519-pub",
    ED25519_PUB: "ed25519-pub",
    0xEB: "bls12_381-g2-pub",
    0x1200: "p256-pub",
    0x1201: "p384-pub",
    0x1202: "p521-pub",
    0x1205: "rsa-pub",
    ED25519_PRIV: "ed25519-priv",
    0x1306: "p256-priv",
}
_MAX_VARINT_BYTES = 9


def _invalid(message: str) -> KeyFormatError:
    return KeyFormatError(message, code="multibase_invalid")


def b58encode(data: bytes) -> str:
    """Bitcoin base58: leading zero bytes become '1's, the rest is one big integer."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits: list[str] = []
    while number:
        number, digit = divmod(number, 58)
        digits.append(B58_ALPHABET[digit])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """Inverse of :func:`b58encode`; refuses foreign characters and over-long input."""
    if len(text) > MAX_BASE58_CHARS:
        raise _invalid(f"base58 value is longer than {MAX_BASE58_CHARS} characters")
    number = 0
    try:
        for char in text:
            number = number * 58 + _B58_INDEX[char]
    except KeyError as exc:
        raise _invalid(f"{exc.args[0]!r} is not a base58btc character") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * zeros + body


def b64url_encode(data: bytes) -> str:
    """base64url without padding (RFC 4648 §5), as JWK and multibase 'u' use it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict inverse of :func:`b64url_encode`: no padding, no stray bits."""
    if _B64URL.match(text) is None or len(text) % 4 == 1:
        raise _invalid("not unpadded base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:  # pragma: no cover - the regex prevents it
        raise _invalid(f"not base64url: {exc}") from exc
    if b64url_encode(data) != text:
        raise _invalid("non-canonical base64url (unused bits are set)")
    return data


def encode_multibase(data: bytes, base: str = "z") -> str:
    """``z`` + base58btc (keys, signatures) or ``u`` + base64url (status lists)."""
    if base == "z":
        return "z" + b58encode(data)
    if base == "u":
        return "u" + b64url_encode(data)
    raise ValueError(f"unsupported multibase prefix {base!r}; use 'z' or 'u'")


def decode_multibase(value: str) -> bytes:
    """Decode a ``z…`` or ``u…`` multibase string; anything else is refused."""
    if not isinstance(value, str) or not value:
        raise _invalid("a multibase value must be a non-empty string")
    prefix, body = value[0], value[1:]
    if prefix == "z":
        return b58decode(body)
    if prefix == "u":
        return b64url_decode(body)
    raise KeyFormatError(
        f"multibase prefix {prefix!r} is not supported (only 'z' base58btc and 'u' base64url)",
        code="multibase_unsupported",
    )


def encode_varint(number: int) -> bytes:
    """Unsigned LEB128, as multicodec prefixes use it (0xed → b'\\xed\\x01')."""
    if number < 0:
        raise ValueError("varints are unsigned")
    out = bytearray()
    while True:
        byte = number & 0x7F
        number >>= 7
        if number:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def decode_varint(data: bytes) -> tuple[int, int]:
    """(value, bytes consumed); minimal encodings only, so each code has one prefix."""
    number = 0
    for position, byte in enumerate(data[:_MAX_VARINT_BYTES]):
        number |= (byte & 0x7F) << (7 * position)
        if not byte & 0x80:
            if byte == 0 and position > 0:
                raise _invalid("multicodec varint is not minimally encoded")
            return number, position + 1
    raise _invalid("multicodec varint is truncated or too long")


def prefix_multicodec(code: int, payload: bytes) -> bytes:
    """``payload`` tagged with its multicodec, e.g. 0xed for an Ed25519 public key."""
    return encode_varint(code) + payload


def split_multicodec(data: bytes) -> tuple[int, bytes]:
    """(codec, payload) of multicodec-prefixed bytes."""
    code, used = decode_varint(data)
    return code, data[used:]
