"""The credentials both implementations must judge alike, and what each must answer.

Every scenario has one expected outcome. Both verifiers must reach the verdict, and for a
failure the *reason* must be the expected one (a revoked credential that fails for a bad
signature would hide a real disagreement).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from hashlib import sha256
from pathlib import Path
from typing import Any

from interop_harness import MicrocredVerdict, NodeSide, NodeVerdict, read_json, write_json

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
#: Neither pinned nor in any documents map: no verifier may load it.
UNKNOWN_CONTEXT = "https://contexts.example/unknown/v1"


class Outcome(StrEnum):
    VERIFIED = "verified"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    TAMPERED = "tampered"
    UNRESOLVABLE = "unresolvable"


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    expect: Outcome


_NODE_REASON = {
    Outcome.REVOKED: re.compile(r"status bit set: revocation"),
    Outcome.SUSPENDED: re.compile(r"status bit set: suspension"),
    Outcome.TAMPERED: re.compile(r"Invalid signature|signature verification failed"),
    Outcome.UNRESOLVABLE: re.compile(r"offline document loader: refusing to load"),
}


def assert_node_verdict(verdict: NodeVerdict, expect: Outcome) -> None:
    """Digital Bazaar reached the expected verdict for the expected reason."""
    if expect is Outcome.VERIFIED:
        assert verdict.verified, f"Digital Bazaar rejected {verdict.file}: {verdict.error}"
        return
    assert not verdict.verified, f"Digital Bazaar accepted {verdict.file} ({expect})"
    assert verdict.error is not None
    assert _NODE_REASON[expect].search(verdict.error), (
        f"Digital Bazaar rejected {verdict.file} for another reason than {expect}: {verdict.error}"
    )


def assert_microcred_verdict(verdict: MicrocredVerdict, expect: Outcome) -> None:
    """``microcred verify`` reached the expected verdict for the expected reason."""
    if expect is Outcome.VERIFIED:
        assert verdict.verified, f"microcred rejected {verdict.file}: {verdict.failed}"
        return
    assert not verdict.verified, f"microcred accepted {verdict.file} ({expect})"
    failed_checks = {check for check, _ in verdict.failed}
    if expect is Outcome.REVOKED:
        assert ("status", "revoked") in verdict.failed, verdict.failed
    elif expect is Outcome.SUSPENDED:
        assert ("status", "suspended") in verdict.failed, verdict.failed
    elif expect is Outcome.TAMPERED:
        assert "proof" in failed_checks, verdict.failed
    else:
        assert verdict.failed & _MICROCRED_UNRESOLVABLE, verdict.failed


#: How ``microcred verify`` says "I may not load that": a DID document, a context or a
#: status list that is neither pinned nor in the documents map.
_MICROCRED_UNRESOLVABLE = {
    ("verification_method", "verification_method_unresolvable"),
    ("contexts", "context_not_pinned"),
    ("status", "status_unavailable"),
}


# --- what gets signed -------------------------------------------------------------------

#: Edge cases for canonicalization on purpose: non-ASCII text, characters N-Quads must
#: escape, an xsd:float-typed number with a fraction, a typed date.
ACHIEVEMENT: dict[str, Any] = {
    "id": "https://issuer.example/achievements/veri-okuryazarligi",
    "type": ["Achievement"],
    "achievementType": "Competency",
    "name": "Veri Okuryazarlığı — İleri Düzey",
    "description": 'Reads "data"\tcritically.\nSecond line \\ with a backslash; çğıöşü ÇĞİÖŞÜ.',
    "criteria": {"narrative": "Final project scored at least 60/100."},
    "creditsAvailable": 1.5,
    "tag": ["data", "teaching"],
}

SUBJECT_DID: dict[str, Any] = {"id": "did:example:learner-1"}

SALT = b"s4lt"
SUBJECT_IDENTIFIER: dict[str, Any] = {
    "type": ["AchievementSubject"],
    "identifier": [
        {
            "type": "IdentityObject",
            "identityHash": "sha256$" + sha256(b"learner@example.org" + SALT).hexdigest(),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": SALT.decode(),
        }
    ],
    "activityEndDate": "2026-05-30",
}


def unsigned_ob_credential(name: str) -> dict[str, Any]:
    """An OpenBadgeCredential for the Node side to sign (issuer and dates filled there)."""
    return {
        "@context": list(OB_CONTEXT),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"type": ["Profile"], "name": "Bağımsız Düğüm Yayıncısı"},
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            **SUBJECT_DID,
            "achievement": ACHIEVEMENT,
        },
    }


# --- tampering ---------------------------------------------------------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _tamper_document(credential: dict[str, Any]) -> dict[str, Any]:
    """Change one claim a reader would care about; leave the proof untouched."""
    credential["credentialSubject"]["achievement"]["name"] = "Forged: Advanced Nuclear Physics"
    return credential


def tamper(source: Path, target: Path) -> Path:
    """Write a copy of ``source`` with one claim changed and the signature kept."""
    text = source.read_text("utf-8").strip()
    if text.startswith("ey"):
        header, payload, signature = text.split(".")
        claims = _tamper_document(json.loads(_b64url_decode(payload)))
        forged = _b64url(json.dumps(claims).encode("utf-8"))
        target.write_text(f"{header}.{forged}.{signature}\n", "ascii")
        return target
    return write_json(target, _tamper_document(read_json(source)))


def add_unpinned_context(source: Path, target: Path) -> Path:
    """A copy whose @context needs a document neither side may fetch."""
    credential = read_json(source)
    credential["@context"] = [*credential["@context"], UNKNOWN_CONTEXT]
    return write_json(target, credential)


# --- credentials signed by the Node side ----------------------------------------------

NODE_STATUS_URL = "https://node-issuer.example/status/1"
#: Bits set in the Node side's list. Neighbours of set bits are active: a verifier that
#: reads bits in the wrong order inside a byte would swap 3 and 4.
NODE_SET_BITS = (4, 9)
NODE_FORMATS = {"rdfc": "eddsa-rdfc-2022", "jcs": "eddsa-jcs-2022", "jwt": "jwt"}
NODE_STATUS = {"active": (3, 8, 5), "revoked": (4, 9, 4)}


def node_scenarios() -> list[Scenario]:
    scenarios: list[Scenario] = []
    for short in NODE_FORMATS:
        scenarios.append(Scenario(f"node-{short}-plain", Outcome.VERIFIED))
        scenarios.append(Scenario(f"node-{short}-active", Outcome.VERIFIED))
        scenarios.append(Scenario(f"node-{short}-revoked", Outcome.REVOKED))
        scenarios.append(Scenario(f"node-{short}-tampered", Outcome.TAMPERED))
    scenarios.append(Scenario("node-rdfc-unpinned", Outcome.UNRESOLVABLE))
    return scenarios


#: Not a scenario: the two sides are *expected* to differ on it (see the test using it).
JCS_UNKNOWN_CONTEXT = "node-jcs-unknown-context"


def _suffix(short: str) -> str:
    return ".jwt" if short == "jwt" else ".json"


@dataclass(frozen=True, slots=True)
class SignedSet:
    """Credentials on disk by scenario name, and the documents map that resolves them."""

    files: dict[str, Path]
    documents: Path


def sign_node_set(node: NodeSide, work: Path, key_option: tuple[str, str]) -> SignedSet:
    """Sign every Node scenario. ``key_option``: ("key", FILE) or ("generate-key", FILE)."""
    unsigned = write_json(work / "node-unsigned.json", unsigned_ob_credential("Node badge"))
    status_out = work / "node-status.json"
    jobs: list[dict[str, str]] = []
    files: dict[str, Path] = {}
    key = dict([key_option])
    for position, (short, fmt) in enumerate(NODE_FORMATS.items()):
        plain = work / f"node-{short}-plain{_suffix(short)}"
        jobs.append({"in": str(unsigned), "out": str(plain), "format": fmt, **key})
        key = {"key": key_option[1]}  # generated once, then reused
        files[f"node-{short}-plain"] = plain
        for state, indexes in NODE_STATUS.items():
            out = work / f"node-{short}-{state}{_suffix(short)}"
            files[f"node-{short}-{state}"] = out
            jobs.append(
                {
                    "in": str(unsigned),
                    "out": str(out),
                    "format": fmt,
                    **key,
                    "status-list-url": NODE_STATUS_URL,
                    "status-index": str(indexes[position]),
                    "status-out": str(status_out),
                    "status-set": ",".join(map(str, NODE_SET_BITS)),
                }
            )
    unknown = unsigned_ob_credential("Node badge")
    unknown["@context"].append(UNKNOWN_CONTEXT)
    unknown["credentialSubject"]["termNoContextDefines"] = "ignored by JCS"
    files[JCS_UNKNOWN_CONTEXT] = work / f"{JCS_UNKNOWN_CONTEXT}.json"
    jobs.append({
        "in": str(write_json(work / "node-unsigned-unknown-context.json", unknown)),
        "out": str(files[JCS_UNKNOWN_CONTEXT]), "format": "eddsa-jcs-2022", **key,
    })  # fmt: skip
    node.sign(jobs)
    for short in NODE_FORMATS:
        files[f"node-{short}-tampered"] = tamper(
            files[f"node-{short}-plain"], work / f"node-{short}-tampered{_suffix(short)}"
        )
    files["node-rdfc-unpinned"] = add_unpinned_context(
        files["node-rdfc-plain"], work / "node-rdfc-unpinned.json"
    )
    documents = write_json(work / "node-documents.json", {NODE_STATUS_URL: read_json(status_out)})
    return SignedSet(files, documents)
