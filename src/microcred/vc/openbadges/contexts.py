"""The JSON-LD context lists an Open Badges 3.0 / CLR 2.0 document carries.

OB 3.0 with VC 2.0 means exactly two contexts, in this order; the older OB contexts
(3.0.0-3.0.2) redefine protected VC 2.0 terms and fail to expand. Our EU-elements
extension context is appended only when an achievement uses one of its terms, so a
credential without EU elements stays byte-for-byte what any OB 3.0 issuer would write.

The extension context is pinned under ``ELEMENTS_CONTEXT_URL``, an identifier nobody
serves. A deployment names it at its own public address instead (where it serves the
file byte for byte) and protects that address with a ``relatedResource`` digest, so that
any verifier can fetch it and every Microcred verifier can pin it by content (decision
0006).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from microcred.vc.contexts import load_context
from microcred.vc.contexts.integrity import related_resource_for

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_V2_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
ELEMENTS_CONTEXT_URL = "https://contexts.microcred.eu/elements/v1.jsonld"

OB_CONTEXTS: tuple[str, ...] = (VC_V2_CONTEXT, OB_V3_CONTEXT)
CLR_CONTEXTS: tuple[str, ...] = (VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT)


@cache
def elements_terms() -> frozenset[str]:
    """The top-level terms our extension context defines (from the pinned file)."""
    context: dict[str, Any] = load_context(ELEMENTS_CONTEXT_URL)["@context"]
    return frozenset(term for term in context if not term.startswith("@"))


def uses_elements(achievement: Mapping[str, Any] | None) -> bool:
    """Whether an achievement's JSON carries any EU-element extension term."""
    return achievement is not None and not elements_terms().isdisjoint(achievement)


def credential_context(
    achievement: Mapping[str, Any] | None = None, *, elements_url: str = ELEMENTS_CONTEXT_URL
) -> list[str]:
    """``[VC 2.0, OB 3.0.3]``, plus the EU-elements context (at ``elements_url``) if the
    achievement needs it."""
    contexts = list(OB_CONTEXTS)
    if uses_elements(achievement):
        contexts.append(elements_url)
    return contexts


def context_resources(contexts: Sequence[str], *, elements_url: str) -> list[dict[str, str]]:
    """The ``relatedResource`` entries that pin a served copy of our context by its digest."""
    if elements_url == ELEMENTS_CONTEXT_URL or elements_url not in contexts:
        return []
    return [related_resource_for(elements_url, ELEMENTS_CONTEXT_URL)]
