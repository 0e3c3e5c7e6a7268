"""Remembering canonical forms inside one explicit scope.

An issuer signs a credential and then verifies what it signed (``microcred.vc.issue``); both
steps canonicalise the very same document, and canonicalisation is most of their cost. Within
a ``remembered_canonical_forms()`` block, ``canonicalize_jsonld`` computes each distinct
(document, loader) once. The key is the document's pickle: it keeps every key, string and
number exactly, with its type (``1``, ``1.0`` and ``True`` differ, as they do in RDF), so
any difference in content, however small, is a different key; equal documents built
differently (key order, shared objects) may merely miss. A pickle is 3–4 times cheaper to
make than the sorted JSON text used before, and the bulk issuer makes four per credential.
Outside such a block nothing is remembered — a verifier never trusts a canonical form it
did not compute for the input in front of it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_MEMO: ContextVar[dict[tuple[int, bytes], str] | None] = ContextVar(
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
    try:
        key = (id(loader), pickle.dumps(document, protocol=5))
    except (TypeError, ValueError, AttributeError, pickle.PicklingError):
        return compute()  # not plain JSON data: let the computation say what is wrong
    if key not in memo:
        memo[key] = compute()
    return memo[key]


__all__ = ["memoised", "remembered_canonical_forms"]
