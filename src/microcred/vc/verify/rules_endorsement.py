"""Embedded endorsements (OB 3.0 ``endorsement``): each one verified as a credential of its own.

An endorsement is a third party's signed claim about the credential, its issuer or its
achievement — a quality-assurance body approving a micro-credential, say. Shown to a
reader, it carries the endorser's authority, so it must verify like any credential: its own
proof, by a key its own issuer (the endorser's DID) authorises, resolved through the same
documents and fetcher as the credential's, within the same budget. And it must be *about
the object that carries it*: an approval of another achievement, copied in, would otherwise
lend this one a standing it never had.

One ``endorsements`` check per endorsement; a failing one fails the credential with a
precise code (tampered, unknown key, another subject, otherwise invalid). Endorsements
inside endorsements are not followed (the nested run is told not to), so the cost stays
one verification per embedded endorsement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport

CHECK = "endorsements"
ENDORSEMENT_TYPE = "EndorsementCredential"
#: Endorsements verified in one credential (each is a full verification with a key lookup).
MAX_ENDORSEMENTS = 4

_TAMPERED = frozenset({"proof_signature_invalid"})
_KEY = frozenset(
    {
        "verification_method_unresolvable",
        "key_format_invalid",
        "key_not_authorized",
        "issuer_mismatch",
        "proof_purpose_invalid",
    }
)

VerifyNested = Callable[[Mapping[str, Any]], VerificationReport]


def _failed(code: str, **params: str) -> Check:
    return Check(CHECK, code, CheckStatus.FAILED, params)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _id(value: Any) -> str:
    if isinstance(value, Mapping) and isinstance(value.get("id"), str):
        return str(value["id"])
    return value if isinstance(value, str) else ""


def embedded_endorsements(credential: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(id of the object carrying it, endorsement) for every place OB 3.0 allows one:
    the credential, its issuer profile, and each subject's achievement."""
    for endorsement in _list(credential.get("endorsement")):
        yield _id(credential), endorsement
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        for endorsement in _list(issuer.get("endorsement")):
            yield _id(issuer), endorsement
    for subject in _list(credential.get("credentialSubject")):
        achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
        if isinstance(achievement, Mapping):
            for endorsement in _list(achievement.get("endorsement")):
                yield _id(achievement), endorsement


def is_endorsement(value: Mapping[str, Any]) -> bool:
    return ENDORSEMENT_TYPE in _list(value.get("type"))


def endorser(endorsement: Mapping[str, Any]) -> tuple[str, str]:
    """(name, id) of the endorsement's issuer, as far as it says."""
    issuer = endorsement.get("issuer")
    name = issuer.get("name") if isinstance(issuer, Mapping) else None
    ident = _id(issuer)
    return (name if isinstance(name, str) and name.strip() else ident or "?"), ident or "?"


def check_endorsements(run: Run, verify: VerifyNested) -> list[Check]:
    """One check per embedded endorsement (skipped when there is none)."""
    found = list(embedded_endorsements(run.credential))
    if not found:
        return [Check(CHECK, "endorsements_none", CheckStatus.SKIPPED)]
    if len(found) > MAX_ENDORSEMENTS:
        return [
            _failed("too_many_endorsements", count=str(len(found)), limit=str(MAX_ENDORSEMENTS))
        ]
    return [_one(carrier, endorsement, verify) for carrier, endorsement in found]


def _one(carrier: str, endorsement: Any, verify: VerifyNested) -> Check:
    if not isinstance(endorsement, Mapping) or not is_endorsement(endorsement):
        return _failed("endorsement_malformed")
    name, ident = endorser(endorsement)
    subjects = _list(endorsement.get("credentialSubject"))
    subject = _id(subjects[0]) if len(subjects) == 1 else ""
    if not carrier or subject != carrier:
        return _failed(
            "endorsement_subject_mismatch",
            endorser=name,
            subject=subject or "?",
            expected=carrier or "?",
        )
    report = verify(endorsement)
    if not report.verified:
        return _refusal(report, name, ident)
    date = endorsement.get("validFrom")
    params = {"endorser": name, "endorser_id": ident, "subject": subject}
    params["date"] = date if isinstance(date, str) else "?"
    return Check(CHECK, "endorsement_verified", CheckStatus.PASSED, params)


def _refusal(report: VerificationReport, name: str, ident: str) -> Check:
    codes = [check.code for check in report.failures] or ["proof_missing"]
    if _TAMPERED & set(codes):
        return _failed("endorsement_tampered", endorser=name, endorser_id=ident)
    if _KEY & set(codes):
        return _failed("endorsement_key_unknown", endorser=name, endorser_id=ident)
    return _failed("endorsement_invalid", endorser=name, endorser_id=ident, detail=codes[0])
