"""The officers' issuing pages over HTTP: issue one, list and filter, revoke one or a set,
bulk CSV with a progress page, and the access rules of every view."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award, Batch
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc.verify import verify_credential
from tests.conftest import MakeMember
from tests.queued_mail import run_queued_mail

from .helpers import award_to, fetch_documents, issue_form, page, signed_in, url

pytestmark = pytest.mark.django_db
State = Award.State


def test_issuing_one_learner_gives_a_verifying_credential_and_a_claim_email(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    form = page(officer.get(url("issue", org=organization.slug)))
    assert published.public_id in form
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(url("issue", org=organization.slug), issue_form(published))
    assert response.status_code == 302
    award = Award.objects.get()
    assert response["Location"] == url("award", org=organization.slug, award_id=award.public_id)
    assert (award.learner_email, award.grade, award.awarded_on) == (
        "ayse@uni.example",
        "AA",
        date(2026, 5, 15),
    )
    report = verify_credential(
        award.credential,
        now=award.created,
        documents=fetch_documents(officer, organization, award),
    )
    assert report.verified, [c.code for c in report.failures]
    assert "Ayşe Yılmaz" in str(award.credential["credentialSubject"])  # include_name chosen
    detail = page(officer.get(response["Location"]))
    assert "Issued. ayse@uni.example was sent a link to claim the micro-credential." in detail
    assert "ayse@uni.example" in detail
    assert mail.outbox == []  # the request does not wait for SMTP: the e-mail is a task
    assert run_queued_mail() == 1
    assert [m.to for m in mail.outbox] == [["ayse@uni.example"]]
    link = re.search(r"https?://\S+/en/issuing/claim/\S+/", str(mail.outbox[0].body))
    assert link is not None
    host_and_path = link.group(0).split("://", 1)[1]
    claim = Client().get(host_and_path[host_and_path.index("/") :])
    assert claim.status_code == 200
    assert published.title in page(claim)


def test_issuing_the_same_learner_twice_issues_once_and_mails_once(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = officer.post(url("issue", org=organization.slug), issue_form(published))
        assert response.status_code == 302
    assert Award.objects.count() == 1
    assert run_queued_mail() == 1  # the replay queued nothing
    assert len(mail.outbox) == 1
    assert "already had this micro-credential" in page(officer.get(response["Location"]))


def test_invalid_issue_form_issues_nothing_and_keeps_the_input(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    response = officer.post(
        url("issue", org=organization.slug), issue_form(published, email="not-an-address")
    )
    assert response.status_code == 400
    assert 'value="Ayşe Yılmaz"' in page(response)
    assert not Award.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_name_with_a_line_break_is_refused_by_the_form(
    officer: Client, organization: Organization, published: SpecificationVersion, lang: str
) -> None:
    form = issue_form(published, name="Ayşe\nBcc: x@evil.example")
    response = officer.post(url("issue", lang, org=organization.slug), form)
    assert response.status_code == 400
    expected = {
        "en": "The name cannot contain line breaks or other control characters.",
        "tr": "Ad, satır sonu ya da başka denetim karakterleri içeremez.",
    }
    assert expected[lang] in page(response)
    assert not Award.objects.exists()
    assert mail.outbox == []


def test_another_organisations_version_cannot_be_issued(
    officer: Client, organization: Organization, other_organization: Organization
) -> None:
    from microcred.catalog import services as catalog

    from ..vc.elements.conftest import full_elements

    foreign = catalog.publish(
        catalog.create_specification(other_organization, None, full_elements(), hours_per_ects=28)
    )
    response = officer.post(url("issue", org=organization.slug), issue_form(foreign))
    assert response.status_code == 400
    assert not Award.objects.exists()


def test_awards_list_filters_and_paginates(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    award_to(published, *[f"p{i}@uni.example" for i in range(27)], "zed@other.example")
    listing = page(officer.get(url("awards", org=organization.slug)))
    assert "28 awards match." in listing
    assert "Page 1 of 2" in listing
    found = page(officer.get(url("awards", org=organization.slug) + "?email=other.example"))
    assert "1 award matches." in found
    assert "zed@other.example" in found
    assert "p1@uni.example" not in found
    none = page(officer.get(url("awards", org=organization.slug) + "?state=revoked"))
    assert "0 awards match." in none
    later = page(officer.get(url("awards", org=organization.slug) + "?issued_from=2999-01-01"))
    assert "0 awards match." in later


def test_award_detail_shows_credential_and_downloads_it(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    (award,) = award_to(published, "ali@uni.example")
    detail = page(officer.get(url("award", org=organization.slug, award_id=award.public_id)))
    assert award.credential["id"] in detail
    assert "Suspend" in detail
    assert "Revoke" in detail
    assert "Reinstate" not in detail
    download = officer.get(url("award_download", org=organization.slug, award_id=award.public_id))
    assert download["Content-Type"] == "application/vc"
    assert f"credential-{award.public_id}.json" in download["Content-Disposition"]
    assert json.loads(download.content) == award.credential


def test_revoking_requires_a_reason_and_is_final(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    (award,) = award_to(published, "ali@uni.example")
    revoke = url("award_status", org=organization.slug, award_id=award.public_id, action="revoke")
    # The officer is told that verifiers elsewhere may learn of it up to a minute late.
    assert "up to 60 seconds late" in page(officer.get(revoke))
    with translation.override("en"):  # a /tr/ request leaves Turkish active in this thread
        turkish = page(officer.get(revoke.replace("/en/", "/tr/", 1)))
    assert "60 saniyeye kadar geç" in turkish
    empty = officer.post(revoke, {"reason": "   "})
    assert empty.status_code == 400
    assert "This field is required." in page(empty)
    award.refresh_from_db()
    assert award.state == State.ACTIVE
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        done = officer.post(revoke, {"reason": "Plagiarised final project"})
    assert done.status_code == 302
    award.refresh_from_db()
    assert (award.state, award.state_reason) == (State.REVOKED, "Plagiarised final project")
    assert len(mail.outbox) == 1
    assert "Plagiarised final project" in mail.outbox[0].body
    assert "revoked" in mail.outbox[0].subject
    detail = page(officer.get(url("award", org=organization.slug, award_id=award.public_id)))
    assert "Revocation is final" in detail
    assert ">Reinstate<" not in detail
    again = url("award_status", org=organization.slug, award_id=award.public_id, action="reinstate")
    assert officer.post(again, {"reason": "oops"}).status_code == 404
    award.refresh_from_db()
    assert award.state == State.REVOKED


def test_suspend_then_reinstate_tells_the_learner_each_time(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    (award,) = award_to(published, "ali@uni.example")
    for action, state in (("suspend", State.SUSPENDED), ("reinstate", State.ACTIVE)):
        target = url("award_status", org=organization.slug, award_id=award.public_id, action=action)
        with django_capture_on_commit_callbacks(execute=True):
            assert officer.post(target, {"reason": f"{action} because"}).status_code == 302
        award.refresh_from_db()
        assert award.state == state
    assert [m.body.count("because") for m in mail.outbox] == [1, 1]
    assert ["suspended" in mail.outbox[0].subject, "reinstated" in mail.outbox[1].subject] == [
        True,
        True,
    ]


def test_filtered_revoke_changes_exactly_the_matching_awards(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    awards = award_to(published, "a@cohort1.example", "b@cohort1.example", "c@cohort2.example")
    target = url("bulk_status", org=organization.slug, action="revoke") + "?email=cohort1"
    confirm = page(officer.get(target))
    assert "This will change 2 awards." in confirm
    assert "up to 60 seconds late" in confirm
    wrong = officer.post(target, {"reason": "Course cancelled", "confirm_count": "3"})
    assert wrong.status_code == 400
    assert "Type 2" in page(wrong)
    assert set(Award.objects.values_list("state", flat=True)) == {State.ACTIVE}
    with django_capture_on_commit_callbacks(execute=True):
        done = officer.post(target, {"reason": "Course cancelled", "confirm_count": "2"})
    assert done.status_code == 302
    states = {a.learner_email: (a.state, a.state_reason) for a in Award.objects.all()}
    assert states == {
        "a@cohort1.example": (State.REVOKED, "Course cancelled"),
        "b@cohort1.example": (State.REVOKED, "Course cancelled"),
        "c@cohort2.example": (State.ACTIVE, ""),
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["a@cohort1.example", "b@cohort1.example"]
    assert len(awards) == 3


def test_csv_upload_shows_every_bad_row_then_issues_the_valid_ones(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    from microcred.issuing.batches import run_batch

    text = (
        "name,email,date\n"
        "Ayşe Yılmaz,ayse@uni.example,2026-05-01\n"
        "Bad Mail,not-an-address,2026-05-01\n"
        "Ali Kaya,ali@uni.example,2026-05-01\n"
    )
    upload = SimpleUploadedFile("cohort.csv", text.encode(), content_type="text/csv")
    response = officer.post(
        url("upload", org=organization.slug), {"version": published.public_id, "file": upload}
    )
    assert response.status_code == 200
    preview = page(response)
    assert "2 valid rows." in preview
    assert "<td>3</td><td>email</td>" in preview  # line 3, the e-mail column
    assert "Issue the 2 new micro-credentials" in preview
    assert not Award.objects.exists()  # nothing until the officer decides
    batch = Batch.objects.get()
    start = officer.post(url("batch_start", org=organization.slug, batch_id=batch.public_id))
    assert start.status_code == 302
    batch_page = page(officer.get(start["Location"]))
    assert 'hx-trigger="every 1s"' in batch_page
    assert '<progress max="2" value="0">' in batch_page
    run_batch(batch.public_id)
    fragment = page(
        officer.get(url("batch_progress", org=organization.slug, batch_id=batch.public_id))
    )
    assert '<progress max="2" value="2">' in fragment
    assert "100% · 2 new, 0 already issued, 0 failed, of 2" in fragment
    assert "hx-trigger" not in fragment  # finished: polling stops
    assert sorted(Award.objects.values_list("learner_email", flat=True)) == [
        "ali@uni.example",
        "ayse@uni.example",
    ]


def test_unreadable_csv_is_refused_with_a_message(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    upload = SimpleUploadedFile("empty.csv", b"", content_type="text/csv")
    response = officer.post(
        url("upload", org=organization.slug), {"version": published.public_id, "file": upload}
    )
    assert response.status_code == 400
    assert not Batch.objects.exists()


ORG_VIEWS = [
    ("issue", {}),
    ("awards", {}),
    ("award", {"award_id": "x"}),
    ("award_download", {"award_id": "x"}),
    ("award_status", {"award_id": "x", "action": "revoke"}),
    ("bulk_status", {"action": "revoke"}),
    ("upload", {}),
    ("batch", {"batch_id": "x"}),
    ("batch_start", {"batch_id": "x"}),
    ("batch_progress", {"batch_id": "x"}),
    ("audit", {}),
    ("audit_export", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), ORG_VIEWS)
def test_every_view_refuses_other_roles_and_other_organisations(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    name: str,
    kwargs: dict[str, str],
) -> None:
    method = client.post if name == "batch_start" else client.get
    target = url(name, org=organization.slug, **kwargs)
    assert method(target).status_code == 302  # not signed in: to the sign-in page
    signed_in(client, make_member(organization, Role.DESIGNER, Role.QA_REVIEWER))
    assert method(target).status_code == 403
    signed_in(client, make_member(other_organization, Role.ISSUER, Role.ADMIN))
    assert method(target).status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"), [(n, k) for n, k in ORG_VIEWS if n.startswith("audit")]
)
def test_the_audit_log_is_for_admins_not_issuing_officers(
    officer: Client, organization: Organization, name: str, kwargs: dict[str, str]
) -> None:
    assert officer.get(url(name, org=organization.slug, **kwargs)).status_code == 403


def test_another_organisations_award_is_not_found_by_its_id(
    officer: Client, other_organization: Organization, organization: Organization
) -> None:
    from microcred.catalog import services as catalog

    from ..vc.elements.conftest import full_elements

    foreign = catalog.publish(
        catalog.create_specification(other_organization, None, full_elements(), hours_per_ects=28)
    )
    (award,) = award_to(foreign, "x@uni.example")
    assert (
        officer.get(url("award", org=organization.slug, award_id=award.public_id)).status_code
        == 404
    )
    target = url("award_status", org=organization.slug, award_id=award.public_id, action="revoke")
    assert officer.post(target, {"reason": "no"}).status_code == 404
    award.refresh_from_db()
    assert award.state == State.ACTIVE
