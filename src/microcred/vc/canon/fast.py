"""JSON-LD → RDF without pyld, for the documents we sign and verify most.

``to_quads_fast`` gives the same dataset as the reference path
(``canon.jsonld.to_quads_reference``: pyld 3.3 in safe mode), or ``None`` when the
document uses anything it does not reproduce exactly; the caller then takes the
reference path. Declining costs a few milliseconds; a different dataset would let a
signature cover something other than what the verifier shows. So the subset is
narrow and its every edge declines: inline ``@context`` objects, relative or
blank-node IRIs, ``@reverse``/``@nest``/``@included``/``@graph``/``@list`` keys,
index, language, id and type maps, ``@json``, ``@direction``, ``@base``, ``@import``,
language tags not in lower case, integers beyond 2**53 − 1, doubles halfway between two
16-digit decimals, numbers or strings typed ``xsd:double`` (see ``fast_terms``,
``fast_context``, ``fast_walk``; ``why_declined`` says which). Undefined terms decline
too; the reference path raises ``jsonld_undefined_term`` for them.

What it does take: ``@context`` as a URL or a list of URLs, at the top or embedded in a
node (an endorsement inside a credential, a credential inside a presentation); term
definitions with ``@id``/``@type`` coercion (``@id``, ``@vocab``, datatypes),
``@container`` ``@set``/``@list``/``@graph``, ``@language``, ``@protected``, ``@prefix``,
property- and type-scoped contexts and ``@vocab``; value objects; null values; nested
arrays.

The contexts for a tuple of URLs are processed once per process (~6 ms for VC 2.0 +
OB 3.0.3 + elements) and cached by that tuple. A loader's answer is trusted for a
cached tuple only once it has served the same documents (compared by value); a loader
that tags them ``"static"`` (``contexts.pinned_loader`` does) is then remembered, so
the usual call loads nothing. A loader that refuses a URL makes the fast path decline,
and the reference path reports the refusal.

Measured on ``vc.testing.sample_credential`` (3.2 kB, 78 quads), warm cache:
~70-90 µs per call against ~5-8 ms for the reference path.
"""

from __future__ import annotations

import contextlib
import json
import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from microcred.vc.canon.fast_context import (
    MEMO_BUDGET,
    Ctx,
    memo_weight,
    process,
    reset_memo_weight,
)
from microcred.vc.canon.fast_terms import Unsupported, is_strict_iri
from microcred.vc.canon.fast_walk import Walk
from microcred.vc.canon.quads import Quad

__all__ = ["clear_cache", "to_quads_fast", "why_declined"]

Loader = Callable[[str, dict[str, Any]], dict[str, Any]]

MAX_CONTEXT_URLS = 10  # pyld refuses a document needing more than 11 remote contexts
CACHE_SIZE = 64


def to_quads_fast(document: Mapping[str, Any], *, document_loader: Loader) -> list[Quad] | None:
    """The quads of a JSON-LD document, or None if the reference path must do it.

    Quads may repeat (as with the reference path); a dataset is their set.
    """
    try:
        return _to_quads(document, document_loader)
    except (Unsupported, RecursionError):
        return None


def why_declined(document: Mapping[str, Any], *, document_loader: Loader) -> str | None:
    """Why ``to_quads_fast`` declines this document (None: it does not)."""
    try:
        _to_quads(document, document_loader)
    except Unsupported as exc:
        return str(exc)
    except RecursionError:
        return "nested too deeply"
    return None


def _to_quads(document: Mapping[str, Any], loader: Loader) -> list[Quad]:
    if not isinstance(document, Mapping):
        raise Unsupported("a JSON-LD document here is a JSON object")
    if memo_weight() > MEMO_BUDGET:  # documents have grown the memos: start afresh
        clear_cache()
    ctx = _active_context(document.get("@context", _NO_CONTEXT), loader)

    def embedded(value: object) -> tuple[tuple[str, ...], object, list[dict[str, Any] | None]]:
        urls = _urls(value)
        contexts = _contexts(urls, loader)
        return urls, contexts, contexts.resolved

    walk = Walk(embedded)
    walk.top(ctx, document if isinstance(document, dict) else dict(document))
    return walk.quads


def clear_cache() -> None:
    """Forget every processed context (tests; the cache never needs it for correctness)."""
    with _LOCK:
        _CACHE.clear()
        reset_memo_weight()


# --- the context cache ----------------------------------------------------------------

_NO_CONTEXT = object()


