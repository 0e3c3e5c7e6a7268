"""Issuing awards end to end: signed with the organisation's encrypted key, verifiable by
anyone from the public did.json and status lists, idempotent, revocable with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import AuditEvent, Award, StatusList
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.vc.verify import verify_credential

from .helpers import fetch_documents

pytestmark = pytest.mark.django_db


PASSING = ("AA", "BA", "BB", "CB", "CC")


def requests(count: int, version: SpecificationVersion) -> list[AwardRequest]:
    return [
        AwardRequest(
            Learner(f"learner{i}@uni.example", f"Learner {i}", PASSING[i % 5], date(2026, 5, 1)),
            idempotency_key(version.public_id, f"learner{i}@uni.example", "2026-05-01"),
        )
        for i in range(count)
    ]


def test_issued_credentials_verify_from_public_documents(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        issued = issue_awards(published, requests(3, published), signer=signer)
    assert [i.award.learner_email for i in issued] == [f"learner{i}@uni.example" for i in range(3)]
    assert all(i.claim_token for i in issued)
    for item in issued:
        report = verify_credential(
            item.award.credential,
            now=item.award.created,
            documents=fetch_documents(client, organization, item.award),
        )
        assert report.verified, [c.code for c in report.failures]
        assert "learner" not in str(item.award.credential["credentialSubject"]).lower()
    published.refresh_from_db()
    assert published.locked
    assert AuditEvent.objects.filter(action="issued").count() == 3


def test_reissuing_the_same_rows_issues_nothing_twice(
    organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        first = issue_awards(published, requests(4, published), signer=signer)
        again = issue_awards(published, requests(6, published), signer=signer)
    assert Award.objects.count() == 6
    assert [i.award.pk for i in again[:4]] == [i.award.pk for i in first]
    assert [i.claim_token is None for i in again] == [True] * 4 + [False] * 2


def test_status_entries_are_random_and_distinct(
    organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        issued = issue_awards(published, requests(50, published), signer=signer)
    indices = [i.award.revocation_index for i in issued]
    assert len(set(indices)) == 50
    assert indices != sorted(indices)  # not sequential: says nothing about issue order
    assert StatusList.objects.filter(organization=organization).count() == 2


def test_revoke_with_reason_then_verification_fails_with_revoked(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        [item] = issue_awards(published, requests(1, published), signer=signer)
        award = Award.objects.select_related("revocation_list", "suspension_list").get(
            pk=item.award.pk
        )
        with pytest.raises(IssuingError, match="reason"):
            change_status([award], StatusAction.REVOKE, reason="  ", by=None, signer=signer)
        change_status(
            [award],
            StatusAction.REVOKE,
            reason="Plagiarism in the final project",
            by=None,
            signer=signer,
        )
    award.refresh_from_db()
    assert (award.state, award.state_reason) == ("revoked", "Plagiarism in the final project")
    report = verify_credential(
        award.credential, now=award.created, documents=fetch_documents(client, organization, award)
    )
    assert [c.code for c in report.failures] == ["revoked"]
    event = AuditEvent.objects.get(action="revoke")
    assert event.reason == "Plagiarism in the final project"


def test_suspend_and_reinstate(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        [item] = issue_awards(published, requests(1, published), signer=signer)
        award = Award.objects.select_related("revocation_list", "suspension_list").get(
            pk=item.award.pk
        )
        change_status([award], StatusAction.SUSPEND, reason="Under review", by=None, signer=signer)
        suspended = verify_credential(
            award.credential,
            now=award.created,
            documents=fetch_documents(client, organization, award),
        )
        assert [c.code for c in suspended.failures] == ["suspended"]
        change_status([award], StatusAction.REINSTATE, reason="Cleared", by=None, signer=signer)
        # revocation is final: reinstating a revoked award changes nothing
        change_status([award], StatusAction.REVOKE, reason="Fraud", by=None, signer=signer)
        assert (
            change_status([award], StatusAction.REINSTATE, reason="x", by=None, signer=signer) == []
        )
    award.refresh_from_db()
    assert award.state == "revoked"


def test_status_list_get_never_signs(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    with signer_for(organization) as signer:
        [item] = issue_awards(published, requests(1, published), signer=signer)
    url = item.award.credential["credentialStatus"][0]["statusListCredential"]
    path = url.removeprefix("http://localhost:8000")
    first = client.get(path)
    second = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert client.get(path).content == first.content  # byte-stable: not re-signed on GET
    assert client.get("/status/unknown").status_code == 404
