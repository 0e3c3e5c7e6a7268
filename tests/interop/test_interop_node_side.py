"""The independent side on its own: it must judge the official vectors as the manifest says,
verify what it signs, refuse what it must refuse, and never reach for the network.

If these fail, a disagreement with Microcred would say nothing about Microcred.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from interop_harness import INTEROP, REPO, VECTORS, NodeSide, NodeVerdict, node_side, read_json
from interop_scenarios import (
    NODE_STATUS_URL,
    UNKNOWN_CONTEXT,
    Outcome,
    Scenario,
    SignedSet,
    assert_node_verdict,
    node_scenarios,
    sign_node_set,
)

pytestmark = pytest.mark.interop

MANIFEST: list[dict[str, Any]] = read_json(VECTORS / "manifest.json")["entries"]
CONTEXTS = REPO / "src" / "microcred" / "vc" / "contexts" / "data"


def _manifest_id(entry: dict[str, Any]) -> str:
    extra = "+documents" if "documents" in entry else ""
    return f"{entry['file']}:{entry['check']}{extra}"


@pytest.fixture(scope="module")
def manifest_verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[NodeVerdict]:
    node = node_side(tmp_path_factory.mktemp("manifest"))
    jobs: list[dict[str, Any]] = []
    for entry in MANIFEST:
        job: dict[str, Any] = {
            "file": str(VECTORS / entry["file"]),
            "proof-only": entry["check"] == "proof",
        }
        if "now" in entry:
            job["now"] = entry["now"]
        if "documents" in entry:
            job["documents"] = str(VECTORS / entry["documents"])
        jobs.append(job)
    return node.verify(jobs)


@pytest.mark.parametrize("index", range(len(MANIFEST)), ids=[_manifest_id(e) for e in MANIFEST])
def test_official_vector_judged_as_the_manifest_says(
    manifest_verdicts: list[NodeVerdict], index: int
) -> None:
    entry, verdict = MANIFEST[index], manifest_verdicts[index]
    assert verdict.verified is (entry["expect"] == "verify"), (entry["reason"], verdict.error)


def test_w3c_eddsa_rdfc_vector_proof_verifies(manifest_verdicts: list[NodeVerdict]) -> None:
    """The brief's anchor: the W3C vc-di-eddsa signedDataInt.json proof, by the Node side."""
    vector = str(VECTORS / "w3c-vc-di-eddsa" / "eddsa-rdfc-2022" / "signedDataInt.json")
    [proof_check] = [
        v
        for v, e in zip(manifest_verdicts, MANIFEST, strict=True)
        if v.file == vector and e["check"] == "proof"
    ]
    assert proof_check.verified, proof_check.error
    assert proof_check.format == "eddsa-rdfc-2022"


@pytest.fixture(scope="module")
def node_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[NodeSide, SignedSet]:
    work = tmp_path_factory.mktemp("node-round-trip")
    node = node_side(work)
    return node, sign_node_set(node, work, ("generate-key", str(work / "node.key")))


@pytest.fixture(scope="module")
def node_round_trip(node_world: tuple[NodeSide, SignedSet]) -> dict[str, NodeVerdict]:
    """Every scenario with the documents map, plus one status check without it (one batch)."""
    node, signed = node_world
    documents = str(signed.documents)
    jobs: list[dict[str, Any]] = [
        {"file": str(path), "documents": documents} for path in signed.files.values()
    ]
    jobs.append({"file": str(signed.files["node-rdfc-active"])})
    verdicts = node.verify(jobs)
    by_name = {Path(v.file).name: v for v in verdicts[:-1]}
    by_name["no-documents"] = verdicts[-1]
    return by_name


@pytest.mark.parametrize("scenario", node_scenarios(), ids=lambda s: s.name)
def test_node_side_verifies_what_it_signed(
    node_world: tuple[NodeSide, SignedSet],
    node_round_trip: dict[str, NodeVerdict],
    scenario: Scenario,
) -> None:
    _, signed = node_world
    assert_node_verdict(node_round_trip[signed.files[scenario.name].name], scenario.expect)


def test_unpinned_context_is_refused_not_fetched(node_round_trip: dict[str, NodeVerdict]) -> None:
    assert UNKNOWN_CONTEXT in (node_round_trip["node-rdfc-unpinned.json"].error or "")


def test_status_list_outside_the_map_is_refused_not_fetched(
    node_round_trip: dict[str, NodeVerdict],
) -> None:
    verdict = node_round_trip["no-documents"]
    assert_node_verdict(verdict, Outcome.UNRESOLVABLE)
    assert NODE_STATUS_URL in (verdict.error or "")


def test_generated_key_file_has_microcred_format(node_world: tuple[NodeSide, SignedSet]) -> None:
    node, _ = node_world
    key_file = node.workdir / "node.key"
    key = read_json(key_file)
    assert set(key) == {"type", "publicKeyMultibase", "secretKeyMultibase"}
    assert key["type"] == "Multikey"
    assert key["publicKeyMultibase"].startswith("z6Mk")
    assert key["secretKeyMultibase"].startswith("z3u2")  # 0x8026 + 32-byte seed
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_pinned_contexts_equal_the_ones_digital_bazaar_ships(
    node_world: tuple[NodeSide, SignedSet],
) -> None:
    """Both sides must canonicalize with the same context content, or agreeing proves little."""
    node, _ = node_world
    result = subprocess.run(
        [node.node, str(INTEROP / "dbcontexts.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shipped: dict[str, Any] = json.loads(result.stdout)
    index: dict[str, str] = read_json(CONTEXTS / "index.json")
    assert "https://www.w3.org/ns/credentials/v2" in shipped
    for url, context in shipped.items():
        assert url in index, f"{url} is used by Digital Bazaar but not pinned"
        assert read_json(Path(CONTEXTS / index[url])) == context, f"pinned {url} differs"
