"""The key-encryption key (KEK): where it comes from, and how it is named without showing it.

Production reads ``MICROCRED_KEK`` (base64url of 32 random bytes) from the environment and
nothing else: a KEK in a file next to the database it protects would protect nothing. Only
in development mode is a KEK generated once into ``<var dir>/dev-kek`` (mode 0600), so a
developer's keys survive restarts without any setup.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from microcred.keystore.errors import KeyStoreError
from microcred.keystore.secret import SecretBytes

KEK_ENV = "MICROCRED_KEK"
DEV_KEK_FILE = "dev-kek"
KEK_LENGTH = 32
_KEK_ID_LABEL = b"microcred/kek-id/v1"


class KekSource(StrEnum):
    ENVIRONMENT = "environment"
    DEVELOPMENT_FILE = "development-file"
    GIVEN = "given"


@dataclass(frozen=True, slots=True)
class Kek:
    """A KEK and where it came from; ``kek_id`` names it in records and messages."""

    secret: SecretBytes = field(repr=False)
    source: KekSource

    @property
    def kek_id(self) -> str:
        """A public fingerprint: which KEK sealed a record, without revealing the KEK."""
        return kek_fingerprint(self.secret)


def kek_fingerprint(secret: SecretBytes) -> str:
    """16 hex digits of HMAC-SHA256(KEK, label): one-way, so safe to store and show."""
    return hmac.new(secret.reveal(), _KEK_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def generate_kek_text() -> str:
    """A fresh KEK in the form ``MICROCRED_KEK`` expects (what an operator would set)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEK_LENGTH)).rstrip(b"=").decode()


def parse_kek(text: str) -> SecretBytes:
    """The 32 bytes of a base64url KEK; an error names the problem, never the value."""
    value = text.strip()
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise KeyStoreError(
            f"{KEK_ENV} is not base64url text", code="keystore.kek_malformed"
        ) from None
    if len(raw) != KEK_LENGTH:
        raise KeyStoreError(
            f"{KEK_ENV} must encode {KEK_LENGTH} bytes, it encodes {len(raw)}",
            code="keystore.kek_malformed",
        )
    return SecretBytes(raw)


def load_kek(environ: Mapping[str, str], *, debug: bool, var_dir: Path) -> Kek:
    """The environment's KEK; in development only, the generated development KEK."""
    given = environ.get(KEK_ENV, "").strip()
    if given:
        return Kek(parse_kek(given), KekSource.ENVIRONMENT)
    if not debug:
        raise KeyStoreError(
            f"{KEK_ENV} is not set and development mode is off", code="keystore.kek_missing"
        )
    return Kek(_development_kek(var_dir), KekSource.DEVELOPMENT_FILE)


def _development_kek(var_dir: Path) -> SecretBytes:
    path = var_dir / DEV_KEK_FILE
    try:
        return parse_kek(path.read_text("ascii"))
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    text = generate_kek_text()
    # O_EXCL: two processes starting at once must not each write (and use) their own KEK.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return parse_kek(path.read_text("ascii"))
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text + "\n")
    return parse_kek(text)
