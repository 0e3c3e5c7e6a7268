"""A body's signed trust list, as published by the platform, verifies outside it: with the
``microcred verify`` command and with Digital Bazaar's verifier; a tampered copy is
refused by both. The command then follows the list (``--trust-list``, checked for its
signature and its signer) to tell whether a credential's issuer was recognised."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from interop_harness import Microcred, node_side, write_json
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version
from tests.issuing.helpers import documents_for

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.registry import trust_lists
from microcred.registry.models import Decision
from microcred.registry.qa_bodies import create_qa_body
from microcred.vc import Learner

pytestmark = pytest.mark.django_db


def _fetch(client: Client, url: str) -> Any:
    response = client.get(url.removeprefix("http://localhost:8000"))
    assert response.status_code == 200, url
    return json.loads(response.content)


def test_the_signed_trust_list_verifies_on_both_sides_and_is_followed(
    organization: Organization, published: SpecificationVersion, client: Client, tmp_path: Path
) -> None:
    body = create_qa_body(slug="kalite", name="Kalite Kurulu", country="TR")
    now = timezone.now()
    Decision.objects.create(
        provider=organization,
        qa_body=body,
        outcome=Decision.Outcome.RECOGNISED,
        reason="Meets every criterion.",
        effective=now - timedelta(days=30),
        valid_until=now + timedelta(days=700),
        eqf_levels=[6],
        tqf_levels=[6],
    )
    trust_lists.publish(body)
    listed = _fetch(client, "/registry/trust-lists/kalite")
    request = AwardRequest(
        Learner("ayse@uni.example", "Ayşe Yılmaz", "BA", date(2026, 6, 1)),
        idempotency_key(published.public_id, "ayse@uni.example"),
    )
    with signer_for(organization) as signer:
        (issued,) = issue_awards(published, [request], signer=signer)
    credential = issued.award.credential
    documents = {**documents_for(client, organization), **documents_for(client, body)}
    urls = [e["statusListCredential"] for e in credential["credentialStatus"]]
    urls += [r["id"] for r in [*credential.get("relatedResource", []), *listed["relatedResource"]]]
    for url in urls:
        documents[url] = _fetch(client, url)
    forged = copy.deepcopy(listed)
    forged["credentialSubject"]["recognition"][0]["recognisedIssuer"] = "did:key:z6MkForger"
    files = {
        "list": write_json(tmp_path / "list.json", listed),
        "forged": write_json(tmp_path / "forged.json", forged),
        "credential": write_json(tmp_path / "credential.json", credential),
        "documents": write_json(tmp_path / "documents.json", documents),
    }

    ours = Microcred(tmp_path).verify(
        [files["list"], files["forged"]], documents=files["documents"]
    )
    assert ours["list.json"].verified, ours["list.json"].checks
    assert ("proof", "proof_signature_invalid") in ours["forged.json"].failed
    theirs = node_side(tmp_path).verify_files(
        [files["list"], files["forged"]], documents=files["documents"]
    )
    assert theirs["list.json"].verified, theirs["list.json"].error
    assert not theirs["forged.json"].verified

    cli = Microcred(tmp_path)
    base: list[str | Path] = [
        "verify",
        "--json",
        files["credential"],
        "--documents",
        files["documents"],
    ]
    followed = cli.run(*base, "--trust-list", files["list"], "--trust-list-issuer", did_for(body))
    assert followed.returncode == 0, followed.stderr
    (trust,) = [c for c in json.loads(followed.stdout)["checks"] if c["check"] == "trust"]
    assert trust["code"] == "issuer_recognised"
    assert "Kalite Kurulu" in trust["message"]
    refused = cli.run(*base, "--trust-list", files["forged"], "--trust-list-issuer", did_for(body))
    assert refused.returncode == 2
    assert "trust_list_unverified" in refused.stderr
    wrong = cli.run(
        *base, "--trust-list", files["list"], "--trust-list-issuer", did_for(organization)
    )
    assert wrong.returncode == 2
    assert "trust_list_wrong_issuer" in wrong.stderr
    unsigned_issuer = cli.run(*base, "--trust-list", files["list"])
    assert unsigned_issuer.returncode == 2
