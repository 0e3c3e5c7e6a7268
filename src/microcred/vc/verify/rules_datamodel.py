"""The VC 2.0 data model's MUSTs that JSON-LD and the proof cannot see.

A perfectly signed document can still be no credential at all: no ``credentialSubject``,
a ``type`` without ``VerifiableCredential``, a ``credentialSchema`` without a ``type``.
JSON-LD expansion accepts all of these (they are valid graphs) and a signature covers them
faithfully, so each is checked here, by name, with the section of VC 2.0 it comes from.
The issuer runs the same rule before signing (:func:`data_model_problems`), so what it
refuses and what the verifier refuses cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from microcred.vc.contexts.integrity import declared_digests
from microcred.vc.dates import parse_datetime
from microcred.vc.fields import as_list, issuer_id
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus

CHECK = "data_model"
#: §4.4 Identifiers: a URL (any scheme, as ``did:`` and ``urn:`` are URLs here), no spaces.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]+")
#: §4.10, §4.11, §5.4, §5.5, §5.6: each of these objects MUST say its type.
TYPED_PROPERTIES = (
    "credentialStatus",
    "credentialSchema",
    "refreshService",
    "termsOfUse",
    "evidence",
)
_INDEX = re.compile(r"0|[1-9][0-9]*")
ENTRY_TYPE = "BitstringStatusListEntry"


def _fail(code: str, **params: str) -> Check:
    return Check(CHECK, code, CheckStatus.FAILED, params)


def is_url(value: Any) -> bool:
    return isinstance(value, str) and _URL.fullmatch(value) is not None


def types_of(document: Mapping[str, Any]) -> list[Any]:
    return [] if "type" not in document else as_list(document["type"])


def _type_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """§4.5 Types: ``type`` MUST be present and include ``VerifiableCredential``."""
    types = types_of(document)
    if (
        not types
        or not all(isinstance(t, str) and t for t in types)
        or "VerifiableCredential" not in types
    ):
        yield _fail("credential_type_missing")


def _identifier_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """§4.4 Identifiers (credential, subjects) and §4.7 Issuer: one URL each."""
    if "id" in document and not is_url(document["id"]):
        yield _fail("identifier_invalid", field="id")
    if not is_url(issuer_id(document)):
        yield _fail("issuer_invalid")


def _subject_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """§4.8 Credential Subject: present, one or more objects, each with a claim."""
    if "credentialSubject" not in document:
        yield _fail("subject_missing")
        return
    subjects = as_list(document["credentialSubject"])
    if not subjects or not all(isinstance(s, Mapping) and s for s in subjects):
        yield _fail("subject_empty")
        return
    for subject in subjects:
        if "id" in subject and not is_url(subject["id"]):
            yield _fail("identifier_invalid", field="credentialSubject.id")


def _typed_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """Status, schemas, refresh, terms of use, evidence: objects with a ``type``;
    ``credentialSchema`` also with a URL ``id``, ``credentialStatus`` a URL if it has one."""
    for name in TYPED_PROPERTIES:
        if name not in document:
            continue
        if document[name] is None:  # present but null: no object at all (as_list reads [])
            yield _fail("property_type_missing", field=name)
            continue
        for item in as_list(document[name]):
            if not isinstance(item, Mapping) or not _has_type(item):
                yield _fail("property_type_missing", field=name)
            elif (name == "credentialSchema" and not is_url(item.get("id"))) or (
                "id" in item and not is_url(item["id"])
            ):
                yield _fail("identifier_invalid", field=f"{name}.id")


def _has_type(item: Mapping[str, Any]) -> bool:
    types = types_of(item)
    return bool(types) and all(isinstance(t, str) and t for t in types)


def _related_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """§5.3 Integrity of Related Resources: objects, each with a unique URL ``id`` and a
    ``digestSRI`` or ``digestMultibase`` we can read."""
    if "relatedResource" not in document:
        return
    seen: set[str] = set()
    readable = declared_digests(document)
    if document["relatedResource"] is None:  # present but null: no resource at all
        yield _fail("related_resource_invalid")
    for item in as_list(document["relatedResource"]):
        if not isinstance(item, Mapping) or not is_url(item.get("id")):
            yield _fail("related_resource_invalid")
            continue
        ident = str(item["id"])
        if ident in seen:
            yield _fail("related_resource_duplicate", url=ident)
        seen.add(ident)
        if "digestSRI" not in item and "digestMultibase" not in item:
            yield _fail("related_resource_digest_missing", url=ident)
        elif not readable.get(ident):
            yield _fail("related_resource_digest_invalid", url=ident)


def _date_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """§4.9 Validity Period: XML Schema dateTimeStamps, and not ending before it starts."""
    moments = {}
    for name in ("validFrom", "validUntil"):
        if name in document:
            try:
                moments[name] = parse_datetime(document[name])
            except ValueError as exc:
                yield _fail("date_invalid", field=name, detail=str(exc))
    if len(moments) == 2 and moments["validUntil"] < moments["validFrom"]:
        yield _fail("validity_period_inverted")


def _status_entry_problems(document: Mapping[str, Any]) -> Iterator[Check]:
    """Bitstring Status List §2.1: wherever a ``BitstringStatusListEntry`` appears, its
    index is a base-10 string, its list a URL and its purpose a string (MALFORMED_VALUE)."""
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, Mapping):
            if ENTRY_TYPE in types_of(node) and not _entry_ok(node):
                yield _fail("status_entry_malformed")
            stack.extend(v for k, v in node.items() if k != "proof")


def _entry_ok(entry: Mapping[str, Any]) -> bool:
    index = entry.get("statusListIndex")
    return (
        isinstance(index, str)
        and _INDEX.fullmatch(index) is not None
        and is_url(entry.get("statusListCredential"))
        and isinstance(entry.get("statusPurpose"), str)
    )


def data_model_problems(document: Mapping[str, Any]) -> list[Check]:
    """Every VC 2.0 data-model MUST the document breaks (empty: none)."""
    problems: list[Check] = []
    for rule in (
        _type_problems,
        _identifier_problems,
        _subject_problems,
        _typed_problems,
        _related_problems,
        _date_problems,
        _status_entry_problems,
    ):
        problems.extend(rule(document))
    return problems


def check_data_model(run: Run) -> list[Check]:
    """The failing data-model checks, or one that passed (unreadable dates are the
    ``valid_from``/``valid_until`` rules' to report)."""
    problems = [c for c in data_model_problems(run.credential) if c.code != "date_invalid"]
    return problems or [Check(CHECK, "data_model_valid", CheckStatus.PASSED)]
