"""Canonical forms: what exactly gets hashed and signed.

* RDFC-1.0 (W3C RDF Dataset Canonicalization) of a JSON-LD document, for
  ``eddsa-rdfc-2022``: ``canonicalize_jsonld`` = ``to_quads`` (JSON-LD → RDF, safe mode)
  then ``canonicalize`` (our own RDFC-1.0, with a work limit against poison graphs);
* JCS (RFC 8785), for ``eddsa-jcs-2022``: ``jcs``.

Every term of a ``Quad`` is kept as its canonical N-Quads string. Nothing here does
I/O: contexts come from the ``document_loader`` the caller passes.
"""

from __future__ import annotations

from microcred.vc.canon.jcs import jcs
from microcred.vc.canon.jsonld import canonicalize_jsonld, to_quads
from microcred.vc.canon.nquads import parse_nquads, serialize_nquads
from microcred.vc.canon.quads import Quad
from microcred.vc.canon.rdfc import CanonicalResult, canonicalize

__all__ = [
    "CanonicalResult",
    "Quad",
    "canonicalize",
    "canonicalize_jsonld",
    "jcs",
    "parse_nquads",
    "serialize_nquads",
    "to_quads",
]
