"""A learner asks for recognition from the passport; a reviewer, from the start page,
grants 4 of 6 ECTS with a reason; the learner appeals; the reviewer answers — in Turkish
on a 390 px phone and in English on a desktop, every page axe-clean and fitting its width."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize

from microcred.accounts.models import EmailAddress, User
from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.recognition.models import Decision, Target
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import claims
from tests.conftest import PASSWORD, MakeMember

from ..vc.elements.conftest import full_elements
from .conftest import sign_in
from .page_audit import DESKTOP, PHONE, axe_findings, failing, overflow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
EMAIL = "ayse@uni.example"
WORDS = {
    "tr": {
        "request": "Tanınma talep et",
        "send": "Talebi gönder",
        "sent": "Talebiniz tanınma masasına gönderildi",
        "desk": "Tanınma masası",
        "record": "Kararı kaydet",
        "partial": "Kısmi tanıma — 6 AKTS'nin 4 AKTS'si",
        "appeal": "İtirazı gönder",
        "answer": "Yanıtı gönder",
        "final": "Bu yanıt kesindir.",
        "reason": "Regresyon modelleri kapsanmıyor.",
        "argument": "Bitirme projemde iki regresyon modeli kurdum; raporu ekliyorum.",
        "answer_text": "Proje incelendi; modeller dersin düzeyinde değil, karar korunuyor.",
    },
    "en": {
        "request": "Request recognition",
        "send": "Send the request",
        "sent": "Your request was sent to the recognition desk",
        "desk": "Recognition desk",
        "record": "Record the decision",
        "partial": "Partial recognition — 4 of 6 ECTS",
        "appeal": "Send the appeal",
        "answer": "Send the answer",
        "final": "This answer is final.",
        "reason": "Regression models are not covered.",
        "argument": "My final project fitted two regression models; the report is attached.",
        "answer_text": "The project was read; its models are not at the course's level.",
    },
}


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


def learner_holding_a_credential(provider: Organization) -> None:
    version = catalog.publish(
        catalog.create_specification(provider, None, full_elements(), hours_per_ects=28)
    )
    request = AwardRequest(
        Learner(EMAIL, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(version.public_id, EMAIL, "2026-05-15"),
    )
    with signer_for(provider) as signer:
        (issued,) = issue_awards(version, [request], signer=signer)
    learner = User.objects.create_user(EMAIL, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=learner, email=EMAIL, verified_at=timezone.now())
    claims.claim(learner, issued.award)


def audited(page: Page, screenshot: Any, label: str) -> None:
    assert failing(axe_findings(page)) == [], label
    assert overflow(page) == "", label
    screenshot(page, label)


@pytest.mark.parametrize(("lang", "viewport"), [("tr", PHONE), ("en", DESKTOP)])
def test_learner_asks_reviewer_grants_4_of_6_learner_appeals_reviewer_answers(
    lang: str,
    viewport: ViewportSize,
    live_server: Any,
    browser: Browser,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    screenshot: Any,
    tmp_path: Any,
) -> None:
    words, base = WORDS[lang], live_server.url
    learner_holding_a_credential(other_organization)
    Target.objects.create(
        organization=organization,
        kind=Target.Kind.COURSE,
        code="BIL101",
        title_en="Introduction to Data Science",
        title_tr="Veri Bilimine Giriş",
        ects=Decimal(6),
        eqf_level=6,
        outcomes=["Clean and explore a data set", "Fit and evaluate a regression model"],
    )
    reviewer = make_member(organization, Role.RPL_REVIEWER, email="reviewer@anadolu.example")
    locale = "tr-TR" if lang == "tr" else "en-GB"
    # bypass_csp: axe-core is injected as a script tag, which the site's CSP rightly refuses.

    learner = browser.new_context(locale=locale, viewport=viewport, bypass_csp=True).new_page()
    sign_in(learner, base, EMAIL, PASSWORD)
    learner.goto(f"{base}/{lang}/wallet/")
    learner.click(f"main a.button:has-text('{words['request']}')")
    learner.wait_for_load_state()
    learner.select_option(
        "select[name=target]",
        label="BIL101 — "
        + ("Veri Bilimine Giriş" if lang == "tr" else "Introduction to Data Science"),
    )
    learner.check("input[name=credentials]")
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n% final project report\n")
    learner.set_input_files("input[name=files]", str(report))
    audited(learner, screenshot, f"request-form-{lang}")
    learner.click(f"text={words['send']}")
    learner.wait_for_load_state()
    assert words["sent"] in learner.inner_text("main")
    audited(learner, screenshot, f"request-sent-{lang}")

    desk = browser.new_context(locale=locale, viewport=viewport, bypass_csp=True).new_page()
    sign_in(desk, base, reviewer.email, PASSWORD)
    desk.goto(f"{base}/{lang}/start/")
    desk.wait_for_load_state()
    desk.click(f"main a.button:has-text('{words['desk']}')")
    desk.wait_for_load_state()
    audited(desk, screenshot, f"desk-queue-{lang}")
    desk.click("ul.queue a")
    desk.wait_for_load_state()
    assert "Cleans a small data set." in desk.inner_text("main")
    desk.check("input[name=outcome][value=partial]")
    desk.fill("input[name=ects]", "4")
    desk.fill("textarea[name=reason]", words["reason"])
    audited(desk, screenshot, f"review-side-by-side-{lang}")
    desk.click(f"text={words['record']}")
    desk.wait_for_load_state()
    assert words["partial"] in desk.inner_text("main")

    learner.reload()
    main = learner.inner_text("main")
    assert words["partial"] in main
    assert words["reason"] in main
    learner.fill("textarea[name=argument]", words["argument"])
    audited(learner, screenshot, f"appeal-form-{lang}")
    learner.click(f"text={words['appeal']}")
    learner.wait_for_load_state()
    assert words["argument"] in learner.inner_text("main")

    desk.reload()
    desk.check("input[name=outcome][value=partial]")
    desk.fill("input[name=ects]", "4")
    desk.fill("textarea[name=reason]", words["answer_text"])
    desk.click(f"text={words['answer']}")
    desk.wait_for_load_state()
    audited(desk, screenshot, f"appeal-answered-desk-{lang}")

    learner.reload()
    main = learner.inner_text("main")
    assert words["answer_text"] in main
    assert words["final"] in main
    audited(learner, screenshot, f"appeal-answered-learner-{lang}")
    stages = list(Decision.objects.order_by("pk").values_list("stage", "outcome", "ects"))
    assert stages == [("first", "partial", Decimal(4)), ("appeal", "partial", Decimal(4))]
    learner.goto(f"{base}/{lang}/wallet/")
    assert "BIL101" in learner.inner_text("main")  # the recognition credential is held
