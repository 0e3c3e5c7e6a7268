"""The assessment rule and the validity period through every way of issuing.

The specification of the fixtures grades AA…FF with the pass mark DD and is valid for
five years (``tests/vc/elements/conftest.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award, Batch
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.organizations.tokens import create_token
from microcred.vc import Learner
from microcred.vc.dates import parse_datetime
from microcred.vc.verify import verify_credential
from tests.conftest import MakeMember

from ..api.conftest import call
from ..vc.elements.conftest import full_elements
from .helpers import fetch_documents, issue_form, page, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("grade", "message"),
    [
        ("ZZ", "“ZZ” is not a grade of this micro-credential's scheme (AA, BA, BB, CB, CC, DC, DD, FF)."),  # noqa: E501
        ("FF", "“FF” is below the pass mark (DD): a failing grade cannot be awarded."),
    ],
)  # fmt: skip
def test_the_form_refuses_a_grade_outside_the_scheme_or_below_the_pass_mark(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    grade: str,
    message: str,
) -> None:
    response = officer.post(url("issue", org=organization.slug), issue_form(published, grade=grade))
    assert response.status_code == 400
    assert message in page(response)
    assert not Award.objects.exists()


def test_the_form_refuses_in_turkish_too(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
) -> None:
    response = officer.post(
        url("issue", "tr", org=organization.slug), issue_form(published, grade="FF")
    )
    assert response.status_code == 400
    assert "“FF” geçme notunun (DD) altında" in page(response)


def test_a_passing_grade_is_issued_and_linked_to_the_scheme(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
) -> None:
    response = officer.post(url("issue", org=organization.slug), issue_form(published, grade="DD"))
    assert response.status_code == 302
    credential = Award.objects.get().credential
    scheme = credential["credentialSubject"]["achievement"]["resultDescription"][0]
    assert scheme["requiredValue"] == "DD"
    assert scheme["allowedValue"] == ["FF", "DD", "DC", "CC", "CB", "BB", "BA", "AA"]
    [result] = credential["credentialSubject"]["result"]
    assert result == {"type": ["Result"], "value": "DD", "resultDescription": scheme["id"]}


def test_the_csv_lists_each_refused_grade_with_its_line_and_issues_nothing(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
) -> None:
    text = (
        "name,email,grade,date\n"
        "Ayşe Yılmaz,ayse@uni.example,AA,2026-05-01\n"
        "Ali Kaya,ali@uni.example,ZZ,2026-05-01\n"
        "Can Demir,can@uni.example,FF,2026-05-01\n"
    )
    upload = SimpleUploadedFile("cohort.csv", text.encode(), content_type="text/csv")
    response = officer.post(
        url("upload", org=organization.slug), {"version": published.public_id, "file": upload}
    )
    assert response.status_code == 200
    preview = page(response)
    assert "<td>3</td><td>grade</td><td>“ZZ” is not a grade of this micro" in preview
    assert "<td>4</td><td>grade</td><td>“FF” is below the pass mark (DD)" in preview
    assert "1 valid rows." in preview or "1 valid row." in preview
    assert Batch.objects.get().total == 1
    assert not Award.objects.exists()


@pytest.mark.parametrize(
    ("grade", "code"),
    [("ZZ", "issuing.grade_not_in_scheme"), ("FF", "issuing.grade_below_pass_mark")],
)
def test_the_api_refuses_with_a_precise_code(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_member: MakeMember,
    grade: str,
    code: str,
) -> None:
    admin = make_member(organization, Role.ADMIN)
    _, token = create_token(organization, name="t", scopes=("issue",), created_by=admin)
    body = {
        "specification": published.public_id,
        "learner": {"email": "ayse@uni.example", "name": "Ayşe", "grade": grade},
    }
    response = call(client, "post", "/api/v1/awards", body, token.reveal())
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert grade in response.json()["message"]
    assert not Award.objects.exists()


def test_no_path_around_the_rule_issues_a_failing_grade(
    organization: Organization, published: SpecificationVersion
) -> None:
    """The service itself refuses (the bulk worker and any future caller go through it)."""
    from microcred.issuing.errors import IssuingError

    request = AwardRequest(Learner("a@uni.example", "A", "FF"), idempotency_key("x"))
    with signer_for(organization) as signer, pytest.raises(IssuingError) as refused:
        issue_awards(published, [request], signer=signer)
    assert refused.value.code == "issuing.grade_below_pass_mark"
    assert not Award.objects.exists()


def with_validity(organization: Organization, period: str | None) -> SpecificationVersion:
    elements = full_elements().model_copy(update={"validity_period": period})
    return catalog.publish(
        catalog.create_specification(organization, None, elements, hours_per_ects=28)
    )


ISSUED = datetime(2026, 5, 15, 9, 30, tzinfo=UTC)


def issue_at(version: SpecificationVersion, moment: datetime) -> Award:
    request = AwardRequest(Learner("ayse@uni.example", "Ayşe", "BA"), idempotency_key("v"))
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, now=moment)
    return issued.award


def test_the_validity_period_becomes_valid_until(
    organization: Organization, published: SpecificationVersion
) -> None:
    award = issue_at(published, ISSUED)  # P5Y
    assert award.credential["validUntil"] == "2031-05-15T09:30:00Z"
    award.refresh_from_db()
    assert award.valid_until == datetime(2031, 5, 15, 9, 30, tzinfo=UTC)


def test_without_a_validity_period_the_credential_does_not_expire(
    organization: Organization,
) -> None:
    award = issue_at(with_validity(organization, None), ISSUED)
    assert "validUntil" not in award.credential
    assert award.valid_until is None


def test_a_one_day_credential_verifies_now_and_is_expired_two_days_later(
    client: Client, organization: Organization
) -> None:
    award = issue_at(with_validity(organization, "P1D"), ISSUED)
    assert parse_datetime(award.credential["validUntil"]) == ISSUED + timedelta(days=1)
    documents = fetch_documents(client, organization, award)
    now = verify_credential(award.credential, now=ISSUED, documents=documents)
    assert now.verified, [c.code for c in now.failures]
    later = verify_credential(award.credential, now=ISSUED + timedelta(days=2), documents=documents)
    assert not later.verified
    assert [(c.check, c.code) for c in later.failures] == [("valid_until", "expired")]
