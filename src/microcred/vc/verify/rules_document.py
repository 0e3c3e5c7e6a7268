"""Rules about the document itself: contexts, JSON-LD well-formedness, schema, dates."""

from __future__ import annotations

from typing import Any

from microcred.vc.canon import canonicalize_jsonld
from microcred.vc.contexts import VC_V2, aliased_loader, content_aliases
from microcred.vc.dates import format_datetime, parse_datetime
from microcred.vc.errors import VcError
from microcred.vc.openbadges import validate_credential
from microcred.vc.proofs.dataintegrity import unsecured
from microcred.vc.verify.context import Run
from microcred.vc.verify.inline_contexts import inline_context_problem
from microcred.vc.verify.messages import CATALOGUE
from microcred.vc.verify.report import Check, CheckStatus
from microcred.vc.verify.rules_endorsement import is_endorsement

VC_V1 = "https://www.w3.org/2018/credentials/v1"
_OB_TYPES = frozenset(
    {"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential", "ClrCredential"}
)


def _passed(check: str, code: str, **params: str) -> Check:
    return Check(check, code, CheckStatus.PASSED, params)


def _failed(check: str, code: str, **params: str) -> Check:
    return Check(check, code, CheckStatus.FAILED, params)


def _has_nested_context(document: dict[str, Any]) -> bool:
    """True if an object below the top level carries an ``@context`` (an injection).

    Two exceptions, each a prefix of the document's own list (inline objects included,
    decision 0008), which adds nothing: a proof's ``@context`` (eddsa-jcs-2022 proofs carry
    one), and an embedded endorsement's (an OB 3.0 ``EndorsementCredential`` must carry one;
    decision 0007), whose own content is then held to the same rule.
    """
    level: list[Any] = []
    for key, value in document.items():
        if key == "proof":
            proofs = value if isinstance(value, list) else [value]
            for proof in proofs:
                if isinstance(proof, dict):
                    if "@context" in proof and not _is_prefix(proof["@context"], document):
                        return True
                    level.extend(v for k, v in proof.items() if k != "@context")
        elif isinstance(value, (dict, list)):
            level.append(value)
    while level:  # one level at a time: a comprehension per level, not a push per node
        children: list[Any] = []
        for v in level:
            if isinstance(v, dict):
                if "@context" in v:
                    if not _is_embedded_endorsement(v, document) or _has_nested_context(v):
                        return True
                    continue
                children.extend([c for c in v.values() if isinstance(c, (dict, list))])
            elif isinstance(v, list):
                children.extend([c for c in v if isinstance(c, (dict, list))])
        level = children
    return False


def _is_embedded_endorsement(node: dict[str, Any], document: dict[str, Any]) -> bool:
    return is_endorsement(node) and _is_prefix(node["@context"], document)


def _is_prefix(context: Any, document: dict[str, Any]) -> bool:
    entries = context if isinstance(context, list) else [context]
    outer = document.get("@context")
    outer_list = outer if isinstance(outer, list) else [outer]
    return bool(entries) and outer_list[: len(entries)] == entries


def check_contexts(run: Run) -> Check:
    """Pinned contexts by URL, the VC context first, and inline context objects in safe
    mode (decision 0008): no ``@base``, nothing fetched, no injection below the top.

    A context is pinned by its URL, or by its content: another URL whose ``relatedResource``
    digest is that of a pinned file (``contexts.integrity``); the run's loader then answers
    that URL with the pinned file. An inline object's own terms are then processed by the
    JSON-LD rule in safe mode, where a protected term cannot be redefined and an undefined
    term is an error, never dropped.
    """
    context = run.credential.get("@context")
    if context is None:
        return _failed("contexts", "context_missing")
    entries = context if isinstance(context, list) else [context]
    if not entries or entries[0] not in (VC_V2, VC_V1):
        return _failed("contexts", "context_order_invalid", expected=VC_V2)
    refused = inline_context_problem(entries[1:])
    if refused is not None:
        return refused
    aliases, unknown = content_aliases(run.credential)
    if unknown:
        return _failed("contexts", "context_not_pinned", url=unknown[0])
    if _has_nested_context(run.credential):
        return _failed("contexts", "context_inline_forbidden")
    run.document_loader = aliased_loader(aliases, run.document_loader)
    return _passed("contexts", "contexts_known")


def check_jsonld(run: Run) -> Check:
    """Expand in safe mode and canonicalise; the canonical form is memoised for the proof."""
    try:
        nquads = canonicalize_jsonld(unsecured(run.credential), document_loader=run.document_loader)
    except VcError as exc:
        run.jsonld_error = str(exc)
        code = exc.code if exc.code in CATALOGUE else "jsonld_invalid"
        return _failed("jsonld", code, detail=str(exc), url=str(exc))
    run.canonical_document = nquads.encode("utf-8")
    return _passed("jsonld", "jsonld_valid")


def check_schema(run: Run) -> Check:
    """JSON Schema for the Open Badges / CLR types; other VCs have no schema of ours."""
    types = run.credential.get("type")
    type_set = {t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
    if not type_set & _OB_TYPES:
        return Check("schema", "schema_not_applicable", CheckStatus.SKIPPED)
    issues = validate_credential(run.credential)
    if issues:
        detail = "; ".join(f"{i.path or '/'}: {i.message}" for i in issues[:5])
        return _failed("schema", "schema_invalid", detail=detail)
    return _passed("schema", "schema_valid")


def _date(run: Run, *names: str) -> tuple[str, Any] | None:
    for name in names:
        if name in run.credential:
            return name, run.credential[name]
    return None


def check_valid_from(run: Run) -> Check:
    found = _date(run, "validFrom", "issuanceDate")
    if found is None:
        return Check("valid_from", "valid_from_absent", CheckStatus.SKIPPED)
    name, raw = found
    try:
        moment = parse_datetime(raw)
    except ValueError as exc:
        return _failed("valid_from", "date_invalid", field=name, detail=str(exc))
    if moment - run.max_clock_skew > run.now:
        return _failed("valid_from", "not_yet_valid", date=format_datetime(moment))
    return _passed("valid_from", "valid_from_ok", date=format_datetime(moment))


def check_valid_until(run: Run) -> Check:
    found = _date(run, "validUntil", "expirationDate")
    if found is None:
        return _passed("valid_until", "no_expiry")
    name, raw = found
    try:
        moment = parse_datetime(raw)
    except ValueError as exc:
        return _failed("valid_until", "date_invalid", field=name, detail=str(exc))
    if moment + run.max_clock_skew < run.now:
        return _failed("valid_until", "expired", date=format_datetime(moment))
    return _passed("valid_until", "valid_until_ok", date=format_datetime(moment))
