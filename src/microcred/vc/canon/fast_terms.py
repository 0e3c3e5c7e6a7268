"""RDF terms for the fast JSON-LD → RDF path: IRI checks and literal lexical forms.

Each function either returns the exact N-Quads term the reference path (pyld 3.3, in
the safe mode of ``canon.jsonld``) would produce, or raises :class:`Unsupported` so the
caller falls back to that path. Declining is always safe; a different term is a
forgery hole. So where pyld, the JSON-LD 1.1 spec and jsonld.js could disagree (big or
tied numbers, upper-case language tags, strings typed ``xsd:double``) we decline.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from microcred.vc.canon.nquads import escape_literal, format_literal

__all__ = [
    "RDF_FIRST",
    "RDF_NIL",
    "RDF_REST",
    "RDF_TYPE",
    "Unsupported",
    "iri_term",
    "is_pyld_absolute",
    "is_strict_iri",
    "literal",
    "literal_suffix",
    "string_literal",
    "valid_language",
]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = f"<{RDF}type>"
RDF_FIRST = f"<{RDF}first>"
RDF_REST = f"<{RDF}rest>"
RDF_NIL = f"<{RDF}nil>"
XSD_BOOLEAN = f"{XSD}boolean"
XSD_INTEGER = f"{XSD}integer"
XSD_DOUBLE = f"{XSD}double"
XSD_STRING = f"{XSD}string"

_MAX_SAFE_INTEGER = 2**53 - 1
"""Beyond this JavaScript processors (jsonld.js) no longer hold the exact integer."""


class Unsupported(Exception):  # noqa: N818 - a signal, not an error the user sees
    """The document leaves the subset the fast path reproduces exactly (or is invalid)."""


# pyld's test for "absolute IRI", reproduced exactly because it decides which branch of
# IRI expansion runs: a scheme (the class ``+-.`` in pyld is the range + , - .) or "_",
# a colon, no whitespace, and (``$`` in Python) an optional final newline.
_PYLD_ABSOLUTE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+,\-.]*|_):\S*\n?")

# What we emit: an RFC 3987-shaped scheme and nothing N-Quads would have to escape,
# no whitespace (pyld drops IRIs with any), no C1 controls, no lone surrogates.
_STRICT_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+\-.]*:[^\s\x00-\x20\x7f-\x9f<>\"{}|^`\\\ud800-\udfff]*"
)
_LANGUAGE = re.compile(r"[a-z]{1,8}(?:-[a-z0-9]{1,8})*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_pyld_absolute(value: str) -> bool:
    """pyld's ``_is_absolute_iri`` (blank node labels included)."""
    return _PYLD_ABSOLUTE.fullmatch(value) is not None


def is_strict_iri(value: str) -> bool:
    """An absolute IRI we can emit unchanged, and that every processor keeps."""
    return _STRICT_IRI.fullmatch(value) is not None


def iri_term(value: object) -> str:
    """``<value>``, or :class:`Unsupported` if it is not an IRI we emit as is."""
    if not isinstance(value, str) or _STRICT_IRI.fullmatch(value) is None:
        raise Unsupported(f"not an absolute IRI: {value!r}")
    return "<" + value + ">"


def valid_language(tag: object) -> str:
    """A language tag already in the lower case pyld and jsonld.js both produce."""
    if not isinstance(tag, str) or _LANGUAGE.fullmatch(tag) is None:
        raise Unsupported(f"language tag outside the supported form: {tag!r}")
    return tag


def _string(value: str) -> str:
    if not value.isascii() and _SURROGATE.search(value) is not None:
        raise Unsupported("lone surrogate in a string")
    return value


def literal_suffix(datatype: str | None, language: str | None) -> str:
    """What follows the quoted lexical form of a string literal with this type/language."""
    if language is not None:
        return "@" + language
    if datatype is None or datatype == XSD_STRING:
        return ""
    if datatype == XSD_DOUBLE:
        raise Unsupported("string typed xsd:double")  # pyld 3.3 rewrites these
    return "^^<" + datatype + ">"


# The canonical escapes, taken from the serialiser itself so the two cannot drift apart;
# substituted match by match (``str.translate`` with a table costs ~70 ns per character).
_ESCAPES = {chr(code): escape_literal(chr(code)) for code in [*range(0x20), 0x7F, 0x22, 0x5C]}
_TO_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _escape_match(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def string_literal(value: str, suffix: str) -> str:
    """A string literal; ``suffix`` from :func:`literal_suffix` (the hot path)."""
    return '"' + _TO_ESCAPE.sub(_escape_match, _string(value)) + '"' + suffix


def _double(value: float) -> str:
    """The canonical xsd:double of JSON-LD toRdf: ``1.1E0``, ``-2.5E-7``.

    pyld formats with Python (round-half-even), jsonld.js with ``toExponential(15)``
    (round-half-up); they differ only when the exact binary value lies halfway between
    two 16-digit decimals, so those values are declined.
    """
    digits = Decimal(value).as_tuple().digits
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    if significant == 17 and digits[16] == 5:
        raise Unsupported("double halfway between two 16-digit decimals")
    mantissa, exponent = f"{value:.15E}".split("E")
    mantissa = mantissa.rstrip("0")
    if mantissa.endswith("."):
        mantissa += "0"
    return f"{mantissa}E{int(exponent)}"


def literal(value: object, datatype: str | None = None, language: str | None = None) -> str:
    """The literal term for a JSON scalar with an optional datatype or language.

    ``language`` applies to strings only (the caller guarantees no datatype with it).
    """
    if isinstance(value, str):
        return string_literal(value, literal_suffix(datatype, language))
    if language is not None:
        raise Unsupported("language on a non-string")
    if isinstance(value, bool):
        return format_literal("true" if value else "false", datatype or XSD_BOOLEAN)
    if isinstance(value, int):
        if datatype == XSD_DOUBLE or abs(value) > _MAX_SAFE_INTEGER:
            raise Unsupported("integer outside the exactly shared range")
        return format_literal(str(value), datatype or XSD_INTEGER)
    if isinstance(value, float):
        if not math.isfinite(value) or datatype == XSD_DOUBLE:
            raise Unsupported("non-finite number, or a number typed xsd:double")
        if value.is_integer():
            if abs(value) > _MAX_SAFE_INTEGER:
                raise Unsupported("integral number outside the exactly shared range")
            return format_literal(str(int(value)), datatype or XSD_INTEGER)
        return format_literal(_double(value), datatype or XSD_DOUBLE)
    raise Unsupported(f"not a JSON scalar: {type(value).__name__}")
