"""W3C VC 2.0 Verifiable Presentations (§4.13): signed by the holder, verified in full.

A presentation proves two things a bare credential cannot: that whoever hands it over
controls the holder's key (``proofPurpose: authentication``), and, with a verifier's
``challenge`` and ``domain``, that it was made for this verifier now and is not a replay.
Verifying one runs the presentation's own checks (structure, contexts, JSON-LD, proofs,
holder binding) and then every embedded credential through the full credential pipeline;
the presentation verifies only if all of them do.

Credentials signed with a Data Integrity proof are embedded as they are; a ``vc+jwt``
travels as an ``EnvelopedVerifiableCredential`` whose id is a ``data:application/vc+jwt,…``
URL (VC 2.0 §4.13.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from microcred.vc.contexts import VC_V2, DocumentLoader, loader_for, pinned_loader
from microcred.vc.dates import format_datetime
from microcred.vc.did import DidResolver, Fetcher, did_key_for
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.multibase import encode_multibase
from microcred.vc.proofs import EDDSA_JCS_2022, EDDSA_RDFC_2022, hash_data, proof_config
from microcred.vc.proofs.dataintegrity import PROOF_TYPE
from microcred.vc.verify.budget import Budget
from microcred.vc.verify.context import Run
from microcred.vc.verify.options import VerifyOptions
from microcred.vc.verify.pipeline import DEFAULT_SKEW, verify_credential
from microcred.vc.verify.presentation_rules import (
    ENVELOPED_TYPE,
    JWT_DATA_PREFIX,
    PRESENTATION_TYPE,
    credential_summary,
    holder_binding,
    holder_id,
    shape_checks,
    unwrap,
)
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport
from microcred.vc.verify.rules_document import check_jsonld
from microcred.vc.verify.rules_proof import proof_checks

__all__ = [
    "AUTHENTICATION",
    "ENVELOPED_TYPE",
    "JWT_DATA_PREFIX",
    "PRESENTATION_TYPE",
    "PresentationReport",
    "envelope",
    "holder_did_key",
    "holder_verification_method",
    "sign_presentation",
    "verify_presentation",
]

AUTHENTICATION = "authentication"


def holder_did_key(public_key: Ed25519PublicKey) -> str:
    """The holder's ``did:key`` (the DID *is* the public key)."""
    return did_key_for(public_key)


def holder_verification_method(public_key: Ed25519PublicKey) -> str:
    """``did:key:z6Mk…#z6Mk…``: the one method a did:key document lists."""
    return f"{did_key_for(public_key)}#{public_key.multikey}"


def envelope(jwt: str) -> dict[str, Any]:
    """A compact vc+jwt wrapped so it can sit in ``verifiableCredential``."""
    if jwt.count(".") != 2 or any(c.isspace() for c in jwt):
        raise ValueError("a vc+jwt is a compact JWS: three dot-separated parts, no spaces")
    return {"@context": VC_V2, "id": JWT_DATA_PREFIX + jwt, "type": ENVELOPED_TYPE}


def _embedded(credential: Mapping[str, Any] | str) -> dict[str, Any]:
    if isinstance(credential, str):
        return envelope(credential)
    if not isinstance(credential, Mapping):
        raise TypeError(f"a credential is a JSON object or a vc+jwt, not {type(credential)}")
    return dict(credential)


def sign_presentation(
    credentials: Sequence[Mapping[str, Any] | str],
    *,
    holder: Ed25519KeyPair,
    now: datetime,
    challenge: str | None = None,
    domain: str | None = None,
    document_loader: DocumentLoader | None = None,
    cryptosuite: str = EDDSA_RDFC_2022,
) -> dict[str, Any]:
    """A VerifiablePresentation of ``credentials`` with the holder's authentication proof.

    Raises a :class:`~microcred.vc.errors.VcError` (e.g. ``context_not_pinned``) when an
    embedded credential cannot be canonicalised offline.
    """
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    presentation: dict[str, Any] = {
        "@context": [VC_V2],
        "type": [PRESENTATION_TYPE],
        "holder": holder_did_key(holder.public),
        "verifiableCredential": [_embedded(c) for c in credentials],
    }
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": format_datetime(now),
        "verificationMethod": holder_verification_method(holder.public),
        "proofPurpose": AUTHENTICATION,
    }
    if challenge is not None:
        proof["challenge"] = challenge
    if domain is not None:
        proof["domain"] = domain
    if cryptosuite == EDDSA_JCS_2022:
        proof["@context"] = presentation["@context"]
    loader = loader_for(presentation, document_loader)
    data = hash_data(
        presentation, proof_config(presentation, proof, cryptosuite), cryptosuite, loader
    )
    proof["proofValue"] = encode_multibase(holder.sign(data), "z")
    return {**presentation, "proof": proof}


