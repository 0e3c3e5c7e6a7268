"""Reading a credential's commonest fields the same way everywhere, whatever its shape.

A credential is untrusted input: ``issuer`` may be a string, an object with an ``id``, or
anything else. Every reader of these fields (the verifier, the issuer's checks, the
platform's caches and pages) goes through here so that none of them disagrees.

Texts such as ``name`` may be a plain string or, VC 2.0 §11.1 *Language and Base
Direction*, one or more language value objects (``{"@value": "…", "@language": "tr"}``):
:func:`text_for` reads either shape, :func:`language_values` writes the second.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["as_list", "issuer_id", "language_values", "text_for"]


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer's identifier (``issuer`` or ``issuer.id``), or None if it has none."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def as_list(value: Any) -> list[Any]:
    """A JSON-LD value as a list: ``[]`` for None, ``[x]`` for a single value."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


SCHEMA_ORG = "https://schema.org/"
"""``name`` and ``description`` (VC 2.0, OB 3.0) are schema.org's; a node may also give them
under their full IRI, which is where Microcred puts language value objects that the OB 3.0
JSON Schema does not allow under the short names (decision 0009)."""


def _base_language(tag: Any) -> str:
    return str(tag).lower().split("-")[0] if isinstance(tag, str) else ""


def _texts(value: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for item in as_list(value):
        if isinstance(item, str) and item.strip():
            found.append(("", item.strip()))
        elif isinstance(item, Mapping) and isinstance(item.get("@value"), str):
            text = item["@value"].strip()
            if text:
                found.append((_base_language(item.get("@language")), text))
    return found


def text_for(node: Any, term: str, language: str) -> str | None:
    """The text of ``node[term]`` (``name``, ``description``, …) for ``language``.

    The value may be a string, a language value object or a list of either, and for
    ``name``/``description`` also come under the schema.org IRI. A text tagged with the
    language wins (``"en"`` matches ``"en-GB"``), then an untagged string, then the first
    text found; None when there is no non-empty text (untrusted input: anything else,
    numbers or nested objects, is ignored).
    """
    if not isinstance(node, Mapping):
        return None
    found = _texts(node.get(term))
    if term in ("name", "description"):
        found += _texts(node.get(SCHEMA_ORG + term))
    wanted = _base_language(language)
    for order in (wanted, ""):
        for tag, text in found:
            if tag == order:
                return text
    return found[0][1] if found else None


def language_values(texts: Mapping[str, str]) -> list[dict[str, str]]:
    """``{"tr": "…", "en": "…"}`` as VC 2.0 language value objects, empty texts left out."""
    return [
        {"@value": text.strip(), "@language": language}
        for language, text in texts.items()
        if text and text.strip()
    ]
