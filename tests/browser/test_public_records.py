"""A visitor follows what a credential names: its achievement and its issuer (issue 10).

The visitor knows no Microcred URL: they open the achievement ``id`` and the issuer ``url``
written in a credential, in a Turkish and an English browser, on a desktop and on a
390 px phone, and read every EU element and the issuer's page, with nothing wider than
the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner

from ..vc.elements.conftest import full_elements

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

ELEMENTS_EN = (
    "Title of the micro-credential",
    "Awarding body",
    "Learning outcomes",
    "Notional workload (ECTS credits, hours)",
    "Level (EQF, TQF; QF-EHEA cycle)",
    "Type of assessment",
    "Form of participation in the learning activity",
    "Type of quality assurance",
)
ELEMENTS_TR = (
    "Mikro-yeterliliğin adı",
    "Belgeyi veren kurum",
    "Öğrenme çıktıları",
    "Öngörülen iş yükü (AKTS kredisi, saat)",
    "Değerlendirme türü",
    "Öğrenme etkinliğine katılım biçimi",
    "Kalite güvencesi türü",
)


@pytest.fixture
def credential(
    monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any
) -> Iterator[dict[str, Any]]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    organization = Organization.objects.create(
        slug="anadolu-uni", name="Anadolu Üniversitesi", country="TR"
    )
    version = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    request = AwardRequest(
        Learner("ayse@learners.example", "", "AA", date(2026, 6, 1)), idempotency_key("a")
    )
    with signer_for(organization) as signer:
        [issued] = issue_awards(version, [request], signer=signer)
    yield issued.award.credential
    get_keystore.cache_clear()


def no_wider_than_the_screen(page: Page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, f"{page.url} is wider than the screen"


@pytest.mark.parametrize(
    ("locale", "width", "labels", "offered_by"),
    [
        ("tr-TR", 390, ELEMENTS_TR, "Sunan kurum"),
        ("en-GB", 1280, ELEMENTS_EN, "Offered by"),
    ],
)
def test_a_visitor_reads_the_achievement_and_its_issuer(
    browser: Browser,
    credential: dict[str, Any],
    screenshot: Any,
    locale: str,
    width: int,
    labels: tuple[str, ...],
    offered_by: str,
) -> None:
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 844})
    page = context.new_page()
    achievement = credential["credentialSubject"]["achievement"]
    page.goto(achievement["id"])  # the URL written in the credential
    lang = locale[:2]
    assert f"/{lang}/registry/achievements/" in page.url
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == achievement["name"]
    main = page.inner_text("main")
    for label in labels:
        assert label in main, label
    assert offered_by in main
    no_wider_than_the_screen(page)
    screenshot(page, f"achievement-{lang}-{width}")

    page.click(f"main >> text={credential['issuer']['name']}")
    assert f"/{lang}/registry/issuers/anadolu-uni/" in page.url
    assert credential["issuer"]["id"] in page.inner_text("main")
    assert achievement["name"] in page.inner_text("main")
    no_wider_than_the_screen(page)
    screenshot(page, f"issuer-{lang}-{width}")

    page.goto(credential["issuer"]["url"])  # the profile URL the credential names
    assert f"/{lang}/registry/issuers/anadolu-uni/" in page.url
    context.close()
