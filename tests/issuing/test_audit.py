"""The audit log page and its CSV export: every issue and status change, with who and why."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import AuditEvent, Award
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import MakeMember

from .helpers import issue_form, page, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    return signed_in(client, make_member(organization, Role.ADMIN))


def issue_and_revoke(admin: Client, organization: Organization, version: Any) -> Award:
    assert admin.post(url("issue", org=organization.slug), issue_form(version)).status_code == 302
    award = Award.objects.get()
    target = url("award_status", org=organization.slug, award_id=award.public_id, action="revoke")
    assert admin.post(target, {"reason": '=HYPERLINK("x") fraud'}).status_code == 302
    return award


def test_audit_page_lists_who_did_what_and_why(
    admin: Client,
    organization: Organization,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        award = issue_and_revoke(admin, organization, published)
    text = page(admin.get(url("audit", org=organization.slug)))
    assert text.count(award.public_id) == 2
    assert "admin@anadolu-uni.example" in text
    assert "Issued to a learner" in text  # actions in words, not codes
    assert "Revoked" in text
    assert '=HYPERLINK("x") fraud' in text


def test_audit_export_streams_every_event_as_csv(
    admin: Client,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
) -> None:
    award = issue_and_revoke(admin, organization, published)
    AuditEvent.objects.create(organization=other_organization, action="issued", target="theirs")
    response = admin.get(url("audit_export", org=organization.slug))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert f'filename="audit-anadolu-uni-{today}.csv"' in response["Content-Disposition"]
    body = response.getvalue().decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["When", "Who", "Action", "Target", "Public reason", "Internal note"]
    # A random id may begin with "-": spreadsheets would read it as a formula, so the export
    # quotes it like any other such cell.
    target = ("'" if award.public_id[0] in "=+-@" else "") + award.public_id
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        ("admin@anadolu-uni.example", "issued", target),
        ("admin@anadolu-uni.example", "revoke", target),
    ]
    assert rows[2][4] == '\'=HYPERLINK("x") fraud'  # neutralised for spreadsheets
    assert "theirs" not in body