@dataclass(frozen=True, slots=True)
class PresentationReport:
    """The verdict on a presentation: its own checks, then each credential's report."""

    checks: tuple[Check, ...]
    holder: str | None = None
    credentials: tuple[VerificationReport, ...] = field(default=())
    presentation: Mapping[str, Any] | None = None

    @property
    def verified(self) -> bool:
        return all(c.passed for c in self.checks) and all(r.verified for r in self.credentials)

    @property
    def problems(self) -> tuple[str, ...]:
        """Stable codes of what failed in the presentation itself."""
        return tuple(c.code for c in self.checks if not c.passed)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def __bool__(self) -> bool:
        return self.verified

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "verified": self.verified,
            "holder": self.holder,
            "checks": [c.to_json(lang) for c in self.checks],
            "credentials": [r.to_json(lang) for r in self.credentials],
        }


def verify_presentation(
    vp: Any,
    *,
    now: datetime,
    challenge: str | None = None,
    domain: str | None = None,
    documents: Mapping[str, Any] | None = None,
    fetcher: Fetcher | None = None,
    document_loader: DocumentLoader | None = None,
    max_clock_skew: timedelta = DEFAULT_SKEW,
    check_status: bool = True,
    budget: Budget | None = None,
    expected_proof_purpose: str = AUTHENTICATION,
    **credential_options: Any,
) -> PresentationReport:
    """Check the holder's proof and verify every credential; never raises for bad input.

    When the verifier asks for a ``challenge``/``domain``, every proof must carry exactly
    that value, so a presentation made for someone else cannot be replayed here.
    ``documents``/``fetcher`` resolve DIDs and status lists as for ``verify_credential``;
    ``credential_options`` (``status_cache``, ``resource_loader``, …) go to it unchanged.
    """
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    if not isinstance(vp, Mapping):
        failed = Check("structure", "presentation_not_object", CheckStatus.FAILED)
        return PresentationReport(checks=(failed,))
    budget = budget or Budget()
    loader = loader_for(vp, document_loader or pinned_loader())
    checks = shape_checks(vp)
    shared: dict[str, Any] = {
        "now": now,
        "documents": documents,
        "fetcher": budget.guard(fetcher),
        "max_clock_skew": max_clock_skew,
        "budget": budget,
    }
    if all(c.passed for c in checks):
        run = _run(vp, loader, shared, VerifyOptions(expected_proof_purpose, challenge, domain))
        checks += _proof_rules(run)
    reports = tuple(
        verify_credential(
            unwrap(item),
            document_loader=loader,
            check_status=check_status,
            **shared,
            **credential_options,
        )
        for item in _as_list(vp.get("verifiableCredential"))
    )
    checks.append(credential_summary(reports))
    return PresentationReport(tuple(checks), holder_id(vp), reports, presentation=vp)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _run(
    vp: Mapping[str, Any], loader: DocumentLoader, shared: Mapping[str, Any], options: VerifyOptions
) -> Run:
    documents = shared["documents"] or {}
    run = Run(
        credential=dict(vp),
        jwt=None,
        now=shared["now"],
        max_clock_skew=shared["max_clock_skew"],
        document_loader=loader,
        resolver=DidResolver(documents=documents, fetcher=shared["fetcher"]),
        documents=documents,
        fetcher=shared["fetcher"],
        status_cache=None,
        budget=shared["budget"],
    )
    options.apply(run)
    return run


def _proof_rules(run: Run) -> list[Check]:
    """JSON-LD in safe mode, every proof (a set or a chain), and the holder binding."""
    checks = [check_jsonld(run)]
    found, controllers = proof_checks(run)
    if [c.code for c in found] == ["proof_missing"]:
        found = [Check("proof", "presentation_proof_missing", CheckStatus.FAILED)]
    checks += found
    if controllers:
        checks.append(holder_binding(run.credential, controllers))
    return checks