@dataclass(eq=False)
class _Contexts:
    """The contexts one tuple of URLs resolves to, and the active context they give on
    their own (None: outside the subset; they may still apply on top of another)."""

    resolved: list[dict[str, Any] | None]
    loaded: list[tuple[str, Any]]  # every URL fetched, with a private copy of its document
    ctx: Ctx | None
    trusted: weakref.WeakSet[Any] = field(default_factory=weakref.WeakSet)


_CACHE: dict[tuple[str, ...], _Contexts] = {}
_LOCK = threading.Lock()


def _urls(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(url, str) for url in value):
        return tuple(value)
    raise Unsupported("@context is not a URL or a list of URLs")


def _active_context(value: object, loader: Loader) -> Ctx:
    contexts = _contexts(() if value is _NO_CONTEXT else _urls(value), loader)
    if contexts.ctx is None:
        raise Unsupported("these contexts are outside the supported subset")
    return contexts.ctx


def _contexts(urls: tuple[str, ...], loader: Loader) -> _Contexts:
    """The cached contexts for ``urls``, provided ``loader`` serves those documents."""
    contexts = _CACHE.get(urls)
    if contexts is None:
        contexts = _compile(urls, loader)
        with _LOCK:
            if len(_CACHE) >= CACHE_SIZE:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[urls] = contexts
    elif loader not in contexts.trusted:
        _check_loader(contexts, loader)
    return contexts


def _check_loader(contexts: _Contexts, loader: Loader) -> None:
    """Decline unless ``loader`` serves the very documents the context was built from."""
    static = True
    for url, snapshot in contexts.loaded:
        document, is_static = _load(loader, url)
        if document is not snapshot and document != snapshot:
            raise Unsupported(f"the loader serves another document for {url}")
        static = static and is_static
    if static:
        _trust(contexts, loader)


def _trust(contexts: _Contexts, loader: Loader) -> None:
    with contextlib.suppress(TypeError):  # not weak-referenceable: checked on every call
        contexts.trusted.add(loader)


def _compile(urls: tuple[str, ...], loader: Loader) -> _Contexts:
    """Fetch the contexts (loader errors decline, uncached) and process them."""
    loaded: list[tuple[str, Any]] = []
    static = [True]
    resolved: list[dict[str, Any] | None] = []
    done: dict[str, list[dict[str, Any] | None]] = {}

    def fetch(url: str, pending: frozenset[str]) -> list[dict[str, Any] | None]:
        if not is_strict_iri(url) or url in pending:
            raise Unsupported(f"context URL {url!r} is relative or cyclic")
        if url in done:
            return done[url]
        if len(loaded) >= MAX_CONTEXT_URLS:
            raise Unsupported("too many context URLs")
        document, is_static = _load(loader, url)
        snapshot = _snapshot(document)
        loaded.append((url, snapshot))
        static[0] = static[0] and is_static
        inner = snapshot.get("@context", {})
        contexts: list[dict[str, Any] | None] = []
        for item in inner if isinstance(inner, list) else [inner]:
            if isinstance(item, str):
                contexts.extend(fetch(item, pending | {url}))
            elif item is None or (isinstance(item, dict) and "@context" not in item):
                contexts.append(item)
            else:
                raise Unsupported(f"unsupported @context in {url}")
        done[url] = contexts
        return contexts

    for url in urls:
        resolved.extend(fetch(url, frozenset()))
    try:
        ctx: Ctx | None = process(Ctx(), resolved, override_protected=False)
    except (Unsupported, RecursionError):
        ctx = None
    contexts = _Contexts(resolved, loaded, ctx)
    if static[0]:
        _trust(contexts, loader)
    return contexts


def _load(loader: Loader, url: str) -> tuple[dict[str, Any], bool]:
    try:
        remote = loader(url, {})
    except Exception as exc:  # the reference path raises the proper error
        raise Unsupported(f"the loader refused {url}") from exc
    if not isinstance(remote, Mapping) or remote.get("contextUrl"):
        raise Unsupported(f"unexpected loader answer for {url}")
    document = remote.get("document")
    if not isinstance(document, dict):
        raise Unsupported(f"{url} is not a JSON object")
    return document, remote.get("tag") == "static"


def _snapshot(document: dict[str, Any]) -> dict[str, Any]:
    """A private deep copy: what we processed cannot change under the cache."""
    try:
        copy: dict[str, Any] = json.loads(json.dumps(document))
    except (TypeError, ValueError) as exc:
        raise Unsupported("context document is not plain JSON") from exc
    return copy
