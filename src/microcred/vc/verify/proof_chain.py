"""Proof sets and proof chains (Data Integrity 1.0 §2.1.1, §2.1.2, §4.5).

A proof *set* is several independent proofs over one document: each signs the document
without any proof. A proof *chain* orders them: a proof naming ``previousProof`` signs the
document with ``proof`` set to the proofs it names (always an array, as the W3C test
vectors do), so an endorser's or co-awarding body's proof binds the issuer's proof it
builds on. Each named proof must exist in the set (else the chain is broken) and verifies
in its own right, as every proof of the set does.

Some signers (Digital Bazaar's jsonld-signatures 11) write ``previousProof`` but sign
the document without the earlier proofs. Such a proof still signs every claim of the
credential; only its place in the chain is unsigned. We accept it, say so in the report
(``proof_chain_unbound``), and still require the named proofs to exist and verify.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from microcred.vc.errors import ProofError
from microcred.vc.proofs.dataintegrity import unsecured


def previous_ids(proof: Mapping[str, Any]) -> list[str]:
    """The ids ``proof.previousProof`` names (a string or a list of strings)."""
    if "previousProof" not in proof:
        return []
    value = proof["previousProof"]
    ids = [value] if isinstance(value, str) else value
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
        raise ProofError(
            "previousProof must be a string or a list of strings", code="proof_malformed"
        )
    return ids


def duplicate_ids(proofs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Proof ids that appear more than once (a chain through them would be ambiguous)."""
    seen: set[str] = set()
    duplicates: list[str] = []
    for proof in proofs:
        ident = proof.get("id")
        if isinstance(ident, str):
            if ident in seen:
                duplicates.append(ident)
            seen.add(ident)
    return duplicates


def chained_document(
    document: Mapping[str, Any], proof: Mapping[str, Any], proofs: Sequence[Mapping[str, Any]]
) -> dict[str, Any] | None:
    """What a chained ``proof`` signs: the document with the proofs it names; None for a
    proof that names none. Raises ``proof_previous_missing`` for a name not in the set."""
    ids = previous_ids(proof)
    if not ids:
        return None
    by_id = {p["id"]: p for p in proofs if isinstance(p.get("id"), str)}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ProofError(
            f"previousProof {missing[0]!r} is not among the document's proofs",
            code="proof_previous_missing",
        )
    base = unsecured(document)
    base["proof"] = [dict(by_id[i]) for i in ids]
    return base
