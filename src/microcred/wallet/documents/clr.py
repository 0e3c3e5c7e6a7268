"""The learner's record as a CLR 2.0 ``ClrCredential``: one document, every credential.

The record is assembled *unsigned*: the credentials inside keep their issuers' proofs, and
who vouches for the bundle (the holder, in a presentation) is the caller's decision. The
CLR 2.0 context is not pinned in the trust core, so the record cannot carry an RDF proof
today anyway. The record is checked against the pinned CLR 2.0 JSON Schema before it is
returned, so a malformed export is an error here rather than at the receiving registrar.

Associations are derived, not invented: when one achievement declares it stacks towards
another achievement that is also in the record, the record says the first ``isPartOf`` the
second; and when a stacked credential in the record binds a component credential that is
also in it (``relatedResource``) and names that component's achievement as a part
(``ext:hasPart`` alignment, decision 0010), the component's achievement ``isPartOf`` the
stacked one. CLR 2.0 has no ``hasPart`` association type: ``isPartOf`` from each part is
how the record says the whole has those parts. Nothing else is inferred.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from microcred.vc import HAS_PART, as_list, bound_ids, format_datetime
from microcred.vc.elements import ELEMENTS_CONTEXT_URL
from microcred.vc.openbadges import CLR_CONTEXTS, validate_or_raise

CLR_TYPE = "ClrCredential"
#: Namespace for record ids: the same learner, moment and credentials give the same id.
_RECORD_NAMESPACE = uuid.UUID("5b0f3c7e-8a44-4f7e-9a55-0c1d2e3f4a5b")


def build_clr(
    credentials: Sequence[Mapping[str, Any]],
    *,
    learner_name: str | None,
    holder_did: str,
    now: datetime,
    issuer_profile: Mapping[str, Any],
) -> dict[str, Any]:
    """A schema-valid, unsigned ClrCredential holding ``credentials`` as they are.

    ``credentials`` are OB 3.0 credentials as JSON (a ``vc+jwt`` is passed decoded, or
    better, given to a presentation instead). ``issuer_profile`` is who assembles the
    record (for a learner's own export, a Profile with the holder's DID). Raises
    :class:`~microcred.vc.errors.SchemaError` when the result would not match the schema.
    """
    if not credentials:
        raise ValueError("a CLR holds at least one credential")
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    embedded = [dict(c) for c in credentials]
    subject: dict[str, Any] = {
        "id": holder_did,
        "type": ["ClrSubject"],
        "verifiableCredential": embedded,
    }
    if learner_name:
        subject["identifier"] = [_name_identifier(learner_name)]
    associations = list(derive_associations(embedded))
    if associations:
        subject["association"] = associations
    record: dict[str, Any] = {
        "@context": _contexts(embedded),
        "id": _record_id(holder_did, now, embedded),
        "type": ["VerifiableCredential", CLR_TYPE],
        "issuer": _profile(issuer_profile),
        "name": f"Comprehensive Learner Record: {learner_name}"
        if learner_name
        else "Comprehensive Learner Record",
        "validFrom": format_datetime(now),
        "credentialSubject": subject,
    }
    validate_or_raise(record)
    return record


def _contexts(credentials: Sequence[Mapping[str, Any]]) -> list[str]:
    """CLR 2.0's contexts, plus our EU-elements context when an embedded credential uses it."""
    contexts = list(CLR_CONTEXTS)
    if any(ELEMENTS_CONTEXT_URL in as_list(c.get("@context")) for c in credentials):
        contexts.append(ELEMENTS_CONTEXT_URL)
    return contexts


def _profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(profile.get("id"), str) or not profile["id"]:
        raise ValueError("the issuer profile needs an 'id' (a DID or URL)")
    out = dict(profile)
    out.setdefault("type", ["Profile"])
    return out


def _name_identifier(name: str) -> dict[str, Any]:
    """A plain IdentityObject of type ``name``: how OB/CLR carry a disclosed name."""
    return {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": name}


def _record_id(holder_did: str, now: datetime, credentials: Sequence[Mapping[str, Any]]) -> str:
    ids = ",".join(str(c.get("id", "")) for c in credentials)
    return f"urn:uuid:{uuid.uuid5(_RECORD_NAMESPACE, f'{holder_did}|{format_datetime(now)}|{ids}')}"


def _achievement(credential: Mapping[str, Any]) -> Mapping[str, Any] | None:
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    return achievement if isinstance(achievement, Mapping) else None


def _declared_stacking(credentials: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    """(part, whole) for every ``stackableTowards`` of an achievement."""
    for credential in credentials:
        achievement = _achievement(credential) or {}
        for target in as_list(achievement.get("stackableTowards")):
            target_id = target.get("id") if isinstance(target, Mapping) else target
            yield str(achievement.get("id")), str(target_id)


def _bound_parts(credentials: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    """(part, whole) for every component a stacked credential binds and names."""
    by_id = {c["id"]: c for c in credentials if isinstance(c.get("id"), str)}
    for stack in credentials:
        whole = _achievement(stack) or {}
        parts = {
            a.get("targetUrl")
            for a in as_list(whole.get("alignment"))
            if isinstance(a, Mapping) and a.get("targetType") == HAS_PART
        }
        for bound in bound_ids(stack) if parts else ():
            part = _achievement(by_id.get(bound, {})) or {}
            if part.get("id") in parts:
                yield str(part["id"]), str(whole.get("id"))


def derive_associations(credentials: Sequence[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """``isPartOf`` for every stacking whose part and whole are both in the record."""
    achievements = [a for c in credentials if (a := _achievement(c)) is not None]
    present = {a["id"] for a in achievements if isinstance(a.get("id"), str)}
    seen: set[tuple[str, str]] = set()
    for pair in [*_declared_stacking(credentials), *_bound_parts(credentials)]:
        inside = pair[0] in present and pair[1] in present and pair[0] != pair[1]
        if inside and pair not in seen:
            seen.add(pair)
            yield {
                "type": "Association",
                "associationType": "isPartOf",
                "sourceId": pair[0],
                "targetId": pair[1],
            }
