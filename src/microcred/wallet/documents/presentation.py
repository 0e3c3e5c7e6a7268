"""The learner's credentials as a W3C VC 2.0 Verifiable Presentation, signed by the holder.

A presentation proves two things a bare credential cannot: that whoever hands it over
controls the holder's key (``proofPurpose: authentication``), and, with a verifier's
``challenge`` and ``domain``, that it was made for this verifier now and is not a replay.
The holder's DID is a ``did:key``: nothing to publish or host, so an export made today
still verifies when the wallet is long gone.

Credentials signed with a Data Integrity proof are embedded as they are; a ``vc+jwt``
cannot be embedded as JSON without losing its signature, so it travels as an
``EnvelopedVerifiableCredential`` whose id is a ``data:application/vc+jwt,…`` URL (VC 2.0
§4.13). The presentation's own proof is eddsa-rdfc-2022, so every embedded credential must
use contexts the trust core has pinned; one that does not is refused when signing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from microcred.vc import VC_V2, DocumentLoader, VerificationReport
from microcred.vc.contexts import loader_for
from microcred.vc.dates import format_datetime, parse_datetime
from microcred.vc.did import DidResolver, Fetcher, did_key_for, is_authorized
from microcred.vc.errors import ProofError, VcError
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.multibase import encode_multibase
from microcred.vc.proofs import EDDSA_RDFC_2022, hash_data, proof_config, proofs_of, unsecured
from microcred.vc.proofs.dataintegrity import PROOF_TYPE, check_proof_shape, decode_proof_value
from microcred.vc.verify import DEFAULT_SKEW, verify_credential

PRESENTATION_TYPE = "VerifiablePresentation"
ENVELOPED_TYPE = "EnvelopedVerifiableCredential"
JWT_DATA_PREFIX = "data:application/vc+jwt,"
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
) -> dict[str, Any]:
    """A VerifiablePresentation of ``credentials`` with the holder's authentication proof.

    Raises a :class:`~microcred.vc.errors.VcError` (e.g. ``context_not_pinned``) when an
    embedded credential cannot be canonicalised offline.
    """
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    holder_did = holder_did_key(holder.public)
    presentation: dict[str, Any] = {
        "@context": [VC_V2],
        "type": [PRESENTATION_TYPE],
        "holder": holder_did,
        "verifiableCredential": [_embedded(c) for c in credentials],
    }
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": EDDSA_RDFC_2022,
        "created": format_datetime(now),
        "verificationMethod": holder_verification_method(holder.public),
        "proofPurpose": AUTHENTICATION,
    }
    if challenge is not None:
        proof["challenge"] = challenge
    if domain is not None:
        proof["domain"] = domain
    loader = loader_for(presentation, document_loader)
    config = proof_config(presentation, proof, EDDSA_RDFC_2022)
    data = hash_data(presentation, config, EDDSA_RDFC_2022, loader)
    proof["proofValue"] = encode_multibase(holder.sign(data), "z")
    return {**presentation, "proof": proof}


@dataclass(frozen=True, slots=True)
class PresentationReport:
    """The verdict on a presentation: its own proof, then each credential's report.

    ``problems`` holds stable codes (``presentation_…``) for what is wrong with the
    presentation itself; a credential's problems are in its own report.
    """

    problems: tuple[str, ...]
    holder: str | None = None
    credentials: tuple[VerificationReport, ...] = field(default=())

    @property
    def verified(self) -> bool:
        return not self.problems and all(r.verified for r in self.credentials)

    def __bool__(self) -> bool:
        return self.verified


def verify_presentation(
    vp: Mapping[str, Any],
    *,
    now: datetime,
    challenge: str | None = None,
    domain: str | None = None,
    documents: Mapping[str, Any] | None = None,
    fetcher: Fetcher | None = None,
    document_loader: DocumentLoader | None = None,
    max_clock_skew: timedelta = DEFAULT_SKEW,
    check_status: bool = True,
) -> PresentationReport:
    """Check the holder's proof and verify every credential; never raises for bad input.

    When the verifier asked for a ``challenge``/``domain``, the proof must carry exactly
    that value; otherwise a presentation made for someone else could be replayed here.
    ``documents``/``fetcher`` resolve the *issuers'* did:web documents, as for
    :func:`~microcred.vc.verify_credential`.
    """
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    if not isinstance(vp, Mapping):
        return PresentationReport(problems=("presentation_not_object",))
    loader = loader_for(vp, document_loader)
    holder = vp.get("holder") if isinstance(vp.get("holder"), str) else None
    problems = list(_shape_problems(vp))
    if not problems:
        problems += _proof_problems(vp, now, challenge, domain, loader, max_clock_skew)
    reports = tuple(
        _verify_embedded(c, now, documents, fetcher, loader, max_clock_skew, check_status)
        for c in _as_list(vp.get("verifiableCredential"))
    )
    return PresentationReport(problems=tuple(problems), holder=holder, credentials=reports)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _shape_problems(vp: Mapping[str, Any]) -> list[str]:
    problems = []
    context = vp.get("@context")
    if not isinstance(context, list) or not context or context[0] != VC_V2:
        problems.append("presentation_context_invalid")
    if PRESENTATION_TYPE not in _as_list(vp.get("type")):
        problems.append("presentation_type_invalid")
    if not isinstance(vp.get("holder"), str):
        problems.append("presentation_holder_missing")
    return problems


def _proof_problems(
    vp: Mapping[str, Any],
    now: datetime,
    challenge: str | None,
    domain: str | None,
    loader: DocumentLoader,
    skew: timedelta,
) -> list[str]:
    """One authentication proof by a key the holder controls, over this presentation."""
    try:
        proofs = proofs_of(vp)
    except ProofError:
        return ["presentation_proof_malformed"]
    if len(proofs) != 1:
        return ["presentation_proof_missing" if not proofs else "presentation_proof_ambiguous"]
    proof = proofs[0]
    problems = _proof_options_problems(proof, now, challenge, domain, skew)
    try:
        suite = check_proof_shape(proof)
        signature = decode_proof_value(proof["proofValue"])
        method = DidResolver().dereference_verification_method(proof["verificationMethod"])
    except VcError:
        return [*problems, "presentation_proof_malformed"]
    if method.controller != vp["holder"]:
        problems.append("presentation_holder_mismatch")
    if not is_authorized(method, AUTHENTICATION):
        problems.append("presentation_key_not_authorized")
    try:
        base = unsecured(vp)
        data = hash_data(base, proof_config(base, proof, suite), suite, loader)
    except VcError:
        return [*problems, "presentation_canonicalization_failed"]
    if not method.public_key.verify(signature, data):
        problems.append("presentation_signature_invalid")
    return problems


def _proof_options_problems(
    proof: Mapping[str, Any],
    now: datetime,
    challenge: str | None,
    domain: str | None,
    skew: timedelta,
) -> list[str]:
    problems = []
    if proof.get("proofPurpose") != AUTHENTICATION:
        problems.append("presentation_proof_purpose_invalid")
    if challenge is not None and proof.get("challenge") != challenge:
        problems.append("presentation_challenge_mismatch")
    if domain is not None and proof.get("domain") != domain:
        problems.append("presentation_domain_mismatch")
    try:
        created = parse_datetime(proof.get("created"))
    except ValueError:
        problems.append("presentation_created_invalid")
    else:
        if created > now + skew:
            problems.append("presentation_created_in_future")
    return problems


def _verify_embedded(
    credential: Any,
    now: datetime,
    documents: Mapping[str, Any] | None,
    fetcher: Fetcher | None,
    loader: DocumentLoader,
    skew: timedelta,
    check_status: bool,
) -> VerificationReport:
    return verify_credential(
        _unwrap(credential),
        now=now,
        documents=documents,
        fetcher=fetcher,
        document_loader=loader,
        max_clock_skew=skew,
        check_status=check_status,
    )


def _unwrap(credential: Any) -> Mapping[str, Any] | str:
    """What the credential pipeline should read: the JSON, or the JWT inside an envelope.

    Anything else becomes input the pipeline rejects with its own precise check
    (``json_not_object``), so a junk entry shows up in the report instead of raising.
    """
    if not isinstance(credential, Mapping):
        return "null"
    if ENVELOPED_TYPE not in _as_list(credential.get("type")):
        return credential
    ident = credential.get("id")
    if isinstance(ident, str) and ident.startswith(JWT_DATA_PREFIX):
        return ident.removeprefix(JWT_DATA_PREFIX)
    return "null"
