"""Credentials signed by Digital Bazaar's stack are judged by ``microcred verify`` as by the
stack itself.

The Node side signs with a key file written by ``microcred keys generate`` (so the key
format is shared too): eddsa-rdfc-2022, eddsa-jcs-2022 and a ``jose`` vc+jwt, each without
status, with an active entry and with a revoked one (the list is built, bit set and signed
by the vc-bitstring-status-list library), plus tampered copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from interop_harness import (
    Microcred,
    MicrocredVerdict,
    NodeSide,
    NodeVerdict,
    node_side,
    read_json,
)
from interop_scenarios import (
    JCS_UNKNOWN_CONTEXT,
    NODE_SET_BITS,
    NODE_STATUS_URL,
    Scenario,
    SignedSet,
    assert_microcred_verdict,
    assert_node_verdict,
    node_scenarios,
    sign_node_set,
)

pytestmark = pytest.mark.interop

SCENARIOS = node_scenarios()


@dataclass(frozen=True, slots=True)
class World:
    mc: Microcred
    node: NodeSide
    signed: SignedSet
    did: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    work = tmp_path_factory.mktemp("node-signed")
    mc, node = Microcred(work), node_side(work)
    did = mc.ok("keys", "generate", "--out", "microcred.key").strip().splitlines()[-1]
    signed = sign_node_set(node, work, ("key", str(work / "microcred.key")))
    return World(mc, node, signed, did)


@pytest.fixture(scope="module")
def microcred_verdicts(world: World) -> dict[str, MicrocredVerdict]:
    return world.mc.verify(world.signed.files.values(), documents=world.signed.documents)


@pytest.fixture(scope="module")
def node_verdicts(world: World) -> dict[str, NodeVerdict]:
    return world.node.verify_files(world.signed.files.values(), documents=world.signed.documents)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_microcred_judges_node_credential(
    world: World, microcred_verdicts: dict[str, MicrocredVerdict], scenario: Scenario
) -> None:
    verdict = microcred_verdicts[world.signed.files[scenario.name].name]
    assert_microcred_verdict(verdict, scenario.expect)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_node_side_judges_its_credential_alike(
    world: World, node_verdicts: dict[str, NodeVerdict], scenario: Scenario
) -> None:
    assert_node_verdict(node_verdicts[world.signed.files[scenario.name].name], scenario.expect)


def test_node_side_signed_with_the_microcred_key(world: World) -> None:
    """The proofs name the did:key that ``microcred keys generate`` printed."""
    assert world.did.startswith("did:key:z6Mk")
    credential = read_json(world.signed.files["node-rdfc-plain"])
    assert credential["issuer"]["id"] == world.did
    assert credential["proof"]["verificationMethod"] == f"{world.did}#{world.did[8:]}"


def test_status_list_is_the_libraries_own(world: World) -> None:
    """The revoked scenario really rests on a list with exactly the expected bits set."""
    status_list = read_json(world.signed.documents)[NODE_STATUS_URL]
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    revoked = read_json(world.signed.files["node-rdfc-revoked"])["credentialStatus"]
    assert int(revoked["statusListIndex"]) in NODE_SET_BITS


def test_jcs_credential_with_an_unknown_context_divides_the_sides(
    world: World,
    microcred_verdicts: dict[str, MicrocredVerdict],
    node_verdicts: dict[str, NodeVerdict],
) -> None:
    """A known, deliberate difference, pinned so that a change on either side is noticed.

    eddsa-jcs-2022 signs JSON, not RDF, so Digital Bazaar never loads the @context and
    accepts a context nobody can resolve (and terms no context defines). Microcred accepts
    only pinned contexts, whatever the cryptosuite.
    """
    name = world.signed.files[JCS_UNKNOWN_CONTEXT].name
    assert node_verdicts[name].verified, node_verdicts[name].error
    mine = microcred_verdicts[name]
    assert not mine.verified
    assert ("contexts", "context_not_pinned") in mine.failed, mine.failed
