"""DIDs and controller documents: who holds a key, and what they let it do.

* ``did:key`` documents are computed from the DID itself (Ed25519 only).
* ``did:web`` DIDs map to an https URL (W3C CCG did:web method); their documents, and
  https controller documents, come from the caller's ``documents`` map or through the
  ``fetcher`` the caller passes in — never from the network behind the caller's back.
* Dereferencing a verification method follows Controlled Identifiers 1.0 §3.3: the
  document's ``id`` must be the URL it was fetched for, the method's ``id`` the URL
  asked for, and its ``controller`` the document it was found in. Without that last
  rule, a document at ``did:web:attacker`` could list a key "controlled by"
  ``did:web:victim`` and sign as the victim.

Error codes are precise so a verifier can tell a malformed DID (``did_key_invalid``)
from a valid one we cannot use (``did_key_unsupported_type``, e.g. a P-256 did:key).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from microcred.vc.contexts import DID_V1, MULTIKEY_V1
from microcred.vc.dates import parse_datetime
from microcred.vc.errors import DidError, DocumentLoadError, KeyFormatError, VcError
from microcred.vc.keys import Ed25519PublicKey
from microcred.vc.multibase import (
    B58_ALPHABET,
    ED25519_PUB,
    MULTICODEC_NAMES,
    decode_multibase,
    split_multicodec,
)

__all__ = [
    "RELATIONSHIPS",
    "DidResolver",
    "Fetcher",
    "VerificationMethod",
    "build_did_web_document",
    "did_key_for",
    "did_web_for",
    "did_web_to_url",
    "is_authorized",
    "public_key_of",
    "resolve_did_key",
]

DID_KEY_PREFIX = "did:key:"
DID_WEB_PREFIX = "did:web:"
RELATIONSHIPS = (
    "authentication",
    "assertionMethod",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
)
MULTIBASE_TYPES = frozenset({"Multikey", "Ed25519VerificationKey2020"})
JWK_TYPES = frozenset({"JsonWebKey", "JsonWebKey2020"})
_B58_BODY = re.compile(f"z[{B58_ALPHABET}]+\\Z")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+\Z")
_FRAGMENT = re.compile(r"[A-Za-z0-9._~-]+\Z")
_HOST_PORT = re.compile(r"([^%]+)(?:%3[Aa]([1-9][0-9]{0,4}))?\Z")


# --- did:key --------------------------------------------------------------------------


def did_key_for(public: Ed25519PublicKey) -> str:
    """``did:key:z6Mk…``: the DID that *is* this key (nothing to publish, nothing to rotate)."""
    return DID_KEY_PREFIX + public.multikey


#: Public-key codecs other did:key implementations use: (name, compressed length or None).
_OTHER_KEY_CODECS: dict[int, tuple[str, int | None]] = {
    0xE7: ("secp256k1", 33),
    0xEC: ("X25519", 32),
    0xEB: ("BLS12-381 G2", 96),
    0x1200: ("P-256", 33),
    0x1201: ("P-384", 49),
    0x1202: ("P-521", 67),
    0x1205: ("RSA", None),
}


def _did_key_public(did: str) -> Ed25519PublicKey:
    """The Ed25519 key of a did:key; a well-formed key of another type says which."""
    body = did.removeprefix(DID_KEY_PREFIX)
    if not did.startswith(DID_KEY_PREFIX) or _B58_BODY.match(body) is None:
        raise DidError(f"{did!r} is not a did:key ('did:key:z…')", code="did_key_invalid")
    try:
        codec, raw = split_multicodec(decode_multibase(body))
        if codec == ED25519_PUB:
            return Ed25519PublicKey(raw)
    except KeyFormatError as exc:
        raise DidError(f"{did} is not a valid did:key: {exc}", code="did_key_invalid") from exc
    name, length = _OTHER_KEY_CODECS.get(codec, (None, None))
    if name is None or (length is not None and len(raw) != length):
        label = MULTICODEC_NAMES.get(codec, f"0x{codec:x}")
        raise DidError(
            f"{did} is not a valid did:key: multicodec {label} with {len(raw)} bytes",
            code="did_key_invalid",
        )
    raise DidError(
        f"{did} holds a {name} key; only Ed25519 did:keys are supported",
        code="did_key_unsupported_type",
    )


def resolve_did_key(did: str) -> dict[str, Any]:
    """The DID document a did:key stands for (one Multikey, in every relationship)."""
    public = _did_key_public(did)
    method_id = f"{did}#{public.multikey}"
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public.multikey,
            }
        ],
        "authentication": [method_id],
        "assertionMethod": [method_id],
        "capabilityInvocation": [method_id],
        "capabilityDelegation": [method_id],
    }


# --- did:web --------------------------------------------------------------------------


def _web_invalid(message: str) -> DidError:
    return DidError(message, code="did_web_invalid")


def _check_host(host: str) -> None:
    """A domain name (RFC 1123 labels, at least two); IP addresses are not allowed."""
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(x) for x in labels):
        raise _web_invalid(f"{host!r} is not a fully qualified domain name")
    if labels[-1].isdigit():
        raise _web_invalid(f"{host!r} is an IP address; did:web needs a domain name")


def _check_port(port: int) -> None:
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise _web_invalid(f"port {port!r} is not 1..65535")


def _check_segment(segment: str) -> None:
    if _SEGMENT.match(segment) is None or segment in {".", ".."}:
        raise _web_invalid(
            f"path segment {segment!r} must be non-empty letters, digits, '.', '_', '~' or '-'"
        )


def did_web_for(domain: str, path: str | None = None, port: int | None = None) -> str:
    """``did:web`` for a domain (``host`` or ``host:port``) and an optional ``a/b`` path."""
    host = domain.strip().lower()
    if ":" in host and port is None:
        host, _, port_text = host.rpartition(":")
        if not port_text.isdigit():
            raise _web_invalid(f"{domain!r}: the port must be digits")
        port = int(port_text)
    _check_host(host)
    identifier = host
    if port is not None:
        _check_port(port)
        identifier += f"%3A{port}"
    segments = path.strip("/").split("/") if path else []
    for segment in segments:
        _check_segment(segment)
    return DID_WEB_PREFIX + ":".join([identifier, *segments])


def _parse_did_web(did: str) -> tuple[str, int | None, list[str]]:
    if not did.startswith(DID_WEB_PREFIX):
        raise _web_invalid(f"{did!r} is not a did:web")
    first, *segments = did.removeprefix(DID_WEB_PREFIX).split(":")
    found = _HOST_PORT.match(first)
    if found is None:
        raise _web_invalid(f"{did!r}: only the port colon may be percent-encoded ('%3A')")
    host, port_text = found.groups()
    _check_host(host)
    port = int(port_text) if port_text else None
    if port is not None:
        _check_port(port)
    for segment in segments:
        _check_segment(segment)
    return host, port, segments


def did_web_to_url(did: str) -> str:
    """Where a did:web's document lives: ``https://host[:port]/(path|.well-known)/did.json``."""
    host, port, segments = _parse_did_web(did)
    authority = host if port is None else f"{host}:{port}"
    path = "/".join([*segments, "did.json"]) if segments else ".well-known/did.json"
    return f"https://{authority}/{path}"


