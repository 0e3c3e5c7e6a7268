"""Every main page, reached by clicking from sign-in, in Turkish and English, on a 390 px
phone and a 1366 px desktop: nothing wider than the screen, no serious or critical
accessibility violation (axe-core), and a screenshot of each in test-artifacts/ (issue 13).

The data is the demo a first run shows (``microcred.web.demo``): an organisation with an
admin, a programme designer, an issuer officer and a recognition reviewer, a published
micro-credential, a pathway, a recognition request waiting, four
awards (one revoked) and a learner whose passport holds hers. Each person signs in through
the form and lands where their work is; every further page is one click on a link or a
button they can see. One browser for the module; one context per person and language,
whose viewport is resized to check each page at both sizes without loading it twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from microcred.issuing.models import Award
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.roles import Role
from microcred.web.demo import seed
from microcred.web.demo.recognition import RPL_REVIEWER
from tests.browser.conftest import SCREENSHOTS
from tests.browser.page_audit import DESKTOP, PHONE, axe_findings, failing, overflow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

#: Every page is checked at both sizes: first as a phone shows it, then as a desktop does.
SCREENS = {"390": PHONE, "1366": DESKTOP}


class Walk:
    """One person's pages in one language; collects what each page fails at either size."""

    def __init__(self, context: BrowserContext, base: str, lang: str, label: str) -> None:
        self.page = context.new_page()
        self.base, self.lang, self.label = base, lang, label
        self.problems: list[str] = []
        self.seen: list[str] = []

    def check(self, name: str) -> None:
        """The page as shown, on the phone and on the desktop (same page, resized)."""
        page = self.page
        page.wait_for_load_state()
        assert page.url.split("/")[3] == self.lang, page.url  # still in the chosen language
        for width, size in SCREENS.items():
            page.set_viewport_size(size)  # type: ignore[arg-type]
            wide = overflow(page)
            if wide:
                self.problems.append(f"{name} at {width} px ({page.url}): {wide}")
            for finding in failing(axe_findings(page)):
                self.problems.append(f"{name} at {width} px ({page.url}): {finding}")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shot = SCREENSHOTS / f"every-page-{self.label}-{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
        self.seen.append(name)

    def click(self, selector: str, name: str) -> None:
        """Click the first visible element matching ``selector``, then check the page."""
        self.page.locator(selector).first.click()
        self.check(name)

    def sign_in(self, email: str, password: str) -> None:
        page = self.page
        page.goto(f"{self.base}/{self.lang}/accounts/sign-in/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")


@pytest.fixture
def demo(
    monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any, tmp_path: Path
) -> Iterator[seed.Seeded]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    settings.VAR_DIR = tmp_path
    yield seed.seed()
    get_keystore.cache_clear()


