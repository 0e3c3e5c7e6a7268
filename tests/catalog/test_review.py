"""Review by a QA body through HTTP: submit, return with a comment, fix, resubmit, approve,
publish; the approval policy; the signed endorsement every credential then carries."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microcred.catalog import approvals, qa_criteria, services
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.models.review import Review, ReviewEvent
from microcred.organizations.keys import did_for, local_did_document
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc.verify import verify_credential
from tests.catalog.conftest import signed_in
from tests.conftest import MakeMember
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the QA body's key
from tests.vc.elements.conftest import full_elements

pytestmark = pytest.mark.django_db
Status = SpecificationVersion.Status


def url(name: str, org: Organization, lang: str = "en", **kwargs: str) -> str:
    path = reverse(f"catalog:{name}", kwargs={"org": org.slug, **kwargs})
    return f"/{lang}/" + path.split("/", 2)[2]


def page(response: Any) -> str:
    return unescape(response.content.decode())


def all_answers(answer: str = "met", **override: str) -> dict[str, str]:
    data = {f"answer_{code}": answer for code in qa_criteria.codes()}
    data.update({f"answer_{code}": value for code, value in override.items()})
    return data


@pytest.fixture
def version(organization: Organization) -> SpecificationVersion:
    return services.create_specification(organization, None, full_elements(), hours_per_ects=28)


@pytest.fixture
def designer(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    return signed_in(client, make_member(organization, Role.DESIGNER))


@pytest.fixture
def reviewer(qa_body: Organization, make_member: MakeMember) -> Client:
    return signed_in(Client(), make_member(qa_body, Role.QA_REVIEWER))


def submit(
    client: Client, org: Organization, version: SpecificationVersion, qa: Organization
) -> Any:
    target = url("submit", org, version_id=version.public_id)
    return client.post(target, {"qa_body": qa.slug, "note": "Ready for review."})


def review_of(version: SpecificationVersion) -> Review:
    return Review.objects.filter(version=version).order_by("-submitted_at", "-pk").first()  # type: ignore[return-value]


def test_submit_return_fix_resubmit_approve_and_publish(
    designer: Client,
    reviewer: Client,
    organization: Organization,
    qa_body: Organization,
    version: SpecificationVersion,
) -> None:
    assert submit(designer, organization, version, qa_body).status_code == 302
    version.refresh_from_db()
    assert version.status == Status.SUBMITTED
    # Under review: neither editable nor publishable, and the page says why.
    edit = designer.get(url("edit", organization, version_id=version.public_id))
    assert edit.status_code == 409
    assert "under review" in page(edit)
    published = designer.post(url("publish", organization, version_id=version.public_id))
    assert published.status_code == 409
    assert "under review" in page(published)

    queue = reviewer.get(url("review_queue", qa_body))
    assert queue.status_code == 200
    assert version.title in page(queue)
    review = review_of(version)
    target = url("review", qa_body, review_id=review.public_id)
    shown = page(reviewer.get(target))
    assert 'data-element="learning_outcomes"' in shown
    assert 'data-element="workload"' in shown
    assert "Every mandatory EU element is present." in shown
    for criterion in qa_criteria.criteria():
        assert f'data-criterion="{criterion.code}"' in shown

    # Returning needs a comment; the refused step keeps nothing, not even the answers.
    refused = reviewer.post(target, {**all_answers("partly"), "action": "return", "comment": ""})
    assert refused.status_code == 409
    assert "a comment is required" in page(refused)
    review.refresh_from_db()
    assert review.answers == {}
    assert review.outcome == Review.Outcome.PENDING
    returned = reviewer.post(
        target,
        {
            **all_answers("met", assessment_valid="not_met"),
            "action": "return",
            "comment": "State the assessment criteria in advance.",
        },
    )
    assert returned.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    mine = page(designer.get(url("version", organization, version_id=version.public_id)))
    assert "State the assessment criteria in advance." in mine
    assert "Returned for changes" in mine

    # The designer fixes the draft in place and submits again.
    services.save_draft(
        version,
        full_elements().model_copy(update={"assessment_description": "Rubric published."}),
        hours_per_ects=28,
    )
    assert submit(designer, organization, version, qa_body).status_code == 302
    review = review_of(version)
    target = url("review", qa_body, review_id=review.public_id)
    approved = reviewer.post(target, {**all_answers(), "action": "approve", "comment": "Sound."})
    assert approved.status_code == 302, page(approved)
    version.refresh_from_db()
    assert version.status == Status.APPROVED

    assert (
        designer.post(url("publish", organization, version_id=version.public_id)).status_code == 302
    )
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    approval = approvals.approval_of(version)
    assert approval is not None
    assert approval.qa_body == qa_body
    assert approval.comment == "Sound."
    actions = list(
        ReviewEvent.objects.filter(review__version=version).values_list("action", flat=True)
    )
    assert actions == [
        "submitted",
        "answered",
        "returned",
        "submitted",
        "answered",
        "approved",
    ]
    assert all(e.actor_label for e in ReviewEvent.objects.filter(review__version=version))


def test_approving_needs_every_criterion_answered_and_none_unmet(
    designer: Client,
    reviewer: Client,
    organization: Organization,
    qa_body: Organization,
    version: SpecificationVersion,
) -> None:
    submit(designer, organization, version, qa_body)
    target = url("review", qa_body, review_id=review_of(version).public_id)
    first = qa_criteria.codes()[0]
    partial = {**all_answers(), f"answer_{first}": "", "action": "approve"}
    response = reviewer.post(target, partial)
    assert response.status_code == 409
    assert "Answer every criterion" in page(response)
    unmet = reviewer.post(target, {**all_answers(**{first: "not_met"}), "action": "approve"})
    assert unmet.status_code == 409
    assert "not met" in page(unmet)
    version.refresh_from_db()
    assert version.status == Status.SUBMITTED
    assert approvals.approval_of(version) is None


def test_the_submitter_cannot_approve_their_own_version(
    client: Client,
    organization: Organization,
    qa_body: Organization,
    make_member: MakeMember,
    version: SpecificationVersion,
) -> None:
    both = make_member(organization, Role.DESIGNER, email="both@example.org")
    Organization.objects.get(pk=qa_body.pk).memberships.create(user=both, role=Role.QA_REVIEWER)
    signed_in(client, both)
    submit(client, organization, version, qa_body)
    target = url("review", qa_body, review_id=review_of(version).public_id)
    response = client.post(target, {**all_answers(), "action": "approve"})
    assert response.status_code == 409
    assert "someone else must approve" in page(response)


def test_submitting_is_refused_to_a_provider_and_for_an_incomplete_draft(
    designer: Client, organization: Organization, qa_body: Organization
) -> None:
    incomplete = services.create_specification(
        organization, None, services.MicroCredentialElements(title="Half done")
    )
    response = submit(designer, organization, incomplete, qa_body)
    assert response.status_code == 409
    assert "Complete the specification" in page(response)
    not_a_body = designer.post(
        url("submit", organization, version_id=incomplete.public_id),
        {"qa_body": organization.slug},
    )
    assert not_a_body.status_code == 400
    incomplete.refresh_from_db()
    assert incomplete.status == Status.DRAFT
    assert not Review.objects.exists()


def test_the_policy_requires_approval_before_publishing(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    version: SpecificationVersion,
) -> None:
    signed_in(client, make_member(organization, Role.ADMIN))
    assert (
        client.post(url("approval_policy", organization), {"approval_required": "on"}).status_code
        == 302
    )
    assert approvals.approval_required(organization)
    refused = client.post(url("publish", organization, version_id=version.public_id))
    assert refused.status_code == 409
    assert "publishes only specifications a quality-assurance body approved" in page(refused)
    turkish = client.post(url("publish", organization, "tr", version_id=version.public_id))
    assert "yalnızca bir kalite güvencesi kuruluşunun onayladığı" in page(turkish)
    version.refresh_from_db()
    assert version.status == Status.DRAFT

    assert client.post(url("approval_policy", organization), {}).status_code == 302
    assert (
        client.post(url("publish", organization, version_id=version.public_id)).status_code == 302
    )
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    assert approvals.approval_of(version) is None
    assert list(
        ReviewEvent.objects.filter(organization=organization).values_list("action", flat=True)
    ) == ["policy_on", "policy_off"]


def _approve(
    designer: Client,
    reviewer: Client,
    organization: Organization,
    qa_body: Organization,
    version: SpecificationVersion,
) -> None:
    submit(designer, organization, version, qa_body)
    target = url("review", qa_body, review_id=review_of(version).public_id)
    response = reviewer.post(
        target, {**all_answers(), "action": "approve", "comment": "Onaylandı."}
    )
    assert response.status_code == 302, page(response)


def test_the_endorsement_is_signed_by_the_qa_body_and_embedded_in_the_achievement(
    designer: Client,
    reviewer: Client,
    organization: Organization,
    qa_body: Organization,
    version: SpecificationVersion,
    settings: Any,
) -> None:
    _approve(designer, reviewer, organization, qa_body, version)
    approval = approvals.approval_of(version)
    assert approval is not None
    endorsement = approval.endorsement
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert endorsement["issuer"]["id"] == did_for(qa_body)
    assert endorsement["credentialSubject"]["endorsementComment"] == "Onaylandı."
    base = settings.MICROCRED_PUBLIC_URL
    achievement = services.achievement_for(version, base_url=base)
    assert achievement["endorsement"] == [endorsement]
    assert endorsement["credentialSubject"]["id"] == achievement["id"]
    documents = {did_for(qa_body): local_did_document(did_for(qa_body))}
    report = verify_credential(endorsement, now=datetime.now(UTC), documents=documents)
    assert report.verified, [c.code for c in report.failures]
    # Another base URL names another achievement: the approval is not lent to it.
    assert "endorsement" not in services.achievement_for(version, base_url="https://else.example")


def test_a_new_version_of_an_approved_one_needs_its_own_approval(
    designer: Client,
    reviewer: Client,
    organization: Organization,
    qa_body: Organization,
    version: SpecificationVersion,
) -> None:
    _approve(designer, reviewer, organization, qa_body, version)
    approvals.set_approval_required(organization, True, by=None)
    services.publish(version)
    services.mark_issued(version)
    second = services.save_draft(version, full_elements(), hours_per_ects=28)
    assert second.number == 2
    assert approvals.approval_of(second) is None
    response = designer.post(url("publish", organization, version_id=second.public_id))
    assert response.status_code == 409
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    assert approvals.approval_of(version) is not None
