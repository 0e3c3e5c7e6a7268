"""A learner contests a revocation from the passport and reads the officer's answer, in
Turkish, in a real browser; the officer finds the open contest on the awards page and
answers it with a reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import AuditEvent, Contest
from microcred.issuing.revocation import StatusAction, change_status
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import claims
from tests.conftest import PASSWORD, MakeMember

from ..vc.elements.conftest import full_elements
from .conftest import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
EMAIL = "ayse@uni.example"
REVOKED = "Final projede intihal tespit edildi."
ARGUMENT = "Proje tamamen bana ait; taslak geçmişimi ekte sunuyorum."
ANSWER = "Benzerlik raporu yeniden incelendi; karar geçerliliğini koruyor."


@pytest.fixture(autouse=True)
def _platform(monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any) -> Any:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    get_keystore.cache_clear()
    clear_caches()


def revoked_award_held_by_learner(organization: Organization) -> tuple[str, str]:
    """(award public id, wallet item public id) of a claimed, then revoked, award."""
    version = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    request = AwardRequest(
        Learner(EMAIL, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(version.public_id, EMAIL, "2026-05-15"),
    )
    with signer_for(organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer)
        change_status([issued.award], StatusAction.REVOKE, reason=REVOKED, by=None, signer=signer)
    learner = User.objects.create_user(EMAIL, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=learner, email=EMAIL, verified_at=timezone.now())
    item = claims.claim(learner, issued.award)
    return issued.award.public_id, item.public_id


def test_learner_contests_a_revocation_and_reads_the_answer_in_turkish(
    live_server: Any,
    browser: Browser,
    organization: Organization,
    make_member: MakeMember,
    screenshot: Any,
) -> None:
    base = live_server.url
    award_id, item_id = revoked_award_held_by_learner(organization)
    officer = make_member(organization, Role.ISSUER)
    with translation.override("tr"):
        item_url = base + reverse("wallet:item", kwargs={"item_id": item_id})
        awards_url = base + reverse("issuing:awards", kwargs={"org": organization.slug})

    learner_context = browser.new_context(locale="tr-TR", viewport={"width": 1280, "height": 900})
    learner_page = learner_context.new_page()
    sign_in(learner_page, base, EMAIL, PASSWORD)
    learner_page.goto(item_url)
    main = learner_page.inner_text("main")
    assert "Karara itiraz edin" in main
    assert REVOKED in main
    learner_page.fill("textarea[name=argument]", ARGUMENT)
    screenshot(learner_page, "contest-form-tr")
    learner_page.click("text=İtirazımı gönder")
    learner_page.wait_for_load_state()
    main = learner_page.inner_text("main")
    assert "İtirazınız veren kuruma gönderildi" in main
    assert "Veren kurumun yanıtı bekleniyor." in main
    assert Contest.objects.get().outcome == "open"

    officer_context = browser.new_context(locale="tr-TR", viewport={"width": 1280, "height": 900})
    officer_page = officer_context.new_page()
    sign_in(officer_page, base, officer.email, PASSWORD)
    officer_page.goto(awards_url)
    assert "Açık itirazlar" in officer_page.inner_text("main")
    screenshot(officer_page, "awards-open-contest-tr")
    officer_page.click(".open-contests a")
    officer_page.wait_for_load_state()
    assert ARGUMENT in officer_page.inner_text("main")
    officer_page.check("input[name=decision][value=uphold]")
    officer_page.fill("#contests textarea[name=reason], .contest textarea[name=reason]", ANSWER)
    screenshot(officer_page, "contest-answer-tr")
    officer_page.click("text=Yanıtı gönder")
    officer_page.wait_for_load_state()
    assert "Yanıtınız kaydedildi" in officer_page.inner_text("main")
    officer_context.close()

    learner_page.reload()
    main = learner_page.inner_text("main")
    assert "Veren kurumun yanıtı" in main
    assert ANSWER in main
    assert "Veren kurum yanıtladı: karar geçerli" in main
    assert "Karar korundu" in main
    screenshot(learner_page, "contest-answered-tr")
    learner_context.close()
    actions = AuditEvent.objects.filter(target=award_id).values_list("action", flat=True)
    assert list(actions.order_by("at", "pk")) == ["issued", "revoke", "contested", "contest_upheld"]
