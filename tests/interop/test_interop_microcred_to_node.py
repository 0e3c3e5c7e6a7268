"""Credentials issued by ``microcred`` are judged by Digital Bazaar's stack as by Microcred.

The matrix: did:key and did:web issuers × di-rdfc, di-jcs and jwt × no status, an active
status entry, a revoked one; plus a suspended one, tampered ones, and a key file written by
the Node side. Revocation happens *after* issuance, through ``microcred status revoke``,
which re-signs the list; both verifiers then read the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from interop_harness import (
    Microcred,
    MicrocredVerdict,
    NodeSide,
    NodeVerdict,
    node_side,
    read_json,
    write_json,
)
from interop_scenarios import (
    ACHIEVEMENT,
    SUBJECT_DID,
    SUBJECT_IDENTIFIER,
    Outcome,
    Scenario,
    assert_microcred_verdict,
    assert_node_verdict,
    tamper,
)

pytestmark = pytest.mark.interop

DID_WEB = "issuer.example/badges"
STATUS_URL = {
    "key": "https://issuer.example/status/key-revocation",
    "web": "https://issuer.example/status/web-revocation",
}
SUSPENSION_URL = "https://issuer.example/status/key-suspension"
FORMATS = ("di-rdfc", "di-jcs", "jwt")
#: Index 4 is revoked after issuance; index 3 (same byte, adjacent bit) must stay active.
STATE_INDEX = {"plain": None, "active": 3, "revoked": 4}
SUSPENDED_INDEX = 6
TAMPERED = ("key-di-rdfc", "key-di-jcs", "key-jwt", "web-di-rdfc", "web-jwt")


def _suffix(fmt: str) -> str:
    return ".jwt" if fmt == "jwt" else ".json"


def scenarios() -> list[Scenario]:
    found: list[Scenario] = []
    for issuer in ("key", "web"):
        for fmt in FORMATS:
            found.append(Scenario(f"mc-{issuer}-{fmt}-plain", Outcome.VERIFIED))
            found.append(Scenario(f"mc-{issuer}-{fmt}-active", Outcome.VERIFIED))
            found.append(Scenario(f"mc-{issuer}-{fmt}-revoked", Outcome.REVOKED))
    found.append(Scenario("mc-key-di-rdfc-suspended", Outcome.SUSPENDED))
    found.extend(Scenario(f"mc-{base}-tampered", Outcome.TAMPERED) for base in TAMPERED)
    found.extend(Scenario(f"mc-nodekey-{fmt}-plain", Outcome.VERIFIED) for fmt in FORMATS)
    return found


SCENARIOS = scenarios()


@dataclass(frozen=True, slots=True)
class World:
    mc: Microcred
    node: NodeSide
    files: dict[str, Path]
    documents: Path
    did_web: str


def _keys_and_lists(mc: Microcred, node: NodeSide) -> str:
    """Keys (one written by the Node side), the did:web document, three status lists."""
    mc.ok_all([["keys", "generate", "--out", "key.key"], ["keys", "generate", "--out", "web.key"]])
    node.sign([{"generate-key": str(mc.workdir / "nodekey.key")}])
    web = ["--did-web", DID_WEB]
    mc.ok_all(
        [
            ["keys", "did-web", "--key", "web.key", *web, "--out", "did.json"],
            [
                "status",
                "new",
                "--key",
                "key.key",
                "--url",
                STATUS_URL["key"],
                "--purpose",
                "revocation",
                "--out",
                "key-status.json",
            ],
            [
                "status",
                "new",
                "--key",
                "web.key",
                *web,
                "--url",
                STATUS_URL["web"],
                "--purpose",
                "revocation",
                "--out",
                "web-status.json",
            ],
            [
                "status",
                "new",
                "--key",
                "key.key",
                "--url",
                SUSPENSION_URL,
                "--purpose",
                "suspension",
                "--out",
                "key-suspension.json",
            ],
        ]
    )
    did: str = read_json(mc.workdir / "did.json")["id"]
    return did


def _issue_commands(files: dict[str, Path]) -> list[list[str | Path]]:
    commands: list[list[str | Path]] = []

    def issue(name: str, key: str, fmt: str, *extra: str) -> None:
        files[name] = Path(f"{name}{_suffix(fmt)}")
        subject = "subject-identifier.json" if key == "web" else "subject-did.json"
        commands.append(
            [
                "issue",
                "--key",
                f"{key}.key",
                "--achievement",
                "achievement.json",
                "--subject",
                subject,
                "--format",
                fmt,
                "--out",
                files[name],
                *extra,
            ]
        )

    for issuer in ("key", "web"):
        web = ["--did-web", DID_WEB] if issuer == "web" else []
        for fmt in FORMATS:
            for state, index in STATE_INDEX.items():
                status = (
                    []
                    if index is None
                    else ["--status-list", f"{issuer}-status.json", "--status-index", str(index)]
                )
                issue(f"mc-{issuer}-{fmt}-{state}", issuer, fmt, *web, *status)
    issue(
        "mc-key-di-rdfc-suspended",
        "key",
        "di-rdfc",
        "--status-list",
        "key-suspension.json",
        "--status-index",
        str(SUSPENDED_INDEX),
    )
    for fmt in FORMATS:
        issue(f"mc-nodekey-{fmt}-plain", "nodekey", fmt)
    return commands


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    work = tmp_path_factory.mktemp("microcred-issued")
    mc, node = Microcred(work), node_side(work)
    did = _keys_and_lists(mc, node)
    write_json(work / "achievement.json", ACHIEVEMENT)
    write_json(work / "subject-did.json", SUBJECT_DID)
    write_json(work / "subject-identifier.json", SUBJECT_IDENTIFIER)
    files: dict[str, Path] = {}
    mc.ok_all(_issue_commands(files))
    web = ["--did-web", DID_WEB]
    mc.ok_all(
        [
            ["status", "revoke", "--key", "key.key", "key-status.json", "--index", "4"],
            ["status", "revoke", "--key", "web.key", *web, "web-status.json", "--index", "4"],
            [
                "status",
                "suspend",
                "--key",
                "key.key",
                "key-suspension.json",
                "--index",
                str(SUSPENDED_INDEX),
            ],
        ]
    )
    files = {name: work / path for name, path in files.items()}
    for base in TAMPERED:
        source = files[f"mc-{base}-plain"]
        files[f"mc-{base}-tampered"] = tamper(
            source, source.with_name(f"mc-{base}-tampered{source.suffix}")
        )
    documents = write_json(
        work / "documents.json",
        {
            did: read_json(work / "did.json"),
            STATUS_URL["key"]: read_json(work / "key-status.json"),
            STATUS_URL["web"]: read_json(work / "web-status.json"),
            SUSPENSION_URL: read_json(work / "key-suspension.json"),
        },
    )
    return World(mc, node, files, documents, did)


@pytest.fixture(scope="module")
def node_verdicts(world: World) -> dict[str, NodeVerdict]:
    return world.node.verify_files(world.files.values(), documents=world.documents)


@pytest.fixture(scope="module")
def microcred_verdicts(world: World) -> dict[str, MicrocredVerdict]:
    return world.mc.verify(world.files.values(), documents=world.documents)


def test_every_scenario_was_issued(world: World) -> None:
    assert set(world.files) == {s.name for s in SCENARIOS}
    assert all(path.is_file() for path in world.files.values())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_digital_bazaar_judges_microcred_credential(
    world: World, node_verdicts: dict[str, NodeVerdict], scenario: Scenario
) -> None:
    verdict = node_verdicts[world.files[scenario.name].name]
    assert_node_verdict(verdict, scenario.expect)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_microcred_judges_its_own_credential_alike(
    world: World, microcred_verdicts: dict[str, MicrocredVerdict], scenario: Scenario
) -> None:
    verdict = microcred_verdicts[world.files[scenario.name].name]
    assert_microcred_verdict(verdict, scenario.expect)


def test_issuer_is_the_did_the_verifiers_resolved(world: World) -> None:
    """did:web credentials name the did:web issuer, so the documents map was really used."""
    credential = read_json(world.files["mc-web-di-rdfc-plain"])
    assert credential["issuer"]["id"] == world.did_web == "did:web:issuer.example:badges"
    assert credential["proof"]["verificationMethod"].startswith(f"{world.did_web}#")


def test_did_web_without_its_document_fails_on_both_sides(world: World) -> None:
    """No documents map: neither side may fetch https://issuer.example/badges/did.json."""
    files = [world.files["mc-web-di-rdfc-plain"], world.files["mc-web-jwt-plain"]]
    for verdict in world.node.verify_files(files).values():
        assert_node_verdict(verdict, Outcome.UNRESOLVABLE)
    for mc_verdict in world.mc.verify(files).values():
        assert not mc_verdict.verified
        assert "proof" in {check for check, _ in mc_verdict.failed}, mc_verdict.failed


def test_validity_window_agrees(world: World) -> None:
    """validFrom/validUntil: the same verdict at the same instants on both sides.

    Instants stay an hour away from the edges: Digital Bazaar allows 300 s of clock skew.
    """
    valid_until = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    cred = world.mc.workdir / "windowed.json"
    world.mc.ok(
        "issue",
        "--key",
        "key.key",
        "--achievement",
        "achievement.json",
        "--subject",
        "subject-did.json",
        "--valid-until",
        valid_until.isoformat().replace("+00:00", "Z"),
        "--out",
        cred,
    )
    moments = {
        "before validFrom": (datetime.now(UTC) - timedelta(days=1), False),
        "inside": (valid_until - timedelta(hours=1), True),
        "after validUntil": (valid_until + timedelta(hours=1), False),
    }
    for label, (moment, expected) in moments.items():
        now = moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        node = world.node.verify_files([cred], now=now)[cred.name]
        mine = world.mc.verify([cred], now=now)[cred.name]
        assert node.verified is expected, (label, node.error)
        assert mine.verified is expected, (label, mine.failed)
