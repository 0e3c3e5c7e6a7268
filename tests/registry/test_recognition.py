"""Recognition from application to decision, through the services: every step recorded,
decisions append-only, the trust list signed again on every change."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from microcred.accounts.models import User
from microcred.organizations import services as org_services
from microcred.organizations.errors import OrganizationError
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry import applications, decisions, trust_lists
from microcred.registry.errors import HistoryIsAppendOnlyError, RegistryError
from microcred.registry.models import Application, ApplicationEvent, Decision
from microcred.registry.standing import State, standing_of
from microcred.vc.verify import verify_credential

from .conftest import filled

pytestmark = pytest.mark.django_db
YEAR = timedelta(days=365)


def recognise(application: Application, reviewer: User) -> Decision:
    return decisions.decide_application(
        application,
        outcome="recognised",
        reason="Meets every criterion.",
        by=reviewer,
        valid_from=timezone.now() - timedelta(days=1),
        valid_until=timezone.now() + YEAR,
        eqf_levels=[6],
        tqf_levels=[6],
        fields_of_study=["Education"],
    )


def test_a_draft_is_not_submitted_until_complete(draft: Application, provider_admin: User) -> None:
    with pytest.raises(RegistryError) as refused:
        applications.submit(draft, by=provider_admin)
    assert refused.value.code == "registry.application_incomplete"
    draft.refresh_from_db()
    assert draft.state == Application.State.DRAFT
    assert not ApplicationEvent.objects.filter(application=draft).exists()


def test_submission_keeps_the_indicators_and_locks_the_answers(
    submitted: Application, provider_admin: User
) -> None:
    assert submitted.state == Application.State.SUBMITTED
    assert submitted.indicators["published"]["value"] == "0"
    with pytest.raises(RegistryError) as refused:
        applications.save_draft(submitted, {"answers": {}})
    assert refused.value.code == "registry.application_locked"


def test_changes_requested_then_resubmitted_then_recognised(
    submitted: Application, provider_admin: User, reviewer: User, body: Organization
) -> None:
    applications.comment(submitted, "Which body moderates marks?", by=reviewer, by_qa_body=True)
    applications.request_changes(submitted, "Describe your moderation.", by=reviewer)
    submitted.refresh_from_db()
    assert submitted.state == Application.State.CHANGES_REQUESTED
    with pytest.raises(RegistryError):
        recognise(submitted, reviewer)  # not while returned
    applications.submit(filled(submitted), by=provider_admin)
    first = trust_lists.latest_version(body)
    decision = recognise(submitted, reviewer)
    kinds = list(
        ApplicationEvent.objects.filter(application=submitted).values_list("kind", flat=True)
    )
    assert kinds == ["submitted", "comment", "changes_requested", "submitted", "decided"]
    standing = standing_of(submitted.provider, body, timezone.now())
    assert standing.state is State.RECOGNISED
    assert standing.period is not None
    assert standing.period.decision == decision
    latest = trust_lists.latest_version(body)
    assert first is not None
    assert latest is not None
    assert latest.number == first.number + 1
    (entry,) = latest.credential["credentialSubject"]["recognition"]
    assert entry["recognisedIssuer"] == did_for(submitted.provider)
    assert entry["eqfLevel"] == [6]


def test_a_refusal_is_recorded_and_changes_no_list(
    submitted: Application, reviewer: User, body: Organization
) -> None:
    before = trust_lists.latest_version(body)
    decisions.decide_application(submitted, outcome="refused", reason="No QA policy.", by=reviewer)
    assert standing_of(submitted.provider, body, timezone.now()).state is State.REFUSED
    assert trust_lists.latest_version(body) == before


def test_decisions_need_a_reason_and_sane_dates(submitted: Application, reviewer: User) -> None:
    with pytest.raises(RegistryError, match="reason"):
        decisions.decide_application(submitted, outcome="refused", reason="  ", by=reviewer)
    with pytest.raises(RegistryError) as refused:
        decisions.decide_application(
            submitted,
            outcome="recognised",
            reason="ok",
            by=reviewer,
            valid_until=timezone.now() - timedelta(days=1),
        )
    assert refused.value.code == "registry.valid_until_invalid"
    assert not Decision.objects.exists()
    submitted.refresh_from_db()
    assert submitted.state == Application.State.SUBMITTED


def test_withdrawal_ends_the_period_and_is_history(
    submitted: Application, reviewer: User, body: Organization
) -> None:
    recognise(submitted, reviewer)
    provider = submitted.provider
    decision = decisions.end_recognition(
        provider, body, outcome="withdrawn", reason="Fraudulent assessments.", by=reviewer
    )
    standing = standing_of(provider, body, timezone.now() + timedelta(seconds=1))
    assert standing.state is State.WITHDRAWN
    latest = trust_lists.latest_version(body)
    assert latest is not None
    (entry,) = latest.credential["credentialSubject"]["recognition"]
    assert "withdrawn" in entry
    decision.reason = "edited"
    with pytest.raises(HistoryIsAppendOnlyError):
        decision.save()
    with pytest.raises(HistoryIsAppendOnlyError):
        decision.delete()
    with pytest.raises(RegistryError) as refused:
        decisions.end_recognition(provider, body, outcome="suspended", reason="x", by=reviewer)
    assert refused.value.code == "registry.nothing_to_end"


def test_a_withdrawal_cannot_be_dated_in_the_future(
    submitted: Application, reviewer: User, body: Organization
) -> None:
    recognise(submitted, reviewer)
    with pytest.raises(RegistryError) as refused:
        decisions.end_recognition(
            submitted.provider,
            body,
            outcome="withdrawn",
            reason="x",
            by=reviewer,
            effective=timezone.now() + timedelta(days=3),
        )
    assert refused.value.code == "registry.effective_in_future"


def test_suspension_then_reinstatement_by_a_new_application(
    submitted: Application, reviewer: User, body: Organization, provider_admin: User
) -> None:
    recognise(submitted, reviewer)
    provider = submitted.provider
    decisions.end_recognition(provider, body, outcome="suspended", reason="Audit.", by=reviewer)
    assert standing_of(provider, body, timezone.now() + timedelta(seconds=1)).state is (
        State.SUSPENDED
    )
    renewal = applications.open_application(provider, body, by=provider_admin)
    assert renewal.renewal
    applications.submit(filled(renewal), by=provider_admin)
    recognise(renewal, reviewer)
    assert standing_of(provider, body, timezone.now() + timedelta(seconds=1)).recognised


def test_the_signed_list_verifies_and_names_its_body(
    submitted: Application, reviewer: User, body: Organization
) -> None:
    from microcred.organizations.keys import did_document

    recognise(submitted, reviewer)
    latest = trust_lists.latest_version(body)
    assert latest is not None
    report = verify_credential(
        latest.credential, now=timezone.now(), documents={did_for(body): did_document(body)}
    )
    assert report.verified, report.failures
    assert latest.credential["issuer"]["id"] == did_for(body)
    assert latest.credential["id"].endswith(f"/registry/trust-lists/kalite/v{latest.number}")


def test_self_service_cannot_make_a_qa_body(
    organization: Organization, make_member: object
) -> None:
    user = User.objects.create_user("x@example.org", "pw-123456789")
    with pytest.raises(OrganizationError) as refused:
        org_services.create_organization(
            creator=user, name="YÖKAK", slug="yokak", kind=Organization.Kind.QA_BODY
        )
    assert refused.value.code == "organizations.qa_body_by_operator_only"
    assert not Organization.objects.filter(slug="yokak").exists()


def test_names_with_standing_are_refused_to_others(
    submitted: Application, reviewer: User, body: Organization
) -> None:
    recognise(submitted, reviewer)
    user = User.objects.create_user("y@example.org", "pw-123456789")
    for name in ("ANADOLU ÜNİVERSİTESİ", "anadolu universitesi", "KALITE KURULU"):
        with pytest.raises(OrganizationError) as refused:
            org_services.create_organization(
                creator=user, name=name, slug="copy", kind=Organization.Kind.PROVIDER
            )
        assert refused.value.code == "organizations.name_reserved"
    made = org_services.create_organization(
        creator=user, name="Anadolu Akademi", slug="akademi", kind=Organization.Kind.PROVIDER
    )
    assert made.slug == "akademi"


def test_the_self_service_form_refuses_the_qa_body_kind(client: object, db: None) -> None:
    from microcred.organizations.forms import OrganizationForm

    form = OrganizationForm({"name": "YÖKAK", "slug": "yokak", "kind": "qa_body", "country": "TR"})
    assert not form.is_valid()
    assert "platform operator" in form.errors["kind"][0]


def test_create_qa_body_command(kek: str) -> None:
    admin = User.objects.create_user("head@agency.example", "pw-123456789")
    out = io.StringIO()
    call_command(
        "create_qa_body",
        "--slug",
        "myk",
        "--name",
        "Mesleki Yeterlilik Kurumu",
        "--country",
        "tr",
        "--admin-email",
        admin.email,
        stdout=out,
    )
    body = Organization.objects.get(slug="myk")
    assert body.kind == Organization.Kind.QA_BODY
    assert did_for(body) in out.getvalue()
    assert body.memberships.filter(user=admin, role=Role.ADMIN).exists()
    assert trust_lists.latest_version(body) is not None
    with pytest.raises(CommandError, match="taken"):
        call_command("create_qa_body", "--slug", "myk", "--name", "X", "--country", "TR")
    with pytest.raises(CommandError, match="no account"):
        call_command(
            "create_qa_body",
            "--slug",
            "other",
            "--name",
            "X",
            "--country",
            "TR",
            "--admin-email",
            "nobody@example.org",
        )
    assert not Organization.objects.filter(slug="other").exists()
