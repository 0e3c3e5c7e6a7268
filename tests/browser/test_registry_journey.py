"""The recognition journey in a real browser (issue 11).

A provider's admin applies to a quality-assurance body; its reviewer recognises the
provider; a visitor reads "recognised by … since …" on the registry and on the verify page,
in English and Turkish; the body withdraws the recognition, and a credential issued
afterwards says so while one issued before keeps its standing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.registry.qa_bodies import create_qa_body
from microcred.vc import Learner
from microcred.verification.services import clear_caches

from ..conftest import PASSWORD
from ..vc.elements.conftest import full_elements
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SUBMIT = "#verify-form button[type=submit]"


@pytest.fixture(autouse=True)
def _platform(
    monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any, tmp_path: Any
) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    settings.MICROCRED_VERIFY_RATE = "off"
    settings.VAR_DIR = tmp_path
    yield
    get_keystore.cache_clear()
    clear_caches()


def person(org: Organization, role: Role, email: str) -> User:
    user = User.objects.create_user(email, PASSWORD)
    Membership.objects.create(organization=org, user=user, role=role)
    return user


def issue(version: SpecificationVersion, key: str, **when: Any) -> Any:
    learner = Learner(f"{key}@uni.example", "Ayşe Yılmaz", "AA", None)
    request = AwardRequest(learner, idempotency_key(key, learner.email))
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, include_name=True, **when)
    return issued.award.credential


def standing_on_verify_page(page: Page, base: str, credential: Any, lang: str = "en") -> str:
    page.goto(f"{base}/{lang}/verify/")
    page.fill("#verify-form textarea", json.dumps(credential))
    page.click(SUBMIT)
    page.wait_for_selector("#verdict")
    return page.inner_text("main")


def test_apply_recognise_read_withdraw(
    page: Page, live_server: Any, organization: Organization, screenshot: Any
) -> None:
    base = live_server.url
    version = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    body = create_qa_body(slug="kalite", name="Kalite Kurulu", country="TR")
    admin = person(organization, Role.ADMIN, "admin@anadolu.example")
    reviewer = person(body, Role.QA_REVIEWER, "reviewer@kalite.example")

    # The provider's admin applies.
    sign_in(page, base, admin.email, PASSWORD)
    page.goto(f"{base}/en/registry/manage/{organization.slug}/recognition/")
    page.click("tr[data-body=kalite] button[type=submit]")
    for area in page.locator("textarea[name^=answer_]").all():
        area.fill("We describe how we meet this criterion, with our evidence.")
    page.check("input[name=eqf_levels][value='6']")
    page.fill("input[name=contact_name]", "Kalite Ofisi")
    page.fill("input[name=contact_email]", "kalite@anadolu.example")
    page.click("#application-form button[type=submit]")
    page.click("#submit-application")
    assert page.inner_text("p[data-state]").endswith("Submitted for review")
    screenshot(page, "submitted")
    page.context.clear_cookies()

    # The body's reviewer recognises it.
    sign_in(page, base, reviewer.email, PASSWORD)
    page.goto(f"{base}/en/registry/manage/kalite/reviews/")
    page.click(f"text={organization.name}")
    page.check("input[name=outcome][value=recognised]")
    page.fill("#decision-form textarea[name=reason]", "Meets every criterion.")
    page.fill("input[name=valid_from]", "2026-01-01")
    page.fill("input[name=valid_until]", "2030-01-01")
    page.click("#decision-form button[type=submit]")
    assert "Decision recorded" in page.inner_text("main")
    screenshot(page, "recognised")

    # A visitor reads the standing, in both languages.
    visitor = page.context.browser.new_context(locale="en-GB")  # type: ignore[union-attr]
    reader = visitor.new_page()
    reader.goto(f"{base}/en/registry/issuers/{organization.slug}/")
    assert "Recognised by Kalite Kurulu since" in reader.inner_text("main")
    reader.goto(f"{base}/tr/registry/issuers/{organization.slug}/")
    assert "Kalite Kurulu tarafından" in reader.inner_text("main")
    before = issue(version, "before", now=timezone.now() - timedelta(hours=1))
    text = standing_on_verify_page(reader, base, before)
    assert "Valid — issued by Anadolu Üniversitesi" in text
    assert "Recognised by Kalite Kurulu since" in text
    assert "Kalite Kurulu tarafından tanınıyor" in standing_on_verify_page(
        reader, base, before, "tr"
    )
    screenshot(reader, "verify-recognised")

    # The body withdraws; what was issued before keeps its standing, what comes after not.
    page.goto(f"{base}/en/registry/manage/kalite/providers/")
    section = page.locator(f"section[data-provider={organization.slug}]")
    section.locator("input[value=withdrawn]").check()
    section.locator("textarea[name=reason]").fill("Assessments were not supervised.")
    section.locator("button[type=submit]").click()
    assert "Decision recorded" in page.inner_text("main")
    after = issue(version, "after")
    text = standing_on_verify_page(reader, base, after)
    assert "withdrew its recognition of this issuer" in text
    assert "The signature is valid, but this credential was issued after Kalite Kurulu" in text
    screenshot(reader, "verify-withdrawn")
    text = standing_on_verify_page(reader, base, before)
    assert "Recognised by Kalite Kurulu since" in text
    reader.goto(f"{base}/en/registry/qa-bodies/kalite/")
    assert "Assessments were not supervised." in reader.inner_text("main")
    visitor.close()
