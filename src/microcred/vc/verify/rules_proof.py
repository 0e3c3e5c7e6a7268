"""Rules about who signed: the proof, the key, its purpose, and the issuer behind it.

For every proof (Data Integrity) or for the JWS (VC-JOSE) the same four questions are
asked in order, and each answer is its own check so that a reader sees *which* link of the
chain broke: is the signature valid; could the key be found; is the key authorised by its
controller for ``assertionMethod``; is that controller the credential's issuer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microcred.vc.dates import parse_datetime
from microcred.vc.did import VerificationMethod, is_authorized
from microcred.vc.errors import BudgetError, VcError
from microcred.vc.proofs.dataintegrity import (
    EDDSA_RDFC_2022,
    check_proof_shape,
    decode_proof_value,
    hash_data,
    proof_config,
    proofs_of,
    unsecured,
)
from microcred.vc.proofs.jose import verify_jwt_signature
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus

ASSERTION = "assertionMethod"


def _failed(check: str, code: str, **params: str) -> Check:
    return Check(check, code, CheckStatus.FAILED, params)


def _passed(check: str, code: str, **params: str) -> Check:
    return Check(check, code, CheckStatus.PASSED, params)


def _resolve(run: Run, url: str) -> VerificationMethod | Check:
    try:
        return run.resolver.dereference_verification_method(url)
    except BudgetError as exc:
        return _failed("verification_method", exc.code, **exc.params)
    except VcError as exc:
        code = (
            "key_format_invalid"
            if exc.code.startswith("key_")
            else ("verification_method_unresolvable")
        )
        return _failed("verification_method", code, url=url, detail=str(exc))


def _binding_checks(
    run: Run, vm: VerificationMethod, purpose: str, bind_issuer: bool
) -> list[Check]:
    checks = [_passed("verification_method", "verification_method_resolved", url=vm.id)]
    if purpose != ASSERTION:
        checks.append(_failed("key_purpose", "proof_purpose_invalid", detail=purpose))
    elif not is_authorized(vm, ASSERTION):
        checks.append(_failed("key_purpose", "key_not_authorized", url=vm.id))
    else:
        checks.append(_passed("key_purpose", "key_authorized"))
    if bind_issuer:
        issuer = run.issuer_id or ""
        if issuer and issuer == vm.controller:
            checks.append(_passed("issuer", "issuer_bound", issuer=issuer))
        else:
            checks.append(
                _failed("issuer", "issuer_mismatch", issuer=issuer or "?", controller=vm.controller)
            )
    return checks


def _created_check(run: Run, proof: Mapping[str, Any]) -> Check | None:
    if "created" not in proof:
        return None
    try:
        created = parse_datetime(proof["created"])
    except ValueError as exc:
        return _failed("proof", "proof_created_invalid", detail=str(exc))
    if created - run.max_clock_skew > run.now:
        return _failed("proof", "proof_created_invalid", detail=str(proof["created"]))
    return None


def _one_proof(run: Run, proof: Mapping[str, Any], bind_issuer: bool) -> list[Check]:
    try:
        cryptosuite = check_proof_shape(proof)
        signature = decode_proof_value(proof["proofValue"])
    except VcError as exc:
        return [_failed("proof", exc.code, detail=str(exc))]
    bad_created = _created_check(run, proof)
    if bad_created is not None:
        return [bad_created]
    resolved = _resolve(run, proof["verificationMethod"])
    if isinstance(resolved, Check):
        return [resolved]
    base = unsecured(run.credential)
    try:
        config = proof_config(base, proof, cryptosuite)
    except VcError as exc:
        return [_failed("proof", exc.code, detail=str(exc))]
    try:
        data = _hash(run, base, config, cryptosuite)
    except VcError as exc:
        return [_failed("proof", "proof_unverifiable", detail=str(exc))]
    if not resolved.public_key.verify(signature, data):
        return [_failed("proof", "proof_signature_invalid")]
    checks = [_passed("proof", "proof_valid", cryptosuite=cryptosuite)]
    return checks + _binding_checks(run, resolved, str(proof["proofPurpose"]), bind_issuer)


def _hash(run: Run, base: dict[str, Any], config: dict[str, Any], cryptosuite: str) -> bytes:
    """hash_data, reusing the canonical document the JSON-LD rule already computed."""
    if cryptosuite == EDDSA_RDFC_2022 and run.jsonld_error is not None:
        raise VcError(run.jsonld_error)
    canonical = run.canonical_document if cryptosuite == EDDSA_RDFC_2022 else None
    return hash_data(base, config, cryptosuite, run.document_loader, canonical_document=canonical)


def check_proofs(run: Run, *, bind_issuer: bool = True) -> list[Check]:
    """All proofs must verify; a credential with none fails."""
    if run.jwt is not None:
        return _jwt_checks(run, bind_issuer)
    try:
        proofs = proofs_of(run.credential)
    except VcError as exc:
        return [_failed("proof", exc.code, detail=str(exc))]
    if not proofs:
        return [_failed("proof", "proof_missing")]
    limit = run.budget.limits.max_proofs
    if len(proofs) > limit:
        return [_failed("proof", "too_many_proofs", count=str(len(proofs)), limit=str(limit))]
    checks: list[Check] = []
    for proof in proofs:
        try:
            run.budget.check_time()
        except BudgetError as exc:
            return [*checks, _failed("proof", exc.code, **exc.params)]
        checks.extend(_one_proof(run, proof, bind_issuer))
    return checks


def _jwt_checks(run: Run, bind_issuer: bool) -> list[Check]:
    assert run.jwt is not None
    if "proof" in run.credential:
        return [
            _failed("proof", "proof_malformed", detail="a vc+jwt payload must not embed a proof")
        ]
    iss = run.jwt.payload.get("iss")
    if iss is not None and iss != run.issuer_id:
        return [
            _failed("issuer", "issuer_mismatch", issuer=str(iss), controller=str(run.issuer_id))
        ]
    resolved = _resolve(run, str(run.jwt.header["kid"]))
    if isinstance(resolved, Check):
        return [resolved]
    if not verify_jwt_signature(run.jwt, public_key=resolved.public_key):
        return [_failed("proof", "proof_signature_invalid")]
    checks = [_passed("proof", "proof_valid", cryptosuite="vc+jwt EdDSA")]
    return checks + _binding_checks(run, resolved, ASSERTION, bind_issuer)