def build_did_web_document(
    did: str,
    keys: Sequence[tuple[str, Ed25519PublicKey]],
    *,
    assertion: Sequence[str] | None = None,
    revoked: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The ``did.json`` to publish: ``keys`` are (fragment, key) pairs.

    ``assertion`` lists the fragments allowed to sign credentials (default: every key
    not revoked). ``revoked`` maps fragments to the dateTime they were revoked: those
    keys stay listed, so old signatures can be explained, but may not sign.
    """
    _parse_did_web(did)
    fragments = [fragment for fragment, _ in keys]
    revoked = dict(revoked or {})
    _check_fragments(fragments, revoked)
    signers = [f for f in fragments if f not in revoked] if assertion is None else list(assertion)
    for fragment in signers:
        if fragment not in fragments or fragment in revoked:
            raise DidError(
                f"assertion key {fragment!r} is not an unrevoked key of the document",
                code="did_document_invalid",
            )
    methods = [
        _multikey_method(did, fragment, key, revoked.get(fragment)) for fragment, key in keys
    ]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [f"{did}#{fragment}" for fragment in signers],
    }


def _check_fragments(fragments: list[str], revoked: Mapping[str, str]) -> None:
    if not fragments:
        raise DidError("a DID document needs at least one key", code="did_document_invalid")
    if len(set(fragments)) != len(fragments):
        raise DidError("key fragments must be unique", code="did_document_invalid")
    for fragment in fragments:
        if _FRAGMENT.match(fragment) is None:
            raise DidError(f"key fragment {fragment!r} is not valid", code="did_document_invalid")
    for fragment, moment in revoked.items():
        if fragment not in fragments:
            raise DidError(f"revoked key {fragment!r} is not listed", code="did_document_invalid")
        try:
            parse_datetime(moment)
        except ValueError as exc:
            raise DidError(f"revoked[{fragment!r}]: {exc}", code="did_document_invalid") from exc


def _multikey_method(
    did: str, fragment: str, key: Ed25519PublicKey, revoked: str | None
) -> dict[str, Any]:
    method = {
        "id": f"{did}#{fragment}",
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": key.multikey,
    }
    if revoked is not None:
        method["revoked"] = revoked
    return method


# --- verification methods -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerificationMethod:
    """A resolved public key, with the controller document that vouches for it."""

    id: str
    type: str
    controller: str
    public_key: Ed25519PublicKey
    controller_document: dict[str, Any] = field(repr=False, compare=False, hash=False)


def public_key_of(method: Mapping[str, Any]) -> Ed25519PublicKey:
    """The Ed25519 key of a Multikey, Ed25519VerificationKey2020 or JsonWebKey(2020) node."""
    kind = method.get("type")
    if not isinstance(kind, str):
        raise KeyFormatError(
            "a verification method's type must be a string", code="key_format_invalid"
        )
    if kind in MULTIBASE_TYPES:
        value = method.get("publicKeyMultibase")
        if not isinstance(value, str):
            raise KeyFormatError(f"a {kind} needs a publicKeyMultibase", code="key_format_invalid")
        return Ed25519PublicKey.from_multikey(value)
    if kind in JWK_TYPES:
        jwk = method.get("publicKeyJwk")
        if not isinstance(jwk, Mapping):
            raise KeyFormatError(f"a {kind} needs a publicKeyJwk", code="key_format_invalid")
        return Ed25519PublicKey.from_jwk(jwk)
    raise KeyFormatError(
        f"verification method type {kind!r} is not supported", code="key_type_unsupported"
    )


def _absolute(reference: str, base: Any) -> str:
    return (
        f"{base}{reference}" if reference.startswith("#") and isinstance(base, str) else reference
    )


def _nodes(value: Any) -> Iterator[Any]:
    yield from value if isinstance(value, list) else [value] if value is not None else []


def _members(document: Mapping[str, Any], names: Sequence[str]) -> Iterator[tuple[str, Any]]:
    """(absolute id, node) of every method listed or embedded under ``names``."""
    base = document.get("id")
    for name in names:
        for node in _nodes(document.get(name)):
            ref = node.get("id") if isinstance(node, Mapping) else node
            if isinstance(ref, str):
                yield _absolute(ref, base), node


_ALL_METHODS = ("verificationMethod", *RELATIONSHIPS)


def _find_method(document: Mapping[str, Any], url: str) -> Mapping[str, Any] | None:
    """The method object whose id is ``url`` (written absolute or as "#frag")."""
    for ref, node in _members(document, _ALL_METHODS):
        if ref == url and isinstance(node, Mapping):
            return node
    return None


def is_authorized(vm: VerificationMethod, purpose: str) -> bool:
    """Is ``vm`` listed (by reference or embedded) under ``purpose`` by its controller?"""
    return any(ref == vm.id for ref, _ in _members(vm.controller_document, (purpose,)))


# --- resolution -----------------------------------------------------------------------


class Fetcher(Protocol):
    """Fetch ``url`` and return its parsed JSON; raise :class:`DocumentLoadError`."""

    def __call__(self, url: str) -> Any: ...


def _unresolvable(ref: str) -> DidError:
    return DidError(
        f"{ref} was not fetched: it is not in the documents given and no fetcher was allowed",
        code="verification_method_unresolvable",
    )


class DidResolver:
    """Controller documents from did:key, the ``documents`` map, or the ``fetcher``.

    ``documents`` maps DIDs and https URLs to documents and is consulted first (a
    ``did:web`` key maps to its DID document directly); the ``fetcher`` is used only for
    what the map lacks, and only for https URLs and did:web. Resolved documents are kept
    in a small LRU cache for the resolver's lifetime, so make one resolver per trust
    decision window (e.g. per request), not one per process. Returned documents are
    shared with the cache: treat them as read-only.
    """

    def __init__(
        self,
        *,
        documents: Mapping[str, Any] | None = None,
        fetcher: Fetcher | None = None,
        cache_size: int = 128,
    ) -> None:
        self._documents: Mapping[str, Any] = documents if documents is not None else {}
        self._fetcher = fetcher
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def resolve(self, did_or_url: str) -> dict[str, Any]:
        """The controller document for a DID or an https URL (no fragment)."""
        if "#" in did_or_url or not did_or_url:
            raise DidError(f"{did_or_url!r} must be a DID or URL without a fragment")
        with self._lock:
            if did_or_url in self._cache:
                self._cache.move_to_end(did_or_url)
                return self._cache[did_or_url]
        document = self._obtain(did_or_url)
        if not isinstance(document, Mapping):
            raise DidError(
                f"the document for {did_or_url} is not a JSON object", code="did_document_invalid"
            )
        if document.get("id") != did_or_url:
            raise DidError(
                f"the document for {did_or_url} has id {document.get('id')!r}",
                code="did_document_id_mismatch",
            )
        return self._remember(did_or_url, dict(document))

    def _remember(self, key: str, document: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._cache[key] = document
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return document

    def _obtain(self, ref: str) -> Any:
        if ref.startswith(DID_KEY_PREFIX):
            return resolve_did_key(ref)
        if ref.startswith(DID_WEB_PREFIX):
            url = did_web_to_url(ref)
            if ref in self._documents:
                return self._documents[ref]
            return self._documents[url] if url in self._documents else self._fetch(url, ref)
        if ref in self._documents:
            return self._documents[ref]
        if ref.startswith("https://"):
            return self._fetch(ref, ref)
        if ref.startswith("did:"):
            method = ref.split(":")[1]
            raise DidError(f"DID method {method!r} is not supported", code="did_method_unsupported")
        raise DidError(f"{ref} is neither a DID nor an https URL", code="url_scheme_unsupported")

    def _fetch(self, url: str, ref: str) -> Any:
        if self._fetcher is None:
            raise _unresolvable(ref)
        try:
            return self._fetcher(url)
        except VcError:
            raise
        except (OSError, ValueError) as exc:  # network and JSON errors of a plain fetcher
            raise DocumentLoadError(f"fetching {url} failed: {exc}") from exc

    def dereference_verification_method(self, url: str) -> VerificationMethod:
        """The key at ``url``: ``<document>#<fragment>``, or a document that is a key."""
        base, hash_sign, fragment = url.partition("#")
        if not base or (hash_sign and not fragment):
            raise DidError(f"{url!r} is not a verification method URL", code="did_invalid")
        document = self.resolve(base)
        if not hash_sign:
            return self._standalone(document, url)
        node = _find_method(document, url)
        if node is None:
            raise DidError(
                f"{base} has no verification method {url}", code="verification_method_not_found"
            )
        return _method(node, url, document, controller=base)

    def _standalone(self, document: dict[str, Any], url: str) -> VerificationMethod:
        """A key published as its own document, vouched for by its controller's document."""
        kind = document.get("type")
        if not isinstance(kind, str) or kind not in MULTIBASE_TYPES | JWK_TYPES:
            raise DidError(
                f"{url} is a controller document, not a key; name the key with '#fragment'",
                code="verification_method_not_found",
            )
        controller = document.get("controller")
        if not isinstance(controller, str) or not controller:
            raise DidError(f"the key {url} names no controller", code="verification_method_invalid")
        controller_document = document if controller == url else self.resolve(controller)
        if controller != url and all(
            ref != url for ref, _ in _members(controller_document, _ALL_METHODS)
        ):
            raise DidError(
                f"{controller} does not list the key {url} as one of its own",
                code="verification_method_controller_mismatch",
            )
        return _method(document, url, controller_document, controller=controller)


def _method(
    node: Mapping[str, Any], url: str, controller_document: dict[str, Any], *, controller: str
) -> VerificationMethod:
    if node.get("controller") != controller:
        raise DidError(
            f"{url} is controlled by {node.get('controller')!r}, not by {controller}",
            code="verification_method_controller_mismatch",
        )
    if node.get("revoked") is not None:
        raise DidError(
            f"{url} was revoked on {node.get('revoked')}", code="verification_method_revoked"
        )
    return VerificationMethod(
        id=url,
        type=str(node.get("type")),
        controller=controller,
        public_key=public_key_of(node),
        controller_document=controller_document,
    )
