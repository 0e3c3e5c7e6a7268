"""A learner follows a pathway and requests the stacked credential, in a real browser: in
Turkish on a 390 px phone and in English on a desktop; axe-core finds nothing serious or
critical on the pathway page, the passport's progress or the stacked credential's page;
screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page

from microcred.accounts.models import EmailAddress, User
from microcred.keystore import generate_kek_text, get_keystore
from microcred.pathways.models import StackedCredential
from microcred.verification.services import clear_caches
from tests.conftest import PASSWORD
from tests.pathways.conftest import IssueTo, Scenario, hold
from tests.pathways.conftest import issue_to as issue_to  # the fixtures
from tests.pathways.conftest import publish as publish
from tests.pathways.conftest import scenario as scenario

from .conftest import sign_in
from .page_audit import DESKTOP, PHONE, axe_findings, failing, overflow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


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


def _learner_with_both(scenario: Scenario, issue_to: IssueTo, email: str) -> User:
    user = User.objects.create_user(email, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=user, email=email, verified_at=timezone.now())
    hold(user, issue_to(scenario.python, email=email))
    hold(user, issue_to(scenario.ml, email=email))
    return user


def _audit(page: Page, where: str) -> None:
    assert failing(axe_findings(page)) == [], where
    assert overflow(page) == "", where


def _journey(
    page: Page, base: str, scenario: Scenario, lang: str, words: dict[str, str], screenshot: Any
) -> None:
    page.goto(f"{base}/{lang}/pathways/p/{scenario.pathway.public_id}/")
    assert scenario.pathway.name(lang) in page.inner_text("h1")
    page.click(f"main button:has-text('{words['follow']}')")
    page.wait_for_load_state()
    assert words["following"] in page.inner_text("main")
    _audit(page, "pathway page")
    screenshot(page, f"pathway-{lang}")
    page.click(f"text={words['progress']}")
    page.wait_for_load_state()
    assert words["complete"] in page.inner_text("#pathways + *, .passport-pathways")
    _audit(page, "passport with progress")
    screenshot(page, f"passport-pathway-{lang}")
    page.click(f"main button:has-text('{words['request']}')")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert words["issued"] in main
    assert "Veri Bilimi Sertifika Programı" in main
    _audit(page, "stacked credential")
    screenshot(page, f"stacked-credential-{lang}")


TURKISH = {
    "follow": "Bu yolu takip et",
    "following": "Bu yolu takip ediyorsunuz",
    "progress": "İlerlemenizi pasaportunuzda görün",
    "complete": "Tamamlandı",
    "request": "Yığın belgeyi isteyin",
    "issued": "Yığın belgeniz düzenlendi ve pasaportunuzda.",
}
ENGLISH = {
    "follow": "Follow this pathway",
    "following": "You follow this pathway",
    "progress": "See your progress in your passport",
    "complete": "Complete",
    "request": "Request the stacked credential",
    "issued": "Your stacked credential was issued and is in your passport.",
}


@pytest.mark.parametrize(
    ("lang", "viewport", "words"),
    [("tr", PHONE, TURKISH), ("en", DESKTOP, ENGLISH)],
    ids=["tr-390", "en-desktop"],
)
def test_learner_follows_a_pathway_and_requests_the_stacked_credential(
    live_server: Any,
    browser: Browser,
    scenario: Scenario,
    issue_to: IssueTo,
    screenshot: Any,
    lang: str,
    viewport: dict[str, int],
    words: dict[str, str],
) -> None:
    learner = _learner_with_both(scenario, issue_to, f"learner-{lang}@uni.example")
    # bypass_csp: axe-core is injected as a script tag, which the site's CSP rightly refuses.
    locale = "tr-TR" if lang == "tr" else "en-GB"
    context = browser.new_context(
        locale=locale,
        viewport=viewport,  # type: ignore[arg-type]
        bypass_csp=True,
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, live_server.url, learner.email, PASSWORD)
    _journey(page, live_server.url, scenario, lang, words, screenshot)
    context.close()
    assert StackedCredential.objects.filter(learner=learner).count() == 1
