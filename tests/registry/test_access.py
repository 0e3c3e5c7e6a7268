"""Every recognition page against every kind of caller: anonymous (sign in), outsider
(404), wrong role (403), wrong kind of organisation (404), another party's application or
evidence (404); and the right people get through."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry import applications, evidence
from microcred.registry.models import Application, EvidenceFile
from microcred.registry.qa_bodies import create_qa_body

from ..conftest import PASSWORD, MakeMember
from .conftest import filled

pytestmark = pytest.mark.django_db

PROVIDER_VIEWS = [
    ("applications", "GET", False),
    ("apply", "POST", False),
    ("application", "GET", True),
    ("application", "POST", True),
    ("application_submit", "POST", True),
    ("application_evidence", "POST", True),
    ("application_comment", "POST", True),
]
BODY_VIEWS = [
    ("reviews", "GET", False),
    ("review", "GET", True),
    ("review_comment", "POST", True),
    ("review_changes", "POST", True),
    ("review_decide", "POST", True),
    ("body_providers", "GET", False),
]


def call(client: Client, name: str, method: str, **kwargs: str) -> Any:
    url = reverse(f"registry:{name}", kwargs=kwargs)
    return client.get(url) if method == "GET" else client.post(url, {})


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.fixture
def evidence_item(draft: Application, provider_admin: User) -> EvidenceFile:
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 quality plan", "application/pdf")
    return evidence.add_evidence(draft, upload, by=provider_admin)


@pytest.fixture
def other_body(kek: str) -> Organization:
    return create_qa_body(slug="baska", name="Başka Kurul", country="TR")


@pytest.mark.parametrize(("name", "method", "needs_application"), PROVIDER_VIEWS)
def test_provider_pages(
    name: str,
    method: str,
    needs_application: bool,
    draft: Application,
    organization: Organization,
    other_organization: Organization,
    body: Organization,
    provider_admin: User,
    make_member: MakeMember,
) -> None:
    kwargs = {"org": organization.slug}
    if needs_application:
        kwargs["application"] = draft.public_id
    anonymous = call(Client(), name, method, **kwargs)
    assert anonymous.status_code == 302
    assert "/accounts/sign-in/" in anonymous["Location"]
    outsider = make_member(other_organization, Role.ADMIN)
    assert call(signed_in(outsider), name, method, **kwargs).status_code == 404
    designer = make_member(organization, Role.DESIGNER)
    assert call(signed_in(designer), name, method, **kwargs).status_code == 403
    body_admin = make_member(body, Role.ADMIN)
    as_body = {**kwargs, "org": body.slug}
    assert call(signed_in(body_admin), name, method, **as_body).status_code == 404
    if needs_application:  # another provider's admin, naming this application
        foreign = {**kwargs, "org": other_organization.slug}
        assert call(signed_in(outsider), name, method, **foreign).status_code == 404
    allowed = call(signed_in(provider_admin), name, method, **kwargs)
    # through the door: a page, a redirect, or the form's own answer to an empty POST
    # (no body named to apply to is 404; an incomplete application cannot be submitted)
    assert allowed.status_code in ((404,) if name == "apply" else (200, 302, 400, 409))


@pytest.mark.parametrize(("name", "method", "needs_application"), BODY_VIEWS)
def test_body_pages(
    name: str,
    method: str,
    needs_application: bool,
    submitted: Application,
    organization: Organization,
    body: Organization,
    other_body: Organization,
    reviewer: User,
    provider_admin: User,
    make_member: MakeMember,
) -> None:
    kwargs = {"org": body.slug}
    if needs_application:
        kwargs["application"] = submitted.public_id
    assert call(Client(), name, method, **kwargs).status_code == 302
    assert call(signed_in(provider_admin), name, method, **kwargs).status_code == 404
    issuer = make_member(body, Role.ISSUER)
    assert call(signed_in(issuer), name, method, **kwargs).status_code == 403
    as_provider = {**kwargs, "org": organization.slug}
    assert call(signed_in(provider_admin), name, method, **as_provider).status_code == 404
    other_reviewer = make_member(other_body, Role.QA_REVIEWER)
    if needs_application:
        foreign = {**kwargs, "org": other_body.slug}
        assert call(signed_in(other_reviewer), name, method, **foreign).status_code == 404
    assert call(signed_in(reviewer), name, method, **kwargs).status_code in (200, 302, 400, 409)


def test_reviewers_never_see_drafts(draft: Application, body: Organization, reviewer: User) -> None:
    client = signed_in(reviewer)
    assert (
        draft.public_id
        not in client.get(reverse("registry:reviews", kwargs={"org": body.slug})).content.decode()
    )
    url = reverse("registry:review", kwargs={"org": body.slug, "application": draft.public_id})
    assert client.get(url).status_code == 404


def test_end_recognition_names_only_this_bodys_providers(
    body: Organization,
    other_body: Organization,
    organization: Organization,
    make_member: MakeMember,
) -> None:
    reviewer = make_member(other_body, Role.QA_REVIEWER)
    url = reverse("registry:end", kwargs={"org": other_body.slug, "provider": organization.slug})
    assert signed_in(reviewer).post(url, {}).status_code == 404  # never decided on it
    assert Client().post(url, {}).status_code == 302


def close(response: Any) -> None:
    """Close a file response as the test client would: without ``request_finished``
    closing the test's database connection."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def evidence_url(org: Organization, item: EvidenceFile) -> str:
    return reverse("registry:evidence", kwargs={"org": org.slug, "evidence": item.public_id})


def test_evidence_goes_only_to_the_two_parties(
    evidence_item: EvidenceFile,
    draft: Application,
    organization: Organization,
    other_organization: Organization,
    body: Organization,
    other_body: Organization,
    provider_admin: User,
    reviewer: User,
    make_member: MakeMember,
) -> None:
    mine = signed_in(provider_admin).get(evidence_url(organization, evidence_item))
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content) == b"%PDF-1.7 quality plan"  # type: ignore[attr-defined]
    assert mine["Content-Type"] == "application/pdf"
    assert mine["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in mine["Content-Disposition"]
    close(mine)
    as_reviewer = signed_in(reviewer)
    assert as_reviewer.get(evidence_url(body, evidence_item)).status_code == 404  # a draft
    applications.submit(filled(draft), by=provider_admin)
    theirs = as_reviewer.get(evidence_url(body, evidence_item))
    assert theirs.status_code == 200
    close(theirs)
    assert as_reviewer.get(evidence_url(organization, evidence_item)).status_code == 404
    others: list[tuple[User, Organization]] = [
        (make_member(other_body, Role.QA_REVIEWER), other_body),
        (make_member(other_organization, Role.ADMIN), other_organization),
    ]
    for user, org in others:
        assert signed_in(user).get(evidence_url(org, evidence_item)).status_code == 404
    designer = make_member(organization, Role.DESIGNER)
    assert signed_in(designer).get(evidence_url(organization, evidence_item)).status_code == 403
    assert Client().get(evidence_url(organization, evidence_item)).status_code == 302
