"""Inline ``@context`` objects (VC 2.0 §4.3), accepted in safe mode (decision 0008).

VC 2.0 lets every ``@context`` item after the first be a URL *or an object processable as
a JSON-LD context*. Such an object is data the issuer signed, like any claim, so accepting
it costs no trust as long as it cannot (a) change what the pinned contexts mean — JSON-LD
1.1 refuses to redefine their ``@protected`` terms, and our safe mode refuses any term that
would be dropped — or (b) make the verifier fetch something: a URL inside it goes through
the same pinned loader. What stays refused, each with its own code:

* ``@base``: Data Integrity §4 requires RDF to be produced with a null base; a ``@base``
  would turn relative IRIs — which safe mode refuses — into IRIs the issuer chose;
* anything that is neither a URL string nor an object (numbers, null, nested arrays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from microcred.vc.verify.report import Check, CheckStatus


def _failed(code: str, **params: str) -> Check:
    return Check("contexts", code, CheckStatus.FAILED, params)


def _has_base(value: Any) -> bool:
    """Whether a context object sets ``@base`` at any depth (scoped contexts included)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            if "@base" in node:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def inline_context_problem(entries: Sequence[Any]) -> Check | None:
    """The refusal for the ``@context`` items after the first, or None if all may be used."""
    for entry in entries:
        if isinstance(entry, str):
            continue
        if not isinstance(entry, Mapping):
            return _failed("context_entry_invalid")
        if _has_base(entry):
            return _failed("context_base_forbidden")
    return None
