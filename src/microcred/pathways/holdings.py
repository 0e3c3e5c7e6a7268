"""The learner's credentials, verified now, as evidence for pathways.

The caller (the passport) hands over what the learner holds — its handle and the exact
text kept (JSON or a compact ``vc+jwt``) — and every credential is verified here through
the platform's one entry point (:func:`~microcred.verification.services.verify_document`):
signature, status, validity and the issuer's standing, as any verifier would, at this
moment. Nothing earlier is trusted, not even the answer of the import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from microcred.pathways.evidence import Evidence, read_evidence
from microcred.vc.verify import Parsed, parse_input
from microcred.verification.services import verify_document

__all__ = ["Held", "verified_evidence"]


@dataclass(frozen=True, slots=True)
class Held:
    """One credential the learner holds: the caller's handle and the text it keeps."""

    ref: str
    raw: str


def verified_evidence(held: Iterable[Held], *, now: datetime | None = None) -> list[Evidence]:
    """Each readable credential with the verdict of a verification run now."""
    found: list[Evidence] = []
    for item in held:
        parsed = parse_input(item.raw)
        if not isinstance(parsed, Parsed):
            continue  # not a credential at all: nothing a pathway could count
        report = verify_document(parsed, now=now)
        found.append(read_evidence(item.ref, parsed, report))
    return found
