"""``microcred verify`` on a Verifiable Presentation (VC 2.0 §4.13), as a real process."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from microcred.vc import Ed25519KeyPair
from microcred.vc.contexts import pinned_loader
from microcred.vc.presentations import sign_presentation
from microcred.vc.proofs import create_proof

from ..vc.factories import Issuer
from .helpers import run, verify_json

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def _vp(tmp: Path) -> Path:
    issuer = Issuer.did_key()
    credential = create_proof(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": issuer.did,
            "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        },
        key=issuer.key,
        verification_method=issuer.method,
        created=NOW,
        document_loader=pinned_loader(),
    )
    vp = sign_presentation(
        [credential], holder=Ed25519KeyPair.generate(), now=NOW, challenge="c-1", domain="d.example"
    )
    path = tmp / "vp.json"
    path.write_text(json.dumps(vp), "utf-8")
    return path


def test_a_presentation_verifies_with_its_challenge_and_domain(tmp_path: Path) -> None:
    path = _vp(tmp_path)
    code, lines = verify_json(
        tmp_path,
        path,
        "--now",
        "2026-05-01T00:01:00Z",
        "--challenge",
        "c-1",
        "--domain",
        "d.example",
    )
    assert code == 0
    assert lines[0]["verified"] is True
    assert len(lines[0]["credentials"]) == 1
    code, lines = verify_json(tmp_path, path, "--now", "2026-05-01T00:01:00Z", "--challenge", "x")
    assert code == 1
    assert "proof_challenge_mismatch" in [c["code"] for c in lines[0]["checks"]]


def test_a_presentation_is_explained_in_turkish(tmp_path: Path) -> None:
    path = _vp(tmp_path)
    result = run("verify", path, "--now", "2026-05-01T00:01:00Z", "--lang", "tr", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "(presentation): VERIFIED" in result.stdout
    assert "sahibi" in result.stdout.lower()
