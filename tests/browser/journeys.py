"""Steps several browser journeys share: an award e-mailed to a learner, form submissions."""

from __future__ import annotations

import re
from datetime import date

from django.core import mail
from playwright.sync_api import Page, Request

from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.notifications import notify_awarded
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner

from ..vc.elements.conftest import full_elements

EMAIL = "ayse@uni.example"


def award_by_email(organization: Organization, language: str = "en") -> str:
    """Issue one award and return the claim link from the e-mail the learner received."""
    version = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    request = AwardRequest(
        Learner(EMAIL, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(version.public_id, EMAIL, "2026-05-15"),
    )
    with signer_for(organization) as signer:
        issued = issue_awards(version, [request], signer=signer)
    assert notify_awarded(issued, language) == 1
    return last_link(EMAIL)


def count_submissions(page: Page) -> list[str]:
    """Every form the person submits (a POST that navigates), as it happens."""
    submitted: list[str] = []

    def seen(request: Request) -> None:
        if request.method == "POST" and request.is_navigation_request():
            submitted.append(request.url)

    page.on("request", seen)
    return submitted


def last_link(to: str) -> str:
    message = [m for m in mail.outbox if m.to == [to]][-1]
    found = re.search(r"https?://\S+", str(message.body))
    assert found is not None, message.body
    return found.group(0)
