"""The RDF quad as the canonicaliser sees it.

A quad is a 4-tuple of *N-Quads term strings*: ``("<http://s>", "<http://p>",
'"lit"^^<http://dt>', "")``. Blank nodes are ``_:label``; the default graph is ``""``.
Keeping terms in their serialised form makes hashing and serialising (the hot path of
RDFC-1.0) plain string work, and lets a relabelled blank node be a string replace.
"""

from __future__ import annotations

Term = str
Quad = tuple[Term, Term, Term, Term]


def is_blank(term: Term) -> bool:
    """True for a blank node label (``_:x``)."""
    return term.startswith("_:")
