"""Presentations and eddsa-jcs-2022 both ways with Digital Bazaar's stack (VC 2.0 §4.13;
Data Integrity §4.2 challenge and domain; vc-di-eddsa §3.3).

Microcred's presentations verify with ``@digitalbazaar/vc`` ``verifyPresentation``, and
its verifier accepts the presentations ``signPresentation`` makes; a replay for another
challenge fails on both sides. The platform's VC-API issues eddsa-jcs-2022 credentials
that the independent verifier accepts.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from interop_harness import node_side, read_json, write_json
from tests.api.conftest import MakeToken, call
from tests.api.conftest import make_token as make_token  # the fixture
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.helpers import documents_for
from tests.vc.factories import Issuer

from microcred.organizations.models import Organization
from microcred.vc import Ed25519KeyPair, issue_credential
from microcred.vc.presentations import sign_presentation, verify_presentation
from microcred.vc.proofs import EDDSA_JCS_2022

NOW = datetime.now(UTC).replace(microsecond=0)
CHALLENGE, DOMAIN = "u-interop-1", "verifier.example"


def _credential(issuer: Issuer, fmt: str = "di-rdfc") -> dict[str, Any]:
    signed = issue_credential(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": issuer.did,
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        },
        key=issuer.key,
        verification_method=issuer.method,
        now=NOW,
        format=fmt,  # type: ignore[arg-type]
    )
    assert isinstance(signed, dict)
    return signed


@pytest.mark.parametrize("cryptosuite", ["eddsa-rdfc-2022", EDDSA_JCS_2022])
def test_microcred_presentations_verify_with_digital_bazaar(
    tmp_path: Path, cryptosuite: str
) -> None:
    issuer = Issuer.did_key()
    vp = sign_presentation(
        [_credential(issuer), _credential(issuer, "di-jcs")],
        holder=Ed25519KeyPair.generate(),
        now=NOW,
        challenge=CHALLENGE,
        domain=DOMAIN,
        cryptosuite=cryptosuite,
    )
    path = write_json(tmp_path / "vp.json", vp)
    jobs = [
        {"file": str(path), "challenge": CHALLENGE, "domain": DOMAIN},
        {"file": str(path), "challenge": "another", "domain": DOMAIN},
    ]
    honest, replay = node_side(tmp_path).verify(jobs)
    assert honest.format == "vp"
    assert honest.verified, honest.error
    assert not replay.verified


def test_digital_bazaar_presentations_verify_with_microcred(tmp_path: Path) -> None:
    issuer = Issuer.did_key()
    credential = write_json(tmp_path / "vc.json", _credential(issuer))
    job = {
        "in": [str(credential)],
        "out": str(tmp_path / "vp.json"),
        "generate-key": str(tmp_path / "holder.key"),
        "challenge": CHALLENGE,
        "domain": DOMAIN,
    }
    (made,) = node_side(tmp_path).present([job])
    vp = read_json(Path(made["presentation"]))
    report = verify_presentation(vp, now=datetime.now(UTC), challenge=CHALLENGE, domain=DOMAIN)
    assert report.verified, [c.code for c in report.failures]
    assert report.holder == made["holder"]
    assert not verify_presentation(vp, now=datetime.now(UTC), challenge="another").verified
    tampered = copy.deepcopy(vp)
    tampered["verifiableCredential"][0]["credentialSubject"]["name"] = "Mallory"
    assert not verify_presentation(tampered, now=datetime.now(UTC), challenge=CHALLENGE).verified


@pytest.mark.django_db
def test_vc_api_jcs_credentials_verify_with_digital_bazaar(
    client: Client,
    organization: Organization,
    make_token: MakeToken,
    tmp_path: Path,
) -> None:
    token = make_token(organization, "issue")
    body = {
        "credential": {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        },
        "options": {"cryptosuite": EDDSA_JCS_2022},
    }
    response = call(client, "post", "/credentials/issue", body, token)
    assert response.status_code == 201, response.content
    vc = response.json()["verifiableCredential"]
    assert vc["proof"]["cryptosuite"] == EDDSA_JCS_2022
    documents = documents_for(client, organization)
    for entry in vc["credentialStatus"]:
        url = entry["statusListCredential"]
        documents[url] = json.loads(client.get(url.removeprefix("http://localhost:8000")).content)
    path = write_json(tmp_path / "jcs.json", vc)
    docs = write_json(tmp_path / "documents.json", documents)
    verdict = node_side(tmp_path).verify_files([path], documents=docs)["jcs.json"]
    assert verdict.format == EDDSA_JCS_2022
    assert verdict.verified, verdict.error