def _context(browser: Browser, lang: str) -> BrowserContext:
    # bypass_csp: axe-core is injected as a script tag, which the site's CSP rightly refuses.
    context = browser.new_context(
        locale="tr-TR" if lang == "tr" else "en-GB",
        viewport=PHONE,  # type: ignore[arg-type]
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    return context


def _visitor(walk: Walk, credential: dict[str, Any]) -> None:
    page = walk.page
    page.goto(f"{walk.base}/{walk.lang}/")
    walk.check("home")
    walk.click("header nav a[href$='/verify/']", "verify")
    page.fill("textarea[name=text]", json.dumps(credential, ensure_ascii=False))
    page.locator("main form button[type=submit]").last.click()
    walk.check("verify-result")
    assert page.locator("table.checks tbody tr").count() > 0
    page.goto(credential["credentialSubject"]["achievement"]["id"])  # what the credential names
    walk.check("registry-achievement")
    page.goto(credential["issuer"]["url"])  # the issuer's profile the credential names
    walk.check("registry-issuer")


def _learner(walk: Walk, password: str) -> None:
    walk.page.goto(f"{walk.base}/{walk.lang}/accounts/sign-in/")
    walk.check("sign-in")
    walk.sign_in(seed.LEARNERS[0][1], password)
    walk.page.wait_for_url(re.compile(rf"/{walk.lang}/wallet/$"))
    walk.check("passport")
    walk.click("main .passport-pathways h3 a", "pathway-public")  # the pathway she follows
    walk.page.locator(".account-nav a[href$='/wallet/']").click()
    walk.click("main a[href$='/recognition/new/']", "recognition-new")
    walk.page.locator(".account-nav a[href$='/wallet/']").click()
    walk.click("main a[href*='/wallet/items/']", "passport-item")
    walk.click("nav.wallet-nav a[href$='/wallet/shares/']", "share-links")
    walk.page.locator("main input[name=items]").first.check()
    walk.page.fill("main input[name=label]", "İşveren Ğ — Acme")  # dotted and breve capitals
    walk.click("main form button[type=submit]", "share-created")
    walk.click("main a.share-open", "shared-page")  # what an employer sees, with its checks
    walk.page.locator(".account-nav a[href$='/wallet/']").click()  # back to the passport
    walk.click("nav.wallet-nav a[href$='/wallet/data/']", "my-data")


def _designer(walk: Walk, password: str) -> None:
    walk.sign_in(seed.PEOPLE[Role.DESIGNER], password)
    walk.page.wait_for_url(re.compile(rf"/{walk.lang}/orgs/{seed.SLUG}/$"))
    walk.check("designer-start")
    walk.click("main .card a[href$='/specifications/']", "specifications")
    walk.click("main a[href*='/specifications/v/']", "specification-version")
    walk.click("main a[href$='/edit']", "specification-editor")
    walk.click("nav.org-nav a[href$='/specifications/']", "specifications-list")
    walk.click("main a[href$='/specifications/new']", "specification-new")
    walk.click("nav.org-nav a[href*='/pathways/']", "pathways")
    walk.click(f"main li a[href*='/pathways/{seed.SLUG}/']", "pathway-editor")


def _reviewer(walk: Walk, password: str) -> None:
    walk.sign_in(RPL_REVIEWER, password)
    walk.page.wait_for_url(re.compile(rf"/{walk.lang}/orgs/{seed.SLUG}/$"))
    walk.check("reviewer-start")
    walk.click("main a[href$='/recognition/desk/" + seed.SLUG + "/']", "recognition-desk")
    walk.click("main ul.queue a", "recognition-review")
    walk.click("nav a[href$='/rules/']", "recognition-rules")


def _officer(walk: Walk, password: str) -> None:
    walk.sign_in(seed.PEOPLE[Role.ISSUER], password)
    walk.page.wait_for_url(re.compile(rf"/{walk.lang}/orgs/{seed.SLUG}/$"))
    walk.check("officer-start")
    walk.click("main .card a[href$='/issue/']", "issue")
    walk.click("nav.section-nav a[href$='/upload/']", "upload")
    walk.click("nav.section-nav a[href$='/batches/']", "batches")
    walk.click("nav.section-nav a[href$='/awards/']", "awards")
    walk.click("main table a[href*='/awards/']", "award-detail")


def _admin(walk: Walk, password: str) -> None:
    walk.sign_in(seed.PEOPLE[Role.ADMIN], password)
    walk.page.wait_for_url(re.compile(rf"/{walk.lang}/orgs/{seed.SLUG}/$"))
    walk.check("admin-start")
    walk.click("main .card a[href$='/members/']", "members")
    for page in ("invitations", "tokens", "keys", "domain", "audit"):
        walk.click(f"nav.section-nav a[href$='/{page}/']", page)
    walk.click("nav.org-nav a[href*='/strategy/']", "strategies")
    walk.click("main ul.strategies a", "strategy-canvas")
    for page in ("steep/", "readiness/", "recommendations/", "report/", "progress", "history"):
        walk.click(f"nav.strategy-nav a[href$='/{page}']", "strategy-" + page.strip("/"))


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_main_page_fits_and_passes_axe(
    browser: Browser, live_server: Any, demo: seed.Seeded, lang: str
) -> None:
    award = Award.objects.filter(state=Award.State.ACTIVE).order_by("pk").first()
    assert award is not None
    credential: dict[str, Any] = award.credential
    problems: list[str] = []
    seen = 0
    walks: tuple[tuple[str, Callable[[Walk], None]], ...] = (
        ("visitor", partial(_visitor, credential=credential)),
        ("learner", partial(_learner, password=demo.password)),
        ("designer", partial(_designer, password=demo.password)),
        ("officer", partial(_officer, password=demo.password)),
        ("admin", partial(_admin, password=demo.password)),
        ("reviewer", partial(_reviewer, password=demo.password)),
    )
    for who, walk_through in walks:
        context = _context(browser, lang)
        walk = Walk(context, live_server.url, lang, f"{lang}-{who}")
        try:
            walk_through(walk)
        finally:
            context.close()
        problems += [f"{who}: {problem}" for problem in walk.problems]
        seen += len(walk.seen)
    assert problems == []
    assert seen >= 47
