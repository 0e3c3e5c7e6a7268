"""The officers' tools over HTTP: Turkish issuing, names and languages, public and internal
reasons, search, the "claimed?" column, resending the claim e-mail, correct-and-reissue,
the CSV template, skipped rows kept on the batch page and truthful re-upload counts —
with the access rules of every new view."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import mark_claimed
from microcred.issuing.batches import run_batch
from microcred.issuing.models import AuditEvent, Award, Batch
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import MakeMember
from tests.queued_mail import run_queued_mail

from ..vc.elements.conftest import full_elements
from .helpers import award_to, issue_form, page, signed_in, url

pytestmark = pytest.mark.django_db
Commit = Callable[..., Any]


@pytest.fixture(autouse=True)
def _static_without_manifest(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _subject_names(award: Award) -> list[str]:
    identifiers = award.credential["credentialSubject"]["identifier"]
    return [i["identityHash"] for i in identifiers if i["identityType"] == "name"]


def test_the_turkish_issue_form_renders_iso_dates_and_says_ver_not_duzenle(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    text = page(officer.get(url("issue", "tr", org=organization.slug)))
    value = re.search(r'<input type="date" name="awarded_on" value="([^"]+)"', text)
    assert value is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.group(1))
    assert "Mikro-yeterliliği ver</button>" in text
    assert "Düzenle" not in text
    assert re.search(r'name="include_name"[^>]* checked', text)  # names on by default


def test_a_turkish_officer_issues_in_the_learners_language_with_the_name(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    form = issue_form(published, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(url("issue", "tr", org=organization.slug), form)
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.language == "en"
    assert _subject_names(award) == ["Ayşe Yılmaz"]
    run_queued_mail()
    [message] = mail.outbox
    assert message.subject.startswith("Your micro-credential:")
    assert message.body.startswith("Hello Ayşe Yılmaz,")
    assert "/en/issuing/claim/" in message.body
    assert "What to do next" in message.body


def test_without_a_language_the_organisations_default_is_used(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    Organization.objects.filter(pk=organization.pk).update(default_language="tr")
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(url("issue", "en", org=organization.slug), issue_form(published))
    assert Award.objects.get().language == ""  # not stated: resolved when mailing
    run_queued_mail()
    assert mail.outbox[0].body.startswith("Merhaba Ayşe Yılmaz,")


def test_revocation_keeps_the_internal_note_out_of_public_view(
    officer: Client,
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_member: MakeMember,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    Organization.objects.filter(pk=organization.pk).update(contact_email="mc@uni.example")
    (award,) = award_to(published, "ali@uni.example")
    target = url("award_status", org=organization.slug, award_id=award.public_id, action="revoke")
    form_page = page(officer.get(target))
    assert "The public reason is public." in form_page
    body = {"reason": "Issued in error", "internal_note": "Ali failed the resit; see file 42"}
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(target, body).status_code == 302
    award.refresh_from_db()
    assert award.state_reason == "Issued in error"
    [message] = mail.outbox
    assert "Issued in error" in message.body
    assert "resit" not in message.body
    assert "mc@uni.example" in message.body
    assert "why you disagree" in message.body
    event = AuditEvent.objects.get(action="revoke")
    assert event.details["internal_note"] == "Ali failed the resit; see file 42"
    admin = Client()
    signed_in(admin, make_member(organization, Role.ADMIN))
    assert "see file 42" in page(admin.get(url("audit", org=organization.slug)))


def test_search_finds_by_name_email_or_id_and_shows_who_claimed(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    ayse, ali = award_to(published, "ayse@uni.example", "ali@other.example")
    mark_claimed(ayse)  # what the wallet calls when a learner saves the credential
    awards = url("awards", org=organization.slug)
    by_name = page(officer.get(awards, {"q": "ali"}))
    assert "ali@other.example" in by_name
    assert "ayse@uni.example" not in by_name
    assert "ayse@uni.example" in page(officer.get(awards, {"q": ayse.public_id}))
    everyone = page(officer.get(awards))
    rows = dict(re.findall(r'data-award="([^"]+)".*?class="claimed">([^<]+)<', everyone, re.S))
    assert rows == {ayse.public_id: "Yes", ali.public_id: "Not yet"}


def test_the_claim_email_can_be_sent_again_but_not_twice_in_a_row(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    (award,) = award_to(published, "ayse@uni.example")
    target = url("award_resend", org=organization.slug, award_id=award.public_id)
    assert officer.get(target).status_code == 405
    first = officer.post(target, follow=True)
    assert "The claim e-mail was sent again to ayse@uni.example." in page(first)
    [message] = mail.outbox
    assert "/issuing/claim/" in message.body
    second = officer.post(target, follow=True)
    assert "You can send it again in 10 minute(s)." in page(second)
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="claim_resent", target=award.public_id).count() == 1


def test_a_revoked_awards_claim_email_is_not_resent(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    (award,) = award_to(published, "ayse@uni.example")
    Award.objects.filter(pk=award.pk).update(state=Award.State.REVOKED)
    target = url("award_resend", org=organization.slug, award_id=award.public_id)
    assert "nothing left to claim" in page(officer.post(target, follow=True))
    assert mail.outbox == []


def test_correct_and_reissue_revokes_issues_links_and_mails_once(
    officer: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    (wrong,) = award_to(published, "ayse@uni.example")
    other = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    target = url("award_correct", org=organization.slug, award_id=wrong.public_id)
    assert 'value="Ayse"' in page(officer.get(target))  # starts from the wrong award
    form = {
        **issue_form(other, name="Ayşe Yılmaz", email="ayse@uni.example"),
        "reason": "Wrong course on the credential",
        "internal_note": "Ticket 7",
    }
    refused = officer.post(target, {**form, "reason": ""})
    assert refused.status_code == 400
    assert Award.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        done = officer.post(target, form)
    assert done.status_code == 302
    wrong.refresh_from_db()
    new = Award.objects.exclude(pk=wrong.pk).get()
    assert wrong.state == Award.State.REVOKED
    assert wrong.state_reason == "Wrong course on the credential"
    assert new.specification_version == other
    assert _subject_names(new) == ["Ayşe Yılmaz"]
    revoke = AuditEvent.objects.get(action="revoke", target=wrong.public_id)
    assert revoke.details == {"replaced_by": new.public_id, "internal_note": "Ticket 7"}
    assert AuditEvent.objects.get(action="reissued").details["replaces"] == wrong.public_id
    assert run_queued_mail() == 1  # the correction's one e-mail, not a second claim e-mail
    [message] = mail.outbox
    assert "was revoked and replaced by" in message.body
    assert "/issuing/claim/" in message.body
    old_page = page(officer.get(url("award", org=organization.slug, award_id=wrong.public_id)))
    assert f"/awards/{new.public_id}/" in old_page
    new_page = page(officer.get(done["Location"]))
    assert f"/awards/{wrong.public_id}/" in new_page
    assert officer.get(target).status_code == 404  # revoked: nothing left to correct


def test_the_csv_template_has_every_column_in_the_pages_language(
    officer: Client, organization: Organization
) -> None:
    for lang, header in (
        ("en", ["name", "email", "grade", "date", "evidence_url", "language"]),
        ("tr", ["ad", "e-posta", "not", "tarih", "kanıt", "dil"]),
    ):
        response = officer.get(url("csv_template", lang, org=organization.slug))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows == [header]


def _upload(officer: Client, organization: Organization, version: Any, body: str) -> str:
    upload = SimpleUploadedFile("learners.csv", body.encode(), content_type="text/csv")
    response = officer.post(
        url("upload", org=organization.slug),
        {"version": version.public_id, "file": upload, "include_name": "on", "language": "tr"},
    )
    assert response.status_code == 200
    return page(response)


def test_skipped_rows_are_kept_and_a_reupload_says_what_is_new(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    body = "ad,e-posta,dil\nAyşe,ayse@uni.example,\nAli,ali@uni.example,en\n,bad-address,xx\n"
    preview = _upload(officer, organization, published, body)
    assert "2 new, 0 already issued" in preview
    batch = Batch.objects.get()
    officer.post(url("batch_start", org=organization.slug, batch_id=batch.public_id))
    run_batch(batch.public_id)
    ayse, ali = Award.objects.order_by("learner_email").reverse()
    assert (ayse.language, ali.language) == ("tr", "en")
    assert _subject_names(ayse) == ["Ayşe"]
    batch_page = page(officer.get(url("batch", org=organization.slug, batch_id=batch.public_id)))
    assert "these rows of the file were skipped" in batch_page
    assert "“bad-address” is not an e-mail address." in batch_page
    assert "is not a language we write e-mails in" in batch_page
    again = _upload(officer, organization, published, body)
    assert "0 new, 2 already issued" in again
    assert "Nothing new to issue" in again
    second = Batch.objects.exclude(pk=batch.pk).get()
    officer.post(url("batch_start", org=organization.slug, batch_id=second.public_id))
    run_batch(second.public_id)
    fragment = page(
        officer.get(url("batch_progress", org=organization.slug, batch_id=second.public_id))
    )
    assert "0 new, 2 already issued, 0 failed, of 2" in fragment
    assert Award.objects.count() == 2


NEW_VIEWS = [
    ("award_resend", "post"),
    ("award_correct", "get"),
    ("award_correct", "post"),
]


@pytest.mark.parametrize(("name", "method"), NEW_VIEWS)
def test_new_award_views_refuse_designers_and_other_organisations(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
    make_member: MakeMember,
    name: str,
    method: str,
) -> None:
    (award,) = award_to(published, "ayse@uni.example")
    target = url(name, org=organization.slug, award_id=award.public_id)
    call = getattr(client, method)
    assert call(target).status_code == 302  # not signed in
    signed_in(client, make_member(organization, Role.DESIGNER, Role.QA_REVIEWER))
    assert call(target).status_code == 403
    signed_in(client, make_member(other_organization, Role.ISSUER, Role.ADMIN))
    assert call(target).status_code == 404
    foreign_org = url(name, org=other_organization.slug, award_id=award.public_id)
    assert call(foreign_org).status_code == 404  # their own organisation, our award's id
    assert mail.outbox == []
    assert Award.objects.get().state == Award.State.ACTIVE


def test_the_csv_template_refuses_designers_and_strangers(
    client: Client, organization: Organization, other_organization: Organization,
    make_member: MakeMember,
) -> None:  # fmt: skip
    target = url("csv_template", org=organization.slug)
    signed_in(client, make_member(organization, Role.DESIGNER))
    assert client.get(target).status_code == 403
    signed_in(client, make_member(other_organization, Role.ISSUER))
    assert client.get(target).status_code == 404
