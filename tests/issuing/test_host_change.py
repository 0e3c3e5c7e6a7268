"""Moving the deployment to a new host name strands nothing that was issued.

Credentials issued under ``old.example`` keep naming it: its DID document is still served
(asked for through that host), its status lists keep their URL and are re-signed as the
old DID when a status changes; new credentials name the new host and new lists.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.vc import Learner
from microcred.vc.verify import verify_credential

pytestmark = pytest.mark.django_db


def move_to(settings: Settings, host: str) -> None:
    settings.MICROCRED_PUBLIC_URL = f"https://{host}"
    settings.MICROCRED_DID_WEB_HOST = host
    settings.ALLOWED_HOSTS = ["old.example", "new.example", "testserver"]


def issue(version: SpecificationVersion, email: str) -> Issued:
    request = AwardRequest(Learner(email, "", "AA", date(2026, 6, 1)), idempotency_key(email))
    with signer_for(version.specification.organization) as signer:
        [issued] = issue_awards(version, [request], signer=signer)
    return issued


def fetched_documents(client: Client, credential: dict[str, Any]) -> dict[str, Any]:
    """What an outside verifier fetches, each from the host the credential names."""
    did = credential["issuer"]["id"]
    host = did.split(":")[2]
    documents = {did: json.loads(client.get("/orgs/anadolu-uni/did.json", HTTP_HOST=host).content)}
    for entry in credential["credentialStatus"]:
        url = entry["statusListCredential"]
        host, path = url.removeprefix("https://").split("/", 1)
        documents[url] = json.loads(client.get(f"/{path}", HTTP_HOST=host).content)
    return documents


def test_a_new_host_leaves_earlier_credentials_verifiable(
    settings: Settings, client: Client, published: SpecificationVersion
) -> None:
    move_to(settings, "old.example")
    before = issue(published, "ayse@learners.example").award
    move_to(settings, "new.example")
    after = issue(published, "jean@learners.example").award

    assert before.credential["issuer"]["id"] == "did:web:old.example:orgs:anadolu-uni"
    assert after.credential["issuer"]["id"] == "did:web:new.example:orgs:anadolu-uni"
    assert before.revocation_list_id != after.revocation_list_id  # a new list for the new name
    served_old = client.get("/orgs/anadolu-uni/did.json", HTTP_HOST="old.example")
    assert json.loads(served_old.content)["id"] == "did:web:old.example:orgs:anadolu-uni"
    served_new = client.get("/orgs/anadolu-uni/did.json", HTTP_HOST="new.example")
    assert json.loads(served_new.content)["id"] == "did:web:new.example:orgs:anadolu-uni"

    # Revoked after the move: the old list is re-signed as the old DID, at its old URL.
    with signer_for(published.specification.organization) as signer:
        change_status([before], StatusAction.REVOKE, reason="Error.", by=None, signer=signer)
    now = timezone.now()
    for award, revoked in ((before, True), (after, False)):
        documents = fetched_documents(client, award.credential)
        report = verify_credential(award.credential, now=now, documents=documents)
        assert report.verified is not revoked, report.failures
        if revoked:
            assert {c.code for c in report.failures} == {"revoked"}


def test_the_platform_verifier_answers_former_names_from_the_database(
    settings: Settings, client: Client, published: SpecificationVersion
) -> None:
    move_to(settings, "old.example")
    credential = issue(published, "ayse@learners.example").award.credential
    move_to(settings, "new.example")
    response = client.post(
        "/api/verify",
        data=json.dumps({"verifiableCredential": credential}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["verified"], response.json()


def test_status_lists_are_signed_again_when_their_key_is_retired(
    settings: Settings,
    client: Client,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A list signed by a withdrawn key would fail every credential pointing at it, new ones
    included; retiring the key re-signs the organisation's lists with the active key."""
    from microcred.organizations import keys

    move_to(settings, "old.example")
    first = issue(published, "ayse@learners.example").award
    organization = published.specification.organization
    key = keys.active_key(organization)
    assert key is not None
    with django_capture_on_commit_callbacks(execute=True):
        keys.retire(key, effective=timezone.now(), reason="laptop stolen", by=None)
    second = issue(published, "jean@learners.example").award
    assert second.revocation_list_id == first.revocation_list_id  # the same, re-signed list
    documents = fetched_documents(client, second.credential)
    listed = documents[second.credential["credentialStatus"][0]["statusListCredential"]]
    assert listed["proof"]["verificationMethod"].endswith("#key-2")
    report = verify_credential(second.credential, now=timezone.now(), documents=documents)
    assert report.verified, report.failures
