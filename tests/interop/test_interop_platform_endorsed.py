"""A credential the platform issues from a QA-approved version (the QA body's endorsement
embedded in its achievement) verifies outside the platform: with ``microcred verify`` given
the public documents as files, the QA body's did.json among them, and with Digital Bazaar's
verifier. Without the QA body's document ours refuses the endorsement (unknown key)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from interop_harness import Microcred, node_side, write_json
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisations' keys
from tests.issuing.helpers import documents_for
from tests.vc.elements.conftest import full_elements

from microcred.accounts.models import User
from microcred.catalog import qa_criteria, review, services
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner

pytestmark = pytest.mark.django_db


def _approved(organization: Organization, qa_body: Organization) -> SpecificationVersion:
    version = services.create_specification(organization, None, full_elements(), hours_per_ects=28)
    designer = User.objects.create_user("designer@uni.example", "x")
    reviewer = User.objects.create_user("reviewer@kalite.example", "x")
    pending = review.submit(version, qa_body, by=designer)
    answers = {code: review.Answer("met") for code in qa_criteria.codes()}
    review.approve(pending, by=reviewer, answers=answers, comment="Onaylandı.")
    return services.publish(SpecificationVersion.objects.get(pk=version.pk))


def _outside_documents(
    client: Client, credential: dict[str, Any], *organizations: Organization
) -> dict[str, Any]:
    documents: dict[str, Any] = {}
    for org in organizations:
        documents.update(documents_for(client, org))
    urls = [entry["statusListCredential"] for entry in credential["credentialStatus"]]
    urls += [resource["id"] for resource in credential.get("relatedResource", [])]
    for url in urls:
        response = client.get(url.removeprefix("http://localhost:8000"))
        assert response.status_code == 200
        documents[url] = json.loads(response.content)
    return documents


def test_a_platform_credential_with_a_qa_approval_verifies_with_the_cli_and_digital_bazaar(
    organization: Organization, client: Client, tmp_path: Path
) -> None:
    qa_body = Organization.objects.create(
        slug="kalite-kurulu", name="Kalite Kurulu", kind=Organization.Kind.QA_BODY
    )
    version = _approved(organization, qa_body)
    learner = Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 6, 1))
    request = AwardRequest(learner, idempotency_key(version.public_id, learner.email))
    with signer_for(organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, include_name=True)
    credential = issued.award.credential
    assert credential["credentialSubject"]["achievement"]["endorsement"]
    endorsed = write_json(tmp_path / "endorsed.json", credential)
    everything = _outside_documents(client, credential, organization, qa_body)
    documents = write_json(tmp_path / "documents.json", everything)
    without_qa = write_json(
        tmp_path / "without-qa.json", _outside_documents(client, credential, organization)
    )

    ours = Microcred(tmp_path).verify([endorsed], documents=documents)
    assert ours["endorsed.json"].verified, ours["endorsed.json"].checks
    [fact] = [c for c in ours["endorsed.json"].checks if c["check"] == "endorsements"]
    assert fact["message"].startswith("Approved by Kalite Kurulu on ")
    unresolved = Microcred(tmp_path).verify([endorsed], documents=without_qa)
    assert unresolved["endorsed.json"].failed == {("endorsements", "endorsement_key_unknown")}

    theirs = node_side(tmp_path).verify_files([endorsed], documents=documents)
    assert theirs["endorsed.json"].verified, theirs["endorsed.json"].error
