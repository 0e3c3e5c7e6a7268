"""Remembering canonical forms inside one explicit scope.

An issuer signs a credential and then verifies what it signed (``microcred.vc.issue``); both
steps canonicalise the very same document, and canonicalisation is most of their cost. Within
a ``remembered_canonical_forms()`` block, ``canonicalize_jsonld`` computes each distinct
(document, loader) once: the key is the document's exact JSON text, so any difference in
content, however small, is a different key. Outside such a block nothing is remembered —
a verifier never trusts a canonical form it did not compute for the input in front of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_MEMO: ContextVar[dict[tuple[int, str], str] | None] = ContextVar(
    "microcred_canonical_memo", default=None
)


@contextmanager
def remembered_canonical_forms() -> Iterator[None]:
    """Within this block, the same document is canonicalised at most once per loader.

    A block inside another shares the outer block's memory: a bulk issuer that wraps a whole
    chunk canonicalises the proof configuration (the same for every credential signed at the
    same moment with the same key) once for the chunk, not twice per credential.
    """
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(document: Mapping[str, Any], loader: object, compute: Callable[[], str]) -> str:
    """``compute()``, or its remembered result for this exact document and loader."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    key = (id(loader), json.dumps(document, sort_keys=True, ensure_ascii=False))
    if key not in memo:
        memo[key] = compute()
    return memo[key]


__all__ = ["memoised", "remembered_canonical_forms"]
