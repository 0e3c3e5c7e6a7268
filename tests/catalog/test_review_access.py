"""Who may use the review pages, for every role in every kind of organisation.

Non-members get 404 (nothing is confirmed to exist), members without the role 403, and a
page of the wrong kind of organisation (a provider's "queue", a QA body's "policy") 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from microcred.catalog import review, services
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.models.review import Review
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.catalog.conftest import signed_in
from tests.conftest import MakeMember
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the QA body's key
from tests.vc.elements.conftest import full_elements

pytestmark = pytest.mark.django_db
Status = SpecificationVersion.Status


def url(name: str, org: Organization, **kwargs: str) -> str:
    return reverse(f"catalog:{name}", kwargs={"org": org.slug, **kwargs})


@pytest.fixture
def version(organization: Organization) -> SpecificationVersion:
    return services.create_specification(organization, None, full_elements(), hours_per_ects=28)


@pytest.fixture
def pending(
    version: SpecificationVersion, qa_body: Organization, make_member: MakeMember
) -> Review:
    submitter = make_member(version.specification.organization, Role.DESIGNER, email="s@x.org")
    return review.submit(version, qa_body, by=submitter)


def submit_status(client: Client, org: Organization, version: SpecificationVersion) -> int:
    target = url("submit", org, version_id=version.public_id)
    return client.post(target, {"qa_body": "kalite-kurulu"}).status_code


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.DESIGNER, 302),
        (Role.ADMIN, 302),
        (Role.ISSUER, 403),
        (Role.QA_REVIEWER, 403),
    ],
)
def test_who_may_submit_in_the_provider(
    client: Client,
    organization: Organization,
    qa_body: Organization,
    make_member: MakeMember,
    version: SpecificationVersion,
    role: Role,
    expected: int,
) -> None:
    signed_in(client, make_member(organization, role))
    assert submit_status(client, organization, version) == expected
    version.refresh_from_db()
    assert (version.status == Status.SUBMITTED) is (expected == 302)


def test_a_designer_of_another_organisation_cannot_submit(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    qa_body: Organization,
    make_member: MakeMember,
    version: SpecificationVersion,
) -> None:
    signed_in(client, make_member(other_organization, Role.DESIGNER, Role.ADMIN))
    assert submit_status(client, organization, version) == 404
    assert submit_status(client, other_organization, version) == 404
    # A QA body's own members cannot submit a provider's version through their own slug.
    signed_in(client, make_member(qa_body, Role.ADMIN, Role.QA_REVIEWER, email="qa@x.org"))
    assert submit_status(client, qa_body, version) == 404
    version.refresh_from_db()
    assert version.status == Status.DRAFT


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.QA_REVIEWER, 200), (Role.ADMIN, 200), (Role.DESIGNER, 403), (Role.ISSUER, 403)],
)
def test_who_may_see_the_queue_and_the_review_of_a_qa_body(
    client: Client,
    qa_body: Organization,
    make_member: MakeMember,
    pending: Review,
    role: Role,
    expected: int,
) -> None:
    signed_in(client, make_member(qa_body, role))
    assert client.get(url("review_queue", qa_body)).status_code == expected
    assert client.get(url("review", qa_body, review_id=pending.public_id)).status_code == expected


def test_a_reviewer_of_one_qa_body_cannot_see_anothers_queue_or_reviews(
    client: Client,
    qa_body: Organization,
    other_qa_body: Organization,
    make_member: MakeMember,
    pending: Review,
) -> None:
    signed_in(client, make_member(other_qa_body, Role.QA_REVIEWER, Role.ADMIN))
    assert client.get(url("review_queue", qa_body)).status_code == 404
    assert client.get(url("review", qa_body, review_id=pending.public_id)).status_code == 404
    # Nor through their own body's URL: the review was not sent to it.
    assert client.get(url("review", other_qa_body, review_id=pending.public_id)).status_code == 404
    approve = {"action": "approve"}
    target = url("review", other_qa_body, review_id=pending.public_id)
    assert client.post(target, approve).status_code == 404
    assert client.get(url("review_queue", other_qa_body)).status_code == 200


@pytest.mark.parametrize("role", [Role.ADMIN, Role.DESIGNER, Role.ISSUER, Role.QA_REVIEWER])
def test_a_providers_member_cannot_approve(
    client: Client,
    organization: Organization,
    qa_body: Organization,
    make_member: MakeMember,
    pending: Review,
    role: Role,
) -> None:
    signed_in(client, make_member(organization, role))
    answers = {f"answer_{code}": "met" for code in ("transparency_elements",)}
    target = url("review", qa_body, review_id=pending.public_id)
    assert client.post(target, {**answers, "action": "approve"}).status_code == 404
    # Through their own organisation: a provider has no reviews (403 without a reviewer's
    # role, 404 with one), and never this one.
    target = url("review", organization, review_id=pending.public_id)
    assert client.post(target, {**answers, "action": "approve"}).status_code in (403, 404)
    assert client.get(url("review_queue", organization)).status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.outcome == Review.Outcome.PENDING


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.ADMIN, 200), (Role.DESIGNER, 403), (Role.ISSUER, 403), (Role.QA_REVIEWER, 403)],
)
def test_only_a_providers_admin_sets_the_approval_policy(
    client: Client, organization: Organization, make_member: MakeMember, role: Role, expected: int
) -> None:
    signed_in(client, make_member(organization, role))
    assert client.get(url("approval_policy", organization)).status_code == expected
    posted = client.post(url("approval_policy", organization), {"approval_required": "on"})
    assert posted.status_code == (302 if expected == 200 else expected)


def test_a_qa_body_has_no_approval_policy_and_a_stranger_sees_nothing(
    client: Client,
    organization: Organization,
    qa_body: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    signed_in(client, make_member(qa_body, Role.ADMIN))
    assert client.get(url("approval_policy", qa_body)).status_code == 404
    signed_in(client, make_member(other_organization, Role.ADMIN, email="a@other.example"))
    assert client.get(url("approval_policy", organization)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(
    client: Client, organization: Organization, qa_body: Organization, pending: Review
) -> None:
    version = pending.version
    for target in (
        url("review_queue", qa_body),
        url("review", qa_body, review_id=pending.public_id),
        url("approval_policy", organization),
    ):
        assert client.get(target).status_code == 302
    assert submit_status(client, organization, version) == 302
