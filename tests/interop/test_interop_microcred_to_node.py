"""Credentials issued by ``microcred`` are judged by Digital Bazaar's stack as by Microcred.

The matrix: a did:key issuer with di-rdfc, di-jcs and jwt, each without status, with an
active status entry and with a revoked one; a did:web issuer with every format and with
an active and a revoked entry; a suspended credential; tampered copies; a key file written
by the Node side; and what neither side may resolve offline (a did:web document and a
context that are not in the documents map). Revocation happens *after* issuance, through
``microcred status revoke``, which re-signs the list that both verifiers then read.
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
    add_unpinned_context,
    assert_microcred_verdict,
    assert_node_verdict,
    tamper,
)

pytestmark = pytest.mark.interop

DID_WEB = {"web": "issuer.example/badges", "unpublished": "elsewhere.example/issuer"}
STATUS_URL = {
    "key": "https://issuer.example/status/key-revocation",
    "web": "https://issuer.example/status/web-revocation",
}
SUSPENSION_URL = "https://issuer.example/status/key-suspension"
#: Index 4 is revoked after issuance; index 3 (same byte, adjacent bit) must stay active:
#: a verifier reading bits in the wrong order inside a byte would swap them.
STATE_INDEX = {"plain": None, "active": 3, "revoked": 4}
SUSPENDED_INDEX = 6
STATE_OUTCOME = {"plain": Outcome.VERIFIED, "active": Outcome.VERIFIED, "revoked": Outcome.REVOKED}

#: (key file, format, status state) of every credential ``microcred issue`` writes.
#: Kept small on purpose: every ``microcred issue`` is a process start (~0.7 s of CPU).
ISSUED = [
    *[("key", fmt, state) for fmt in ("di-rdfc", "jwt") for state in STATE_INDEX],
    ("key", "di-jcs", "plain"),
    ("key", "di-jcs", "active"),
    *[("web", fmt, "plain") for fmt in ("di-rdfc", "di-jcs", "jwt")],
    ("web", "di-rdfc", "active"),
    ("web", "jwt", "revoked"),
    ("nodekey", "di-rdfc", "plain"),
    ("unpublished", "di-rdfc", "plain"),
]
TAMPERED = ("key-di-rdfc", "key-di-jcs", "key-jwt", "web-di-rdfc")


def _name(key: str, fmt: str, state: str) -> str:
    return f"mc-{key}-{fmt}-{state}"


def scenarios() -> list[Scenario]:
    found = [
        Scenario(
            _name(key, fmt, state),
            Outcome.UNRESOLVABLE if key == "unpublished" else STATE_OUTCOME[state],
        )
        for key, fmt, state in ISSUED
    ]
    found.append(Scenario("mc-key-di-rdfc-suspended", Outcome.SUSPENDED))
    found.extend(Scenario(f"mc-{base}-tampered", Outcome.TAMPERED) for base in TAMPERED)
    found.append(Scenario("mc-key-di-rdfc-unpinned", Outcome.UNRESOLVABLE))
    return found


SCENARIOS = scenarios()


@dataclass(frozen=True, slots=True)
class World:
    mc: Microcred
    node: NodeSide
    files: dict[str, Path]
    documents: Path
    did_web: str
    windowed: Path
    valid_until: datetime


def _keys_and_lists(mc: Microcred, node: NodeSide) -> str:
    """Keys (one written by the Node side), the did:web document, three status lists."""
    node.sign([{"generate-key": str(mc.workdir / "nodekey.key")}])
    mc.ok_all([["keys", "generate", "--out", f"{key}.key"] for key in ("key", "web")])
    web = ["--did-web", DID_WEB["web"]]
    mc.ok_all([
        ["keys", "did-web", "--key", "web.key", *web, "--out", "did.json"],
        ["status", "new", "--key", "key.key", "--url", STATUS_URL["key"],
         "--purpose", "revocation", "--out", "key-status.json"],
        ["status", "new", "--key", "web.key", *web, "--url", STATUS_URL["web"],
         "--purpose", "revocation", "--out", "web-status.json"],
        ["status", "new", "--key", "key.key", "--url", SUSPENSION_URL,
         "--purpose", "suspension", "--out", "key-suspension.json"],
    ])  # fmt: skip
    did: str = read_json(mc.workdir / "did.json")["id"]
    return did


def _issue(out: Path, key: str, fmt: str, *extra: str | Path) -> list[str | Path]:
    """``key`` names the issuer: its key file, and its did:web if it has one."""
    subject = "subject-identifier.json" if key == "web" else "subject-did.json"
    did_web = ["--did-web", DID_WEB[key]] if key in DID_WEB else []
    key_file = "web.key" if key == "unpublished" else f"{key}.key"
    return [
        "issue", "--key", key_file, "--achievement", "achievement.json",
        "--subject", subject, "--format", fmt, "--out", out, *did_web, *extra,
    ]  # fmt: skip


def _issue_all(mc: Microcred, valid_until: datetime) -> dict[str, Path]:
    files: dict[str, Path] = {}
    commands: list[list[str | Path]] = []
    for key, fmt, state in ISSUED:
        name = _name(key, fmt, state)
        files[name] = mc.workdir / f"{name}{'.jwt' if fmt == 'jwt' else '.json'}"
        index = STATE_INDEX[state]
        status = [] if index is None else ["--status-list", f"{key}-status.json",
                                           "--status-index", str(index)]  # fmt: skip
        commands.append(_issue(files[name], key, fmt, *status))
    files["mc-key-di-rdfc-suspended"] = mc.workdir / "mc-key-di-rdfc-suspended.json"
    commands.append(_issue(
        files["mc-key-di-rdfc-suspended"], "key", "di-rdfc",
        "--status-list", "key-suspension.json", "--status-index", str(SUSPENDED_INDEX),
    ))  # fmt: skip
    until = valid_until.isoformat().replace("+00:00", "Z")
    commands.append(_issue(mc.workdir / "windowed.json", "key", "di-rdfc", "--valid-until", until))
    mc.ok_all(commands)
    return files


def _derive_bad_copies(files: dict[str, Path]) -> None:
    for base in TAMPERED:
        source = files[f"mc-{base}-plain"]
        files[f"mc-{base}-tampered"] = tamper(
            source, source.with_name(f"mc-{base}-tampered{source.suffix}")
        )
    source = files["mc-key-di-rdfc-plain"]
    files["mc-key-di-rdfc-unpinned"] = add_unpinned_context(
        source, source.with_name("mc-key-di-rdfc-unpinned.json")
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    work = tmp_path_factory.mktemp("microcred-issued")
    mc, node = Microcred(work), node_side(work)
    did = _keys_and_lists(mc, node)
    write_json(work / "achievement.json", ACHIEVEMENT)
    write_json(work / "subject-did.json", SUBJECT_DID)
    write_json(work / "subject-identifier.json", SUBJECT_IDENTIFIER)
    valid_until = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    files = _issue_all(mc, valid_until)
    mc.ok_all([
        ["status", "revoke", "--key", "key.key", "key-status.json", "--index", "4"],
        ["status", "revoke", "--key", "web.key", "--did-web", DID_WEB["web"],
         "web-status.json", "--index", "4"],
        ["status", "suspend", "--key", "key.key", "key-suspension.json",
         "--index", str(SUSPENDED_INDEX)],
    ])  # fmt: skip
    _derive_bad_copies(files)
    documents = write_json(work / "documents.json", {
        did: read_json(work / "did.json"),
        STATUS_URL["key"]: read_json(work / "key-status.json"),
        STATUS_URL["web"]: read_json(work / "web-status.json"),
        SUSPENSION_URL: read_json(work / "key-suspension.json"),
    })  # fmt: skip
    return World(mc, node, files, documents, did, work / "windowed.json", valid_until)


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


def test_did_web_credentials_name_the_resolved_did(world: World) -> None:
    """So the did:web document in the documents map was really what both sides used."""
    assert world.did_web == "did:web:issuer.example:badges"
    credential = read_json(world.files["mc-web-di-rdfc-active"])
    assert credential["issuer"]["id"] == world.did_web
    assert credential["proof"]["verificationMethod"].startswith(f"{world.did_web}#")
    [status] = credential["credentialStatus"]  # a list, as the platform's composer writes it
    assert status["statusListCredential"] == STATUS_URL["web"]
    assert status["statusListIndex"] in ("3", 3)


#: (edge, minutes past it, verified?) — both sides allow 5 minutes of clock skew.
WINDOW_EDGES = [
    ("validFrom", -6, False),
    ("validFrom", -4, True),
    ("validUntil", 4, True),
    ("validUntil", 6, False),
]


def _instant(text: str, minutes: int) -> str:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")) + timedelta(minutes=minutes)
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture(scope="module")
def window_node_verdicts(world: World) -> list[NodeVerdict]:
    credential = read_json(world.windowed)
    jobs = [
        {"file": str(world.windowed), "now": _instant(credential[edge], minutes)}
        for edge, minutes, _ in WINDOW_EDGES
    ]
    return world.node.verify(jobs)


@pytest.mark.parametrize(
    ("position", "edge", "minutes", "expected"),
    [(i, *edge) for i, edge in enumerate(WINDOW_EDGES)],
    ids=[f"{edge}{minutes:+d}min" for edge, minutes, _ in WINDOW_EDGES],
)
def test_validity_window_edges_agree(
    world: World,
    window_node_verdicts: list[NodeVerdict],
    position: int,
    edge: str,
    minutes: int,
    expected: bool,
) -> None:
    """validFrom/validUntil checked at the same instants give the same verdicts.

    Digital Bazaar's vc library allows 300 s of clock skew; so must Microcred.
    """
    now = _instant(read_json(world.windowed)[edge], minutes)
    node = window_node_verdicts[position]
    mine = world.mc.verify([world.windowed], now=now)[world.windowed.name]
    assert node.verified is expected, (edge, minutes, node.error)
    assert mine.verified is expected, (edge, minutes, mine.failed)
