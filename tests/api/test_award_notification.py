"""An award issued through the API and one issued with the officer's form are announced
the same way: one claim e-mail, queued as a task with the award, sent by the worker."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.mail_tasks import mail_awards
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import MakeMember
from tests.issuing.helpers import issue_form, signed_in, url
from tests.queued_mail import queued_mail, run_queued_mail

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db


def test_the_form_and_the_api_queue_the_same_claim_email(
    client: Client, organization: Organization, published: SpecificationVersion,
    make_token: MakeToken, make_member: MakeMember,
) -> None:  # fmt: skip
    token = make_token(organization, "issue")
    body = {"specification": published.public_id, "learner": {"email": "ali@uni.example"}}
    answered = call(client, "post", "/api/v1/awards", body, token)
    assert answered.status_code == 201
    by_api = Award.objects.get(public_id=answered.json()["id"])
    officer = signed_in(Client(), make_member(organization, Role.ISSUER))
    posted = officer.post(url("issue", org=organization.slug), issue_form(published))
    assert posted.status_code == 302
    by_form = Award.objects.exclude(pk=by_api.pk).get()
    assert mail.outbox == []  # neither request waited for the mail server
    assert queued_mail() == [
        (mail_awards.module_path, [[by_api.public_id]]),
        (mail_awards.module_path, [[by_form.public_id]]),
    ]
    assert run_queued_mail() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@uni.example", "ayse@uni.example"]
    assert all("/issuing/claim/" in m.body for m in mail.outbox)


def test_an_api_replay_queues_nothing_more(
    client: Client, organization: Organization, published: SpecificationVersion,
    make_token: MakeToken,
) -> None:  # fmt: skip
    token = make_token(organization, "issue")
    body = {
        "specification": published.public_id,
        "learner": {"email": "ali@uni.example"},
        "idempotency_key": "once",
    }
    assert call(client, "post", "/api/v1/awards", body, token).status_code == 201
    assert call(client, "post", "/api/v1/awards", body, token).status_code == 200
    assert len(queued_mail()) == 1
