"""The bound credentials of a stack: every component given must be one the credential binds.

A stacked credential binds its component credentials by id and digest in
``relatedResource`` (:mod:`microcred.vc.bindings`, decision 0010). When the verifier holds
the components too (``microcred verify --component FILE``), each is checked:

- one whose id the credential binds and whose binding bytes match the digest passes;
- one whose id is bound but whose bytes differ fails: it was altered, or another
  credential was put in its place under the same id;
- one whose id is not bound at all fails: it is not part of this stack (swapped);
- a bound credential that was not given is reported as not checked (a warning).

Only runs when components are given; otherwise ``related_resources`` reports the bound
credentials as not retrieved, as for any related resource.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from microcred.vc.bindings import binding_bytes, bound_ids, credential_id
from microcred.vc.contexts.integrity import declared_digests
from microcred.vc.verify.parse import Parsed, parse_input
from microcred.vc.verify.report import Check, CheckStatus

CHECK = "components"
#: What a component may be given as: JSON text or bytes, a parsed object, a compact vc+jwt.
Component = bytes | str | Mapping[str, Any] | Parsed


def _digest_matches(data: bytes, digests: list[tuple[str, bytes]]) -> bool:
    return all(hashlib.new(name, data).digest() == value for name, value in digests)


def parse_components(components: Sequence[Component]) -> list[Parsed | Check]:
    """Each component read once by the strict reader (a Check says why one cannot be)."""
    return [parse_input(component) for component in components]


def check_components(
    credential: Mapping[str, Any], components: Sequence[Parsed | Check]
) -> list[Check]:
    """One check per component given, and one per bound credential that was not given."""
    declared = declared_digests(credential)
    bound = bound_ids(credential)
    checks: list[Check] = []
    seen: set[str] = set()
    for parsed in components:
        if not isinstance(parsed, Parsed):
            detail = parsed.message("en")
            checks.append(
                Check(CHECK, "component_unreadable", CheckStatus.FAILED, {"detail": detail})
            )
            continue
        ident = credential_id(parsed)
        if ident is None or ident not in bound:
            shown = ident or "—"
            checks.append(Check(CHECK, "component_not_bound", CheckStatus.FAILED, {"id": shown}))
            continue
        seen.add(ident)
        if _digest_matches(binding_bytes(parsed), declared[ident]):
            checks.append(Check(CHECK, "component_bound", CheckStatus.PASSED, {"id": ident}))
        else:
            code = "component_digest_mismatch"
            checks.append(Check(CHECK, code, CheckStatus.FAILED, {"id": ident}))
    for ident in bound:
        if ident not in seen:
            checks.append(Check(CHECK, "component_not_given", CheckStatus.SKIPPED, {"id": ident}))
    return checks


def given_ids(components: Sequence[Parsed | Check]) -> set[str]:
    """The ids of the components given (those ``related_resources`` need not look up)."""
    return {
        ident
        for parsed in components
        if isinstance(parsed, Parsed) and (ident := credential_id(parsed)) is not None
    }
