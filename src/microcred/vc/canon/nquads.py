"""N-Quads 1.1: a strict parser and the canonical serialiser RDFC-1.0 hashes and signs.

The parser decodes every escape and re-serialises each term in canonical form, so a
quad's terms are already the exact strings RDFC-1.0 hashes: two spellings of one RDF
term (``"\\u0041"`` and ``"A"``; ``"x"^^xsd:string`` and ``"x"``) become one string.
It is strict because whatever it accepts may end up signed: anything outside the
grammar, relative IRIs, and escapes that decode to characters an IRI may not hold are
refused with the line number.

Canonical form (RDFC-1.0 §4, "canonical N-Quads"): IRIs are written unescaped;
literals escape ``\\b \\t \\n \\f \\r \\" \\\\`` with their short escapes and the other
control characters U+0000-U+001F and U+007F as ``\\uXXXX`` (upper-case hex), and
nothing else; ``xsd:string`` is implied; one space between terms; `` .\\n`` ends a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from microcred.vc.canon.quads import Quad
from microcred.vc.errors import CanonicalizationError

__all__ = [
    "escape_literal",
    "format_literal",
    "parse_nquads",
    "serialize_nquads",
    "serialize_quad",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# --- canonical literal escaping -------------------------------------------------------

_SHORT_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_ESCAPE_TABLE: dict[int, str] = {
    code: _SHORT_ESCAPES.get(chr(code), f"\\u{code:04X}")
    for code in [*range(0x20), 0x7F, ord('"'), ord("\\")]
}
_NEEDS_ESCAPE = re.compile('[\\x00-\\x1f\\x7f"\\\\]')


def escape_literal(lexical: str) -> str:
    """Escape a literal's lexical form the canonical way (without the quotes)."""
    if _NEEDS_ESCAPE.search(lexical) is None:
        return lexical
    return lexical.translate(_ESCAPE_TABLE)


def format_literal(lexical: str, datatype: str | None = None, language: str | None = None) -> str:
    """The canonical N-Quads term for a literal; ``xsd:string`` is left implicit."""
    body = '"' + escape_literal(lexical) + '"'
    if language is not None:
        return body + "@" + language
    if datatype is None or datatype == XSD_STRING:
        return body
    return body + "^^<" + datatype + ">"


# --- serialising ----------------------------------------------------------------------


def serialize_quad(quad: Quad) -> str:
    """One canonical N-Quads line, newline included (terms are already canonical)."""
    subject, predicate, obj, graph = quad
    if graph:
        return f"{subject} {predicate} {obj} {graph} .\n"
    return f"{subject} {predicate} {obj} .\n"


def serialize_nquads(quads: Iterable[Quad]) -> str:
    """Lines in the order given; RDFC-1.0 output is produced sorted by ``rdfc``."""
    return "".join(serialize_quad(q) for q in quads)


# --- parsing --------------------------------------------------------------------------

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_IRIREF = r'<((?:[^\x00-\x20<>"{}|^`\\]|' + _UCHAR + r")*)>"
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_:"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_BLANK = f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_STRING = r'"((?:[^"\\\n\r]|\\[tbnrf"\'\\]|' + _UCHAR + r')*)"'
_LANGTAG = r"@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)"

_WS = r"[ \t]*"
_RESOURCE = f"(?:{_IRIREF}|({_BLANK}))"
_STATEMENT = re.compile(
    _WS
    + _RESOURCE  # subject: groups 1 (IRI), 2 (blank)
    + _WS
    + _IRIREF  # predicate: group 3
    + _WS
    + f"(?:{_IRIREF}|({_BLANK})|{_STRING}(?:{_WS}\\^\\^{_WS}{_IRIREF}|{_LANGTAG})?)"
    # object: 4 (IRI), 5 (blank), 6 (string), 7 (datatype), 8 (language)
    + f"(?:{_WS}{_RESOURCE})?"  # graph: 9 (IRI), 10 (blank)
    + _WS
    + r"\."
    + _WS
    + r"(?:#[^\r\n]*)?"
)
_EMPTY = re.compile(_WS + r"(?:#[^\r\n]*)?")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_IRI_FORBIDDEN = frozenset(map(chr, range(0x21))) | frozenset('<>"{}|^`\\')
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class _LineError(ValueError):
    """Internal: a reason, turned into a CanonicalizationError with the line number."""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def decode(match: re.Match[str]) -> str:
        short = match.group(3)
        if short is not None:
            return _ECHAR[short]
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise _LineError(f"escape {match.group(0)!r} is not a Unicode scalar value")
        return chr(code)

    return _ESCAPE.sub(decode, text)


def _iri(raw: str) -> str:
    iri = _unescape(raw)
    if "\\" in raw and not _IRI_FORBIDDEN.isdisjoint(iri):
        raise _LineError(f"IRI <{raw}> escapes a character an IRI may not contain")
    if _SCHEME.match(iri) is None:
        raise _LineError(f"IRI <{raw}> is not absolute")
    return "<" + iri + ">"


def _literal(raw: str, datatype: str | None, language: str | None) -> str:
    lexical = _unescape(raw)
    if datatype is not None:
        dt = _iri(datatype)[1:-1]
        if dt == RDF_LANG_STRING:
            raise _LineError("rdf:langString literal without a language tag")
        return format_literal(lexical, dt)
    return format_literal(lexical, None, language)


def _parse_line(line: str) -> Quad | None:
    match = _STATEMENT.fullmatch(line)
    if match is None:
        if _EMPTY.fullmatch(line) is not None:
            return None
        raise _LineError("not an N-Quads statement")
    g = match.groups()
    subject = _iri(g[0]) if g[0] is not None else g[1]
    predicate = _iri(g[2])
    if g[3] is not None:
        obj = _iri(g[3])
    elif g[4] is not None:
        obj = g[4]
    else:
        obj = _literal(g[5], g[6], g[7])
    graph = _iri(g[8]) if g[8] is not None else (g[9] or "")
    return (subject, predicate, obj, graph)


def parse_nquads(text: str) -> list[Quad]:
    """Parse an N-Quads document into quads of canonical term strings, in document order.

    Duplicate statements are kept (an RDF dataset is a set; ``rdfc.canonicalize``
    removes duplicates). Raises ``CanonicalizationError(code="nquads_invalid")``.
    """
    quads: list[Quad] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        try:
            quad = _parse_line(line)
        except _LineError as exc:
            raise CanonicalizationError(
                f"N-Quads line {number}: {exc}: {line[:200]!r}", code="nquads_invalid"
            ) from None
        if quad is not None:
            quads.append(quad)
    return quads
