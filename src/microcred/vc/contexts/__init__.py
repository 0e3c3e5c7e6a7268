"""Pinned JSON-LD contexts and the only document loader the trust core uses.

A context decides what a signed credential *means*; fetching it at verification time
would let whoever serves it (or sits on the network path) change that meaning after
signing. So contexts are files shipped in ``data/`` and this loader refuses every other
URL. Callers may add documents of their own (``extra``: test fixtures, a ``--documents``
map) but can never replace a pinned context.

Loaded documents are shared and cached: treat them as read-only.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

from microcred.vc.contexts.integrity import content_pinned
from microcred.vc.contexts.loader import INDEX, read_pinned
from microcred.vc.errors import DocumentLoadError

__all__ = [
    "DATA_INTEGRITY_V2",
    "DID_V1",
    "MULTIKEY_V1",
    "OB_CONTEXT",
    "OB_V3P0",
    "PINNED_CONTEXT_URLS",
    "VC_V2",
    "DocumentLoader",
    "aliased_loader",
    "content_aliases",
    "load_context",
    "loader_for",
    "pinned_loader",
]

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_CONTEXT = (VC_V2, OB_V3P0)
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

PINNED_CONTEXT_URLS: frozenset[str] = frozenset(INDEX)

_CONTEXT_PROFILE = "http://www.w3.org/ns/json-ld#context"
_CONTEXT_HOSTS = frozenset({"www.w3.org", "w3id.org", "purl.imsglobal.org", "schema.org"})


class DocumentLoader(Protocol):
    """pyld's loader contract; raises :class:`DocumentLoadError` to refuse a URL."""

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]: ...


def load_context(url: str) -> Any:
    """The pinned context document for ``url`` (shared: do not modify it)."""
    if url not in INDEX:
        raise DocumentLoadError(
            f"{url} is not a pinned context; remote loading is refused",
            code="context_not_pinned",
        )
    return read_pinned(url)


def _looks_like_context(url: str, options: Mapping[str, Any] | None) -> bool:
    """A guess, for the error code only: pyld asks for contexts with the context profile."""
    headers = (options or {}).get("headers")
    if isinstance(headers, Mapping) and _CONTEXT_PROFILE in str(headers.get("Accept", "")):
        return True
    parts = urlsplit(url)
    path = parts.path.lower()
    return parts.hostname in _CONTEXT_HOSTS or path.endswith(".jsonld") or "context" in path


class _PinnedLoader:
    """Pinned contexts first, then the caller's own documents, then a refusal."""

    def __init__(self, extra: Mapping[str, Any]) -> None:
        self._extra = dict(extra)

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        if url in INDEX:
            document = read_pinned(url)
        elif url in self._extra:
            document = self._extra[url]
        elif _looks_like_context(url, options):
            raise DocumentLoadError(
                f"context {url} is not pinned; remote loading is refused",
                code="context_not_pinned",
            )
        else:
            raise DocumentLoadError(
                f"document {url} is not available offline; remote loading is refused",
                code="document_not_available",
            )
        # A fresh envelope each call (pyld may set keys on it); the document is shared.
        # "static" lets the JSON-LD layer cache the processed context for this loader.
        return {"contextUrl": None, "documentUrl": url, "document": document, "tag": "static"}

    def __repr__(self) -> str:
        return f"pinned_loader({len(INDEX)} pinned, {len(self._extra)} extra)"


_DEFAULT = _PinnedLoader({})


def pinned_loader(extra: Mapping[str, Any] | None = None) -> DocumentLoader:
    """The offline loader: pinned contexts plus ``extra`` (URL → parsed document).

    Without ``extra`` the same loader object is returned every time, so caches keyed
    by loader (processed contexts) survive across calls. An ``extra`` entry for a
    pinned URL must be identical to the pinned document; a different one is refused
    rather than silently shadowed or silently ignored.
    """
    if not extra:
        return _DEFAULT
    for url, document in extra.items():
        if url in INDEX and document != read_pinned(url):
            raise DocumentLoadError(
                f"{url} is a pinned context and cannot be replaced", code="context_override_refused"
            )
    return _PinnedLoader(extra)


class _AliasLoader:
    """URLs pinned by content (``integrity``) answered with their pinned file; the rest
    goes to ``base``."""

    def __init__(self, aliases: Mapping[str, str], base: DocumentLoader) -> None:
        self.aliases = dict(aliases)
        self._base = base

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        pinned = self.aliases.get(url)
        if pinned is None:
            return self._base(url, options)
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": read_pinned(pinned),
            "tag": "static",
        }

    def __repr__(self) -> str:
        return f"aliased_loader({self.aliases!r}, {self._base!r})"


_alias_loaders: dict[frozenset[tuple[str, str]], _AliasLoader] = {}
_alias_lock = threading.Lock()
#: Distinct alias sets remembered for the default loader (one per deployment seen, in
#: practice); beyond it a fresh loader per call, which only costs the context cache.
MAX_REMEMBERED_ALIAS_SETS = 64


def aliased_loader(
    aliases: Mapping[str, str], base: DocumentLoader | None = None
) -> DocumentLoader:
    """``base`` (the offline loader by default) that also answers ``aliases`` (URL → pinned
    URL). Over the default loader the same object comes back for the same aliases, so the
    JSON-LD layer's cache of processed contexts keeps working across verifications."""
    if not aliases:
        return base or _DEFAULT
    if isinstance(base, _AliasLoader) and base.aliases == dict(aliases):
        return base
    if base is not None and base is not _DEFAULT:
        return _AliasLoader(aliases, base)
    key = frozenset(aliases.items())
    with _alias_lock:
        found = _alias_loaders.get(key)
        if found is None:
            found = _AliasLoader(aliases, _DEFAULT)
            if len(_alias_loaders) < MAX_REMEMBERED_ALIAS_SETS:
                _alias_loaders[key] = found
    return found


def content_aliases(document: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The top-level context URLs ``document`` pins by content, and those it cannot use.

    Returns ``(aliases, unknown)``: URL → pinned URL for every context that is not pinned by
    its URL but protected by a ``relatedResource`` digest of a pinned file; and the contexts
    that are neither (refused). Contexts pinned by their URL appear in neither.
    """
    context = document.get("@context")
    entries = context if isinstance(context, list) else [context]
    aliases: dict[str, str] = {}
    unknown: list[str] = []
    for entry in entries:
        if not isinstance(entry, str) or entry in INDEX:
            continue
        pinned = content_pinned(entry, document)
        if pinned is None:
            unknown.append(entry)
        else:
            aliases[entry] = pinned
    return aliases, unknown


def loader_for(document: Any, base: DocumentLoader | None = None) -> DocumentLoader:
    """The loader to canonicalise ``document`` with: ``base`` plus its content-pinned contexts.

    A presentation's embedded credentials each pin their own; two of them pinning one URL
    to different files pin it to neither (the canonicalisation then fails on that URL).
    """
    if not isinstance(document, Mapping):
        return base or _DEFAULT
    aliases, _ = content_aliases(document)
    embedded = document.get("verifiableCredential")
    conflicting: set[str] = set()
    for item in embedded if isinstance(embedded, list) else [embedded]:
        if isinstance(item, Mapping):
            for url, pinned in content_aliases(item)[0].items():
                if aliases.setdefault(url, pinned) != pinned:
                    conflicting.add(url)
    for url in conflicting:
        del aliases[url]
    return aliased_loader(aliases, base)
