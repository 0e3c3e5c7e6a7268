"""Contexts pinned by content: a URL we do not know, carrying the digest of a file we do.

A credential may name a context at any URL (each Microcred deployment serves the EU-elements
context at its own public address, so that verifiers anywhere can fetch it) as long as it
protects that URL with a VC 2.0 ``relatedResource`` entry (§5.3, "Integrity of Related
Resources") whose ``digestSRI`` or ``digestMultibase`` equals the digest of one of our
pinned files. The verifier then reads the pinned file instead of the network: the meaning
of the credential is still fixed by what ships in this package, never by whoever serves
the URL, and a different file at that URL cannot change a single term.

Only exact byte digests count, so a deployment must serve the pinned file byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from microcred.vc.contexts.loader import DATA, INDEX
from microcred.vc.multibase import decode_multibase

__all__ = [
    "SRI_ALGORITHM",
    "content_pinned",
    "declared_digests",
    "pinned_bytes",
    "related_resource_for",
    "sri_digest",
]

SRI_ALGORITHM = "sha384"
_SRI = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
#: multihash codes (https://github.com/multiformats/multicodec) of the SHA-2 family.
_MULTIHASH = {0x12: "sha256", 0x20: "sha384", 0x13: "sha512"}
_LENGTHS = {"sha256": 32, "sha384": 48, "sha512": 64}


def pinned_bytes(url: str) -> bytes:
    """The exact bytes of the pinned file for ``url`` (what a deployment must serve)."""
    return DATA.joinpath(INDEX[url]).read_bytes()


def sri_digest(data: bytes, algorithm: str = SRI_ALGORITHM) -> str:
    """``sha384-<base64>``: a Subresource Integrity string, as VC 2.0 ``digestSRI`` wants."""
    digest = _SRI[algorithm](data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode('ascii')}"


def related_resource_for(url: str, pinned_url: str) -> dict[str, str]:
    """The ``relatedResource`` entry that lets verifiers pin ``url`` to ``pinned_url``'s file."""
    return {
        "id": url,
        "digestSRI": sri_digest(pinned_bytes(pinned_url)),
        "mediaType": "application/ld+json",
    }


@cache
def _pinned_by_digest() -> dict[tuple[str, bytes], str]:
    """(algorithm, raw digest) → pinned URL, over every pinned file (read once)."""
    table: dict[tuple[str, bytes], str] = {}
    for url in sorted(INDEX):
        data = pinned_bytes(url)
        for name, function in _SRI.items():
            table.setdefault((name, function(data).digest()), url)
    return table


def _parse_sri(value: str) -> list[tuple[str, bytes]]:
    """Every ``alg-base64`` token of an SRI string (it may list several, space-separated)."""
    found: list[tuple[str, bytes]] = []
    for token in value.split():
        algorithm, _, encoded = token.partition("-")
        encoded = encoded.split("?", 1)[0]  # SRI options are ignored
        if algorithm not in _SRI:
            continue
        try:
            digest = base64.b64decode(encoded, validate=True)
        except ValueError:
            continue
        if len(digest) == _LENGTHS[algorithm]:
            found.append((algorithm, digest))
    return found


def _parse_multibase(value: str) -> list[tuple[str, bytes]]:
    try:
        raw = decode_multibase(value)
    except Exception:
        return []
    if len(raw) < 2 or raw[0] not in _MULTIHASH:
        return []
    algorithm = _MULTIHASH[raw[0]]
    digest = raw[2:]
    if raw[1] != _LENGTHS[algorithm] or len(digest) != _LENGTHS[algorithm]:
        return []
    return [(algorithm, digest)]


def declared_digests(document: Mapping[str, Any]) -> dict[str, list[tuple[str, bytes]]]:
    """``relatedResource`` id → the digests the document declares for it."""
    related = document.get("relatedResource")
    entries = related if isinstance(related, list) else [related]
    declared: dict[str, list[tuple[str, bytes]]] = {}
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            continue
        digests: list[tuple[str, bytes]] = []
        if isinstance(entry.get("digestSRI"), str):
            digests += _parse_sri(entry["digestSRI"])
        if isinstance(entry.get("digestMultibase"), str):
            digests += _parse_multibase(entry["digestMultibase"])
        declared.setdefault(entry["id"], []).extend(digests)
    return declared


def content_pinned(url: str, document: Mapping[str, Any]) -> str | None:
    """The pinned URL whose file ``document`` declares as the content of ``url``, if any.

    Every digest declared for ``url`` must name the same pinned file: a document declaring
    one digest that matches and another that does not is contradicting itself.
    """
    digests = declared_digests(document).get(url)
    if not digests:
        return None
    matches = {_pinned_by_digest().get(digest) for digest in digests}
    if len(matches) != 1:
        return None
    (match,) = matches
    return match
