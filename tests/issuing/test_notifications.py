"""E-mails to learners: sent only after the commit, in the requested language, with a
working claim link on award and the reason on every status change."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.issuing.notifications import notify_awarded, notify_status_changed
from microcred.issuing.revocation import StatusAction
from microcred.organizations.keys import signer_for
from microcred.vc import Learner

pytestmark = pytest.mark.django_db


def issue(version: SpecificationVersion, *emails: str) -> list[Any]:
    requests = [
        AwardRequest(Learner(e, "", "", date(2026, 5, 1)), idempotency_key(e)) for e in emails
    ]
    with signer_for(version.specification.organization) as signer:
        return issue_awards(version, requests, signer=signer)


def test_award_mail_waits_for_the_commit_and_links_to_the_claim_page(
    client: Client,
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    issued = issue(published, "a@uni.example", "b@uni.example")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notify_awarded(issued, "en") == 2
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@uni.example", "b@uni.example"]
    for message in mail.outbox:
        assert published.title in message.subject
        link = re.search(r"http://localhost:8000(/en/issuing/claim/[^/\s]+/)", str(message.body))
        assert link is not None
        assert client.get(link.group(1)).status_code == 200


def test_a_rolled_back_award_sends_nothing(
    published: SpecificationVersion, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    def issue_then_fail() -> None:
        with transaction.atomic():
            notify_awarded(issue(published, "a@uni.example"), "en")
            raise RuntimeError("the request failed after issuing")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        issue_then_fail()
    assert mail.outbox == []


def test_existing_awards_are_not_announced_again(
    published: SpecificationVersion, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    issue(published, "a@uni.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_awarded(issue(published, "a@uni.example"), "en") == 0
    assert mail.outbox == []


def test_mails_are_written_in_the_fallback_language_for_awards_without_one(
    published: SpecificationVersion, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    """Awards made before languages were kept name none: the caller's fallback decides."""
    issued = issue(published, "a@uni.example")
    Award.objects.filter(pk=issued[0].award.pk).update(language="")
    issued[0].award.language = ""
    with django_capture_on_commit_callbacks(execute=True):
        notify_awarded(issued, "tr")
        notify_status_changed([issued[0].award], StatusAction.SUSPEND, "Soruşturma sürüyor", "tr")
    awarded, suspended = mail.outbox
    assert awarded.subject.startswith("Mikro-yeterliliğiniz:")
    assert "/tr/issuing/claim/" in awarded.body
    assert "askıya aldı" in suspended.body
    assert "Soruşturma sürüyor" in suspended.body


def test_a_title_with_a_line_break_still_gives_a_one_line_subject(
    published: SpecificationVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """Django refuses a header with a line break; the send would fail after the commit."""
    SpecificationVersion.objects.filter(pk=published.pk).update(title="Data\r\nBcc: x@evil.example")
    published.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_awarded(issue(published, "a@uni.example"), "en") == 1
    [message] = mail.outbox
    assert message.subject == "Your micro-credential: Data Bcc: x@evil.example"
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers
    assert message.recipients() == ["a@uni.example"]
