"""Expiry notices (once per award, in its window, in the learner's language), the expiry
shown to officers and learners, and renewal by an officer over HTTP."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.catalog.models import SpecificationVersion
from microcred.issuing import expiry_task
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.expiry import send_expiry_notices
from microcred.issuing.models import AuditEvent, Award
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc import Learner
from microcred.vc.verify import verify_credential
from tests.conftest import MakeMember
from tests.queued_mail import run_queued_mail

from .helpers import fetch_documents, page, signed_in, url

pytestmark = pytest.mark.django_db
ISSUED = datetime(2026, 5, 15, 9, 30, tzinfo=UTC)  # the fixtures' version is valid for P5Y
EXPIRES = datetime(2031, 5, 15, 9, 30, tzinfo=UTC)


def award(version: SpecificationVersion, email: str, *, at: datetime = ISSUED) -> Award:
    request = AwardRequest(Learner(email, "Ayşe Yılmaz", "BA"), idempotency_key(email))
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, now=at)
    return issued.award


def notices(now: datetime, capture: Any) -> list[Any]:
    mail.outbox.clear()
    with capture(execute=True):
        send_expiry_notices(now)
    return list(mail.outbox)


def test_one_notice_per_award_in_its_window(
    published: SpecificationVersion, django_capture_on_commit_callbacks: Any
) -> None:
    first = award(published, "ayse@uni.example")
    award(published, "ali@uni.example", at=ISSUED + timedelta(days=30))  # its window: later
    assert notices(EXPIRES - timedelta(days=61), django_capture_on_commit_callbacks) == []
    [sent] = notices(EXPIRES - timedelta(days=60), django_capture_on_commit_callbacks)
    assert sent.to == ["ayse@uni.example"]
    assert "expires on May 15, 2031" in sent.body
    assert notices(EXPIRES - timedelta(days=59), django_capture_on_commit_callbacks) == []  # once
    [later] = notices(EXPIRES - timedelta(days=20), django_capture_on_commit_callbacks)
    assert later.to == ["ali@uni.example"]
    assert notices(EXPIRES + timedelta(days=1), django_capture_on_commit_callbacks) == []
    first.refresh_from_db()
    assert first.expiry_notice_sent == EXPIRES - timedelta(days=60)


def test_the_window_is_a_setting_and_the_language_the_learners(
    published: SpecificationVersion,
    settings: Settings,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MICROCRED_EXPIRY_NOTICE_DAYS = 10
    given = award(published, "ayse@uni.example")
    Award.objects.filter(pk=given.pk).update(learner_language="tr")
    assert notices(EXPIRES - timedelta(days=11), django_capture_on_commit_callbacks) == []
    [sent] = notices(EXPIRES - timedelta(days=10), django_capture_on_commit_callbacks)
    assert sent.subject.startswith("Mikro-yeterliliğinizin süresi yakında doluyor")
    assert "süresi 15 Mayıs 2031 tarihinde doluyor" in sent.body


def test_revoked_awards_and_erased_addresses_get_no_notice(
    published: SpecificationVersion, django_capture_on_commit_callbacks: Any
) -> None:
    revoked, erased = award(published, "a@uni.example"), award(published, "b@uni.example")
    Award.objects.filter(pk=revoked.pk).update(state=Award.State.REVOKED)
    Award.objects.filter(pk=erased.pk).update(learner_email="")
    assert notices(EXPIRES - timedelta(days=1), django_capture_on_commit_callbacks) == []


def test_the_task_queues_its_next_run_and_housekeeping_keeps_it_queued() -> None:
    from django_tasks_db.models import DBTaskResult

    from microcred.web.housekeeping import housekeeping

    runs = DBTaskResult.objects.filter(task_path=expiry_task.expiry_notices.module_path)
    housekeeping.call()
    assert runs.filter(status="READY").count() == 1
    expiry_task.ensure_scheduled()
    assert runs.filter(status="READY").count() == 1
    runs.delete()
    assert expiry_task.expiry_notices.call() == 0
    [following] = runs.filter(status="READY")
    assert following.run_after is not None
    assert following.run_after >= datetime.now(UTC) + timedelta(hours=23)


def test_the_awards_list_says_when_each_award_expires(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    award(published, "ayse@uni.example")
    award(published, "old@uni.example", at=datetime(2020, 1, 2, tzinfo=UTC))
    listing = page(officer.get(url("awards", org=organization.slug)))
    assert "expires on 2031-05-15" in listing
    assert "expired on 2025-01-02" in listing
    turkish = page(officer.get(url("awards", "tr", org=organization.slug)))
    assert "süresi 2031-05-15 tarihinde doluyor" in turkish


def renew_url(org: Organization, given: Award, lang: str = "en") -> str:
    return url("award_renew", lang, org=org.slug, award_id=given.public_id)


def test_an_officer_renews_on_evidence_of_practice(
    client: Client,
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    old = award(published, "ayse@uni.example")
    assert "Renew" in page(officer.get(url("award", org=organization.slug, award_id=old.public_id)))
    form = {
        "basis": "practice",
        "reason": "Two years of documented teaching practice.",
        "grade": "",
        "evidence_url": "https://portfolio.example/ayse",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(renew_url(organization, old), form)
    assert response.status_code == 302
    new = Award.objects.get(renews=old)
    assert response["Location"] == url("award", org=organization.slug, award_id=new.public_id)
    assert run_queued_mail() == 1
    assert [m.to for m in mail.outbox] == [["ayse@uni.example"]]  # the new claim link
    credential = new.credential
    assert credential["evidence"] == [
        {"id": "https://portfolio.example/ayse", "type": ["Evidence"]}
    ]
    assert credential["credentialSubject"]["result"][0]["value"] == "BA"  # kept
    [link] = [r for r in credential["relatedResource"] if r["id"] == old.credential["id"]]
    assert re.fullmatch(r"sha384-[A-Za-z0-9+/]{64}", link["digestSRI"])
    report = verify_credential(
        credential, now=new.created, documents=fetch_documents(client, organization, new)
    )
    assert report.verified, [c.code for c in report.failures]
    [event] = AuditEvent.objects.filter(action="renewed")
    assert (event.target, event.reason) == (old.public_id, form["reason"])
    assert event.details == {"renewed_by": new.public_id, "basis": "practice"}
    old_page = page(officer.get(url("award", org=organization.slug, award_id=old.public_id)))
    assert f"/awards/{new.public_id}/" in old_page  # "Renewed by"
    new_page = page(officer.get(url("award", org=organization.slug, award_id=new.public_id)))
    assert f"/awards/{old.public_id}/" in new_page  # "Renews"
    again = officer.post(renew_url(organization, old), form)  # same day: renewed once
    assert again.status_code == 302
    assert Award.objects.filter(renews=old).count() == 1


def test_a_renewal_applies_the_assessment_rule_and_needs_a_reason(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    old = award(published, "ayse@uni.example")
    form = {"basis": "reassessment", "reason": "Re-examined.", "grade": "FF"}
    response = officer.post(renew_url(organization, old), form)
    assert response.status_code == 400
    assert "“FF” is below the pass mark (DD)" in page(response)
    response = officer.post(renew_url(organization, old), {**form, "grade": "AA", "reason": ""})
    assert response.status_code == 400
    assert not Award.objects.filter(renews=old).exists()


def test_a_revoked_award_is_not_renewed_from_the_form(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    old = award(published, "ayse@uni.example")
    Award.objects.filter(pk=old.pk).update(state=Award.State.REVOKED)
    assert officer.get(renew_url(organization, old)).status_code == 404


@pytest.mark.parametrize(("role", "status"), [(Role.DESIGNER, 403), (Role.ADMIN, 200)])
def test_renewing_is_for_officers_and_admins(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_member: MakeMember,
    role: Role,
    status: int,
) -> None:
    old = award(published, "ayse@uni.example")
    signed_in(client, make_member(organization, role))
    assert client.get(renew_url(organization, old)).status_code == status


def test_another_organisations_award_is_not_found(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
    make_member: MakeMember,
) -> None:
    old = award(published, "ayse@uni.example")
    signed_in(client, make_member(other_organization, Role.ISSUER))
    assert client.get(renew_url(other_organization, old)).status_code == 404
    assert client.get(renew_url(organization, old)).status_code == 404
