"""The checks of a presentation itself (VC 2.0 §4.13), before its credentials' own.

Structure first: ``@context`` as for a credential (the VC context first, pinned URLs or
inline objects in safe mode), ``type`` with ``VerifiablePresentation``, an optional
``holder`` that is a URL or an object with a URL ``id``, and ``verifiableCredential``
entries that are objects (a credential, or an envelope whose id is a ``data:`` URL) —
never strings, numbers or URLs. Then the holder binding: when a holder is named, one of
the proofs must be by a key the holder controls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from microcred.vc.contexts import VC_V2, content_aliases
from microcred.vc.fields import as_list
from microcred.vc.verify.inline_contexts import inline_context_problem
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport
from microcred.vc.verify.rules_datamodel import is_url, types_of

PRESENTATION_TYPE = "VerifiablePresentation"
ENVELOPED_TYPE = "EnvelopedVerifiableCredential"
JWT_DATA_PREFIX = "data:application/vc+jwt,"


def _failed(check: str, code: str, **params: str) -> Check:
    return Check(check, code, CheckStatus.FAILED, params)


def holder_id(vp: Mapping[str, Any]) -> str | None:
    holder = vp.get("holder")
    if isinstance(holder, Mapping):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def _context_check(vp: Mapping[str, Any]) -> Check:
    context = vp.get("@context")
    if context is None:
        return _failed("contexts", "context_missing")
    entries = as_list(context)
    if not entries or entries[0] != VC_V2:
        return _failed("contexts", "context_order_invalid", expected=VC_V2)
    refused = inline_context_problem(entries[1:])
    if refused is not None:
        return refused
    unknown = content_aliases(vp)[1]
    if unknown:
        return _failed("contexts", "context_not_pinned", url=unknown[0])
    return Check("contexts", "contexts_known", CheckStatus.PASSED)


def _credential_entry_ok(item: Any) -> bool:
    if not isinstance(item, Mapping):
        return False
    if ENVELOPED_TYPE not in types_of(item):
        return True
    ident = item.get("id")
    return isinstance(ident, str) and ident.startswith(JWT_DATA_PREFIX)


def shape_checks(vp: Mapping[str, Any]) -> list[Check]:
    """Context, type, holder and the form of each embedded credential."""
    checks = [_context_check(vp)]
    if PRESENTATION_TYPE not in types_of(vp):
        checks.append(_failed("presentation", "presentation_type_invalid"))
    if "holder" in vp and not is_url(holder_id(vp)):
        checks.append(_failed("presentation", "presentation_holder_invalid"))
    if "verifiableCredential" in vp:
        # A present null is one malformed entry (as_list alone would read no entries).
        entries = (
            [None] if vp["verifiableCredential"] is None else as_list(vp["verifiableCredential"])
        )
        for index, item in enumerate(entries, start=1):
            if not _credential_entry_ok(item):
                checks.append(
                    _failed("presentation", "presentation_credential_invalid", index=str(index))
                )
    if all(c.passed for c in checks):
        checks.append(Check("presentation", "presentation_well_formed", CheckStatus.PASSED))
    return checks


def holder_binding(vp: Mapping[str, Any], controllers: Sequence[str]) -> Check:
    """A named holder must have signed (Data Integrity ``authentication`` by its key)."""
    holder = holder_id(vp)
    if holder is None or holder in controllers:
        shown = holder or controllers[0]
        return Check("holder", "presentation_holder_bound", CheckStatus.PASSED, {"holder": shown})
    return _failed(
        "holder", "presentation_holder_mismatch", holder=holder, controller=controllers[0]
    )


def credential_summary(reports: Sequence[VerificationReport]) -> Check:
    """One line for the embedded credentials (each has its own full report)."""
    if not reports:
        return Check("credentials", "presentation_no_credentials", CheckStatus.SKIPPED)
    for index, report in enumerate(reports, start=1):
        if not report.verified:
            reason = report.failures[0].code if report.failures else "?"
            return _failed(
                "credentials", "presentation_credential_failed", index=str(index), reason=reason
            )
    return Check(
        "credentials",
        "presentation_credentials_verified",
        CheckStatus.PASSED,
        {"count": str(len(reports))},
    )


def unwrap(credential: Any) -> Mapping[str, Any] | str:
    """What the credential pipeline should read: the JSON, or the JWT inside an envelope.

    Anything else becomes input the pipeline refuses with its own precise check
    (``json_not_object``), so a junk entry shows up in the report instead of raising.
    """
    if not isinstance(credential, Mapping):
        return "null"
    if ENVELOPED_TYPE not in types_of(credential):
        return credential
    ident = credential.get("id")
    if isinstance(ident, str) and ident.startswith(JWT_DATA_PREFIX):
        return ident.removeprefix(JWT_DATA_PREFIX)
    return "null"
