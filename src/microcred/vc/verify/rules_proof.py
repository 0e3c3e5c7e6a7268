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
from microcred.vc.verify.proof_chain import chained_document, duplicate_ids
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


def _binding_checks(run: Run, vm: VerificationMethod, purpose: str) -> list[Check]:
    """The key resolved; it may be used for the purpose the verifier expects."""
    expected = run.expected_proof_purpose
    checks = [_passed("verification_method", "verification_method_resolved", url=vm.id)]
    if purpose != expected:
        checks.append(_failed("key_purpose", "proof_purpose_invalid", detail=purpose))
    elif not is_authorized(vm, expected):
        checks.append(_failed("key_purpose", "key_not_authorized", url=vm.id))
    else:
        checks.append(_passed("key_purpose", "key_authorized"))
    return checks


def issuer_checks(run: Run, controllers: list[str]) -> list[Check]:
    """One proof must be the issuer's; the others (an endorser, a co-awarding body) are
    named as additional signers. ``controllers``: of the proofs that verified."""
    issuer = run.issuer_id or ""
    if not controllers:
        return []
    if not issuer or issuer not in controllers:
        return [
            _failed("issuer", "issuer_mismatch", issuer=issuer or "?", controller=controllers[0])
        ]
    checks = [_passed("issuer", "issuer_bound", issuer=issuer)]
    for other in dict.fromkeys(c for c in controllers if c != issuer):
        checks.append(_passed("issuer", "proof_additional_signer", controller=other))
    return checks


def _options_check(run: Run, proof: Mapping[str, Any]) -> Check | None:
    """The verifier's expected purpose, ``challenge`` and ``domain`` must be the proof's
    (Data Integrity §4.2), whatever the signature says."""
    if proof.get("proofPurpose") != run.expected_proof_purpose:
        return _failed("key_purpose", "proof_purpose_invalid", detail=str(proof["proofPurpose"]))
    if run.challenge is not None and proof.get("challenge") != run.challenge:
        return _failed("proof", "proof_challenge_mismatch")
    if run.domain is not None:
        domain = proof.get("domain")
        domains = domain if isinstance(domain, list) else [domain]
        if run.domain not in domains:
            return _failed("proof", "proof_domain_mismatch")
    return None


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


def _one_proof(
    run: Run, proof: Mapping[str, Any], proofs: list[Mapping[str, Any]]
) -> tuple[list[Check], str | None]:
    """The checks of one proof, and its key's controller when the signature verified."""
    try:
        cryptosuite = check_proof_shape(proof)
        signature = decode_proof_value(proof["proofValue"])
        chained = chained_document(run.credential, proof, proofs)
    except VcError as exc:
        return [_failed("proof", exc.code, detail=str(exc))], None
    bad = _created_check(run, proof) or _options_check(run, proof)
    if bad is not None:
        return [bad], None
    resolved = _resolve(run, proof["verificationMethod"])
    if isinstance(resolved, Check):
        return [resolved], None
    outcome = _signature(run, proof, cryptosuite, signature, resolved, chained)
    if outcome.status is CheckStatus.FAILED:
        return [outcome], None
    checks = [outcome, *_binding_checks(run, resolved, str(proof["proofPurpose"]))]
    return checks, resolved.controller


def _signature(
    run: Run,
    proof: Mapping[str, Any],
    cryptosuite: str,
    signature: bytes,
    method: VerificationMethod,
    chained: dict[str, Any] | None,
) -> Check:
    """Verify over the chained document first, then (for a chained proof) over the bare
    one, as signers that do not bind the chain produce (see ``proof_chain``)."""
    candidates = [chained] if chained is not None else []
    candidates.append(unsecured(run.credential))
    for index, base in enumerate(candidates):
        try:
            config = proof_config(base, proof, cryptosuite)
            data = _hash(run, base, config, cryptosuite, bare=base is candidates[-1])
        except VcError as exc:
            code = exc.code if exc.code == "proof_malformed" else "proof_unverifiable"
            return _failed("proof", code, detail=str(exc))
        if method.public_key.verify(signature, data):
            unbound = chained is not None and index == 1
            code = "proof_chain_unbound" if unbound else "proof_valid"
            return _passed("proof", code, cryptosuite=cryptosuite)
    return _failed("proof", "proof_signature_invalid")


def _hash(
    run: Run, base: dict[str, Any], config: dict[str, Any], cryptosuite: str, *, bare: bool
) -> bytes:
    """hash_data, reusing the canonical document the JSON-LD rule already computed (only
    for the bare document: a chained proof signs the document with earlier proofs)."""
    if cryptosuite == EDDSA_RDFC_2022 and bare and run.jsonld_error is not None:
        raise VcError(run.jsonld_error)
    reuse = cryptosuite == EDDSA_RDFC_2022 and bare
    canonical = run.canonical_document if reuse else None
    return hash_data(base, config, cryptosuite, run.document_loader, canonical_document=canonical)


def check_proofs(run: Run, *, bind_issuer: bool = True) -> list[Check]:
    """All proofs must verify (a set or a chain); one must be the issuer's; none fails."""
    if run.jwt is not None:
        return _jwt_checks(run, bind_issuer)
    checks, controllers = proof_checks(run)
    if bind_issuer:
        checks.extend(issuer_checks(run, controllers))
    return checks


def proof_checks(run: Run) -> tuple[list[Check], list[str]]:
    """The Data Integrity proofs' checks, and the controllers of those that verified
    (a presentation binds them to its holder, a credential to its issuer)."""
    try:
        proofs = proofs_of(run.credential)
    except VcError as exc:
        return [_failed("proof", exc.code, detail=str(exc))], []
    if not proofs:
        return [_failed("proof", "proof_missing")], []
    limit = run.budget.limits.max_proofs
    if len(proofs) > limit:
        return [_failed("proof", "too_many_proofs", count=str(len(proofs)), limit=str(limit))], []
    duplicates = duplicate_ids(proofs)
    if duplicates:
        return [_failed("proof", "proof_id_duplicate", detail=duplicates[0])], []
    checks: list[Check] = []
    controllers: list[str] = []
    for proof in proofs:
        try:
            run.budget.check_time()
        except BudgetError as exc:
            return [*checks, _failed("proof", exc.code, **exc.params)], controllers
        found, controller = _one_proof(run, proof, proofs)
        checks.extend(found)
        if controller is not None:
            controllers.append(controller)
    return checks, controllers


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
    checks += _binding_checks(run, resolved, ASSERTION)
    return checks + (issuer_checks(run, [resolved.controller]) if bind_issuer else [])
