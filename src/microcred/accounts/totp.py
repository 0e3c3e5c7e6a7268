"""Time-based one-time passwords (RFC 6238, over HOTP of RFC 4226), with ``hmac`` alone.

Pure functions of a secret and a moment, so they are tested against the RFC's own vectors
with explicit times. Authenticator apps use the defaults: SHA-1, 6 digits, 30 s steps.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """160 random bits in base32 without padding, as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    text = secret.strip().replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 §5.3: dynamic truncation of HMAC(key, counter) to ``digits`` digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def time_step(unix_time: float, *, step: int = STEP_SECONDS) -> int:
    return int(unix_time // step)


def totp(key: bytes, unix_time: float, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 6238 §4: HOTP with the number of 30-second steps since the epoch."""
    return hotp(key, time_step(unix_time), digits=digits, digest=digest)


def matching_step(key: bytes, code: str, unix_time: float, *, window: int = 1) -> int | None:
    """The time step ``code`` belongs to, within ``window`` steps of now (clock drift);
    None if it matches none. Compared in constant time."""
    candidate = code.strip().replace(" ", "")
    if len(candidate) != DIGITS or not candidate.isdigit():
        return None
    now = time_step(unix_time)
    found = None
    for step in range(now - window, now + window + 1):
        if hmac.compare_digest(hotp(key, step), candidate):
            found = step
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def hash_code(code: str) -> str:
    """Recovery codes are kept as SHA-256: each is 50 random bits, so no salt is needed."""
    normal = code.strip().replace("-", "").replace(" ", "").lower()
    return hashlib.sha256(normal.encode("ascii", "ignore")).hexdigest()
