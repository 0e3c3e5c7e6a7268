"""A credential issued from a QA-approved version carries the QA body's signed endorsement:
the verify page and /api/verify show it as a fact ("Approved by … on …"), from the verified
endorsement, never from the issuer's own words; a tampered endorsement is refused."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog import review, services
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.qa_criteria import codes
from microcred.catalog.review import Answer
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.vc.contexts import loader_for
from microcred.vc.proofs import create_proof
from microcred.verification.services import verify_document
from tests.conftest import Recognise
from tests.vc.elements.conftest import full_elements

from .helpers import text_of, verdict_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa_body(db: None) -> Organization:
    return Organization.objects.create(
        slug="kalite-kurulu", name="Kalite Kurulu", country="TR", kind=Organization.Kind.QA_BODY
    )


@pytest.fixture
def credential(
    organization: Organization, qa_body: Organization, recognise: Recognise
) -> dict[str, Any]:
    recognise(organization)  # so that the answer may call the credential valid outright
    version = services.create_specification(organization, None, full_elements(), hours_per_ects=28)
    designer = User.objects.create_user("designer@uni.example", "x")
    reviewer = User.objects.create_user("reviewer@kalite.example", "x")
    pending = review.submit(version, qa_body, by=designer)
    answers = {code: Answer("met") for code in codes()}
    review.approve(pending, by=reviewer, answers=answers, comment="Meets every criterion.")
    published = services.publish(SpecificationVersion.objects.get(pk=version.pk))
    learner = Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 5, 1))
    request = AwardRequest(learner, idempotency_key("endorsed", learner.email))
    with signer_for(organization) as signer:
        (issued,) = issue_awards(published, [request], signer=signer, include_name=True)
    credential: dict[str, Any] = issued.award.credential
    return credential


def upload(client: Client, credential: dict[str, Any], lang: str = "en") -> Any:
    data = json.dumps(credential).encode()
    return client.post(f"/{lang}/verify/", {"file": SimpleUploadedFile("c.json", data)})


def test_the_credential_carries_the_qa_bodys_endorsement_and_verifies(
    credential: dict[str, Any], qa_body: Organization
) -> None:
    [endorsement] = credential["credentialSubject"]["achievement"]["endorsement"]
    assert endorsement["issuer"]["id"] == did_for(qa_body)
    report = verify_document(credential)
    assert report.verified, [c.code for c in report.failures]
    [check] = [c for c in report.checks if c.check == "endorsements"]
    assert check.code == "endorsement_verified"
    assert check.params["endorser_id"] == did_for(qa_body)


def test_the_verify_page_shows_the_approval_as_a_fact(
    client: Client, credential: dict[str, Any]
) -> None:
    english = upload(client, credential)
    assert verdict_of(english).startswith("Valid")
    assert "Approved by Kalite Kurulu on " in text_of(english)
    turkish = upload(client, credential, "tr")
    assert "Kalite Kurulu tarafından onaylandı." in text_of(turkish)


def test_api_verify_reports_the_approval(client: Client, credential: dict[str, Any]) -> None:
    response = client.post(
        "/api/verify", {"verifiableCredential": credential}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verified"] is True
    [check] = [c for c in body["checks"] if c["check"] == "endorsements"]
    assert check["message"].startswith("Approved by Kalite Kurulu on ")


def test_an_issuers_claim_of_approval_is_not_shown_as_one(
    client: Client, credential: dict[str, Any], organization: Organization
) -> None:
    """An endorsement the issuer altered (and re-signed its credential around) is refused."""
    achievement = credential["credentialSubject"]["achievement"]
    achievement["endorsement"][0]["issuer"]["name"] = "Ulusal Kalite Ajansı"
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    with signer_for(organization) as signer:
        forged = create_proof(
            unsigned,
            key=signer.key,
            verification_method=signer.verification_method,
            created=datetime.now(UTC),
            document_loader=loader_for(unsigned),
        )
    report = verify_document(forged)
    assert {(c.check, c.code) for c in report.failures} == {
        ("endorsements", "endorsement_tampered")
    }
    page = upload(client, forged)
    assert "approval (endorsement) it carries does not check out" in verdict_of(page)
    assert "Approved by" not in text_of(page)
