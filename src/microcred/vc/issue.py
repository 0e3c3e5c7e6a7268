"""Issuance: compose → sign → verify what was signed → deliver.

A credential that fails its own verification is never returned: signing with the wrong key,
a DID document that does not authorise the key, a context the verifier would refuse — all
surface here, at the issuer, instead of at the learner's future employer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from microcred.vc.canon.memo import remembered_canonical_forms
from microcred.vc.contexts import VC_V2, DocumentLoader, loader_for
from microcred.vc.errors import VcError
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.proofs import EDDSA_JCS_2022, EDDSA_RDFC_2022, create_proof, sign_jwt
from microcred.vc.verify import VerificationReport, verify_credential
from microcred.vc.verify.context import ResourceLoader
from microcred.vc.verify.rules_datamodel import data_model_problems
from microcred.vc.verify.rules_document import VC_V1

Format = Literal["di-rdfc", "di-jcs", "jwt"]
FORMATS: tuple[Format, ...] = ("di-rdfc", "di-jcs", "jwt")
_SUITES = {"di-rdfc": EDDSA_RDFC_2022, "di-jcs": EDDSA_JCS_2022}


#: A credential valid from a future date is legitimately issued today; nothing else fails.
_TOLERATED = frozenset({"not_yet_valid"})


class NonConformingCredentialError(VcError):
    """The unsigned credential breaks a VC 2.0 MUST; refused before anything is signed."""


class IssuanceError(VcError):
    """The freshly signed credential did not pass verification; ``report`` says why."""

    code = "issuance_self_check_failed"

    def __init__(self, report: VerificationReport) -> None:
        failures = [c for c in report.failures if c.code not in _TOLERATED]
        reasons = "; ".join(f"{c.code}: {c.message('en')}" for c in failures)
        super().__init__(f"the signed credential does not verify: {reasons}")
        self.report = report


def issue_credential(
    credential: Mapping[str, Any],
    *,
    key: Ed25519KeyPair,
    verification_method: str,
    now: datetime,
    format: Format = "di-rdfc",
    documents: Mapping[str, Any] | None = None,
    document_loader: DocumentLoader | None = None,
    resource_loader: ResourceLoader | None = None,
) -> dict[str, Any] | str:
    """Sign ``credential`` and return it (a dict, or a compact JWT for ``"jwt"``).

    ``documents`` must hold whatever the self-check needs to resolve offline (the issuer's
    did:web document). The data model's MUSTs are checked before signing
    (:class:`NonConformingCredentialError`). Status lists are not fetched by the self-check, since a
    fresh list may not be published yet (the entries' form is checked with the data model);
    a future ``validFrom`` is the one failure tolerated (issuing now what becomes valid
    later is legitimate); an already expired credential is refused.
    """
    refuse_nonconforming(credential)
    loader = loader_for(credential, document_loader)
    with remembered_canonical_forms():  # sign and self-check canonicalise the same document
        secured = _sign(credential, key, verification_method, now, format, loader)
        report = verify_credential(
            secured,
            now=now,
            documents=documents,
            document_loader=loader,
            check_status=False,
            resource_loader=resource_loader,
        )
    if any(check.code not in _TOLERATED for check in report.failures):
        raise IssuanceError(report)
    return secured


def refuse_nonconforming(credential: Mapping[str, Any]) -> None:
    """Refuse, with the precise code, what the verifier would refuse for its data model.

    VC 1.1 input is refused by name: this issuer signs VC 2.0 only, and a v1 context with
    ``validFrom`` or Data Integrity terms is not something a v1 verifier could read.
    """
    context = credential.get("@context")
    first = context[0] if isinstance(context, list) and context else context
    if first == VC_V1:
        raise NonConformingCredentialError(
            "this issuer signs VC 2.0 credentials only: the first @context must be "
            f"{VC_V2}, not the VC 1.1 context",
            code="credential_v1_not_supported",
        )
    problems = data_model_problems(credential)
    if problems:
        raise NonConformingCredentialError(problems[0].message("en"), code=problems[0].code)


def _sign(
    credential: Mapping[str, Any],
    key: Ed25519KeyPair,
    verification_method: str,
    now: datetime,
    format: Format,
    loader: DocumentLoader,
) -> dict[str, Any] | str:
    secured: dict[str, Any] | str
    if format == "jwt":
        secured = sign_jwt(credential, key=key, verification_method=verification_method)
    elif format in _SUITES:
        secured = create_proof(
            credential,
            key=key,
            verification_method=verification_method,
            created=now,
            document_loader=loader,
            cryptosuite=_SUITES[format],
        )
    else:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    return secured
