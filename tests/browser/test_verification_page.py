"""The public verify page in a real browser (issue 4, "Public verification").

An anonymous visitor uploads a credential this platform issued and reads the answer first,
then the credential's claims, then every check; pastes a forged copy; checks it again after
the issuer revoked it; reads the answer in Turkish. The QR control is checked where it
matters most: a browser without camera scanning must point to the QR code's address.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page

from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.verification.services import clear_caches, verify_document

from ..conftest import Recognise
from ..vc.elements.conftest import full_elements

pytestmark = pytest.mark.django_db(transaction=True)
REASON = "Exam result annulled after review"
SUBMIT = "#verify-form button[type=submit]"


@pytest.fixture(autouse=True)
def _platform(monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    settings.MICROCRED_VERIFY_RATE = "off"
    yield
    get_keystore.cache_clear()
    clear_caches()


@pytest.fixture
def award(organization: Organization, recognise: Recognise) -> Award:
    """One credential of this platform (a recognised provider's), with its revocation and
    suspension entries."""
    recognise(organization)
    version = catalog.publish(
        catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    )
    learner = Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 5, 15))
    request = AwardRequest(learner, idempotency_key(version.public_id, learner.email))
    with signer_for(organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, include_name=True)
    return issued.award


@pytest.fixture
def console(page: Page) -> list[str]:
    """Every console error and uncaught exception of the page, as text.

    One is left out: the browser's own request for /favicon.ico, which the site does not
    serve yet (a 404 the page never asked for; reported to the web app's owner).
    """
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        problems.append(f"console: {message.text} at {message.location.get('url')}")

    def on_error(error: Error) -> None:
        problems.append(f"page error: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    return problems


def write(tmp_path: Path, name: str, credential: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(credential, ensure_ascii=False, indent=2), "utf-8")
    return path


def verdict(page: Page) -> str:
    return page.inner_text("#verdict").strip()


def upload(page: Page, path: Path) -> None:
    page.set_input_files("#verify-form input[type=file]", str(path))
    page.click(SUBMIT)
    page.wait_for_selector("#verdict")


def test_visitor_uploads_pastes_and_sees_revocation_in_two_languages(
    live_server: Any,
    page: Page,
    award: Award,
    tmp_path: Path,
    screenshot: Any,
    console: list[str],
) -> None:
    credential = award.credential
    title = credential["credentialSubject"]["achievement"]["name"]
    expected = verify_document(credential)
    assert expected.verified, expected.failures

    # No account: the visitor goes straight to the page and uploads the file.
    page.goto(f"{live_server.url}/en/verify/")
    upload(page, write(tmp_path, "credential.json", credential))
    headline = verdict(page)
    assert headline.startswith("Valid — issued by Anadolu Üniversitesi on "), headline
    assert headline.endswith(" to Ayşe Yılmaz."), headline
    main = page.inner_text("main")
    # The answer first, then what the credential says, then every check.
    assert main.index(headline) < main.index("What the credential says") < main.index(title)
    assert main.index(title) < main.index("Every check")
    claims = page.inner_text("dl.claims")
    for label in ("Title", "Issuer", "Awarded to", "Learning outcomes", "Workload", "Level"):
        assert label in claims, label
    rows = page.locator("table.checks tbody tr")
    assert rows.count() == len(expected.checks)
    codes = [rows.nth(i).locator("code").inner_text() for i in range(rows.count())]
    assert codes == [check.code for check in expected.checks]
    assert page.locator("table.checks tbody tr.status-failed").count() == 0
    screenshot(page, "valid")

    # A forged copy, pasted: the signature no longer covers what it says.
    forged = copy.deepcopy(credential)
    forged["credentialSubject"]["achievement"]["name"] = "Doctorate in Everything"
    page.fill("#verify-form textarea", json.dumps(forged))
    page.click(SUBMIT)
    page.wait_for_selector("#verdict")
    assert verdict(page) == "Not valid: the content was changed after signing."
    assert "do not rely on them" in page.inner_text("main")
    assert page.locator("table.checks tbody tr.status-failed").count() >= 1
    screenshot(page, "tampered")

    # The issuer revokes; the same file now answers with the date and the stated reason.
    with signer_for(award.organization) as signer:
        change_status([award], StatusAction.REVOKE, reason=REASON, by=None, signer=signer)
    upload(page, write(tmp_path, "credential.json", credential))
    headline = verdict(page)
    assert headline.startswith("Revoked on "), headline
    assert headline.endswith(f": {REASON}"), headline
    assert str(date.today().year) in headline
    screenshot(page, "revoked")

    # In Turkish, through the language switch in the page header.
    page.click("form.language button[value=tr]")
    page.wait_for_url(f"{live_server.url}/tr/verify/")
    assert page.locator("html").get_attribute("lang") == "tr"
    upload(page, write(tmp_path, "credential.json", credential))
    assert verdict(page).endswith(f"tarihinde iptal edildi: {REASON}")
    assert "Belgede yazanlar" in page.inner_text("main")
    screenshot(page, "revoked-tr")
    assert console == []


def test_valid_answer_in_turkish(
    live_server: Any,
    page: Page,
    award: Award,
    tmp_path: Path,
    screenshot: Any,
    console: list[str],
) -> None:
    page.goto(f"{live_server.url}/tr/verify/")
    upload(page, write(tmp_path, "belge.json", award.credential))
    headline = verdict(page)
    assert headline.startswith("Geçerli — Anadolu Üniversitesi tarafından "), headline
    assert headline.endswith(" Ayşe Yılmaz adına düzenlendi."), headline
    assert page.locator("table.checks tbody tr.status-failed").count() == 0
    screenshot(page, "valid-tr")
    assert console == []


def test_without_camera_scanning_the_page_says_to_open_the_qr_address(
    live_server: Any, page: Page, screenshot: Any, console: list[str]
) -> None:
    page.goto(f"{live_server.url}/en/verify/")
    page.wait_for_load_state("load")
    # Headless Chromium on Linux has no BarcodeDetector: the script must fall back.
    assert page.evaluate("'BarcodeDetector' in window") is False
    fallback = page.locator("#qr-fallback")
    assert fallback.is_visible()
    assert "open the address it holds" in fallback.inner_text()
    assert page.locator("#qr-start").is_hidden()
    assert page.locator("#id_url").is_visible()
    screenshot(page, "qr-fallback")
    assert console == []


def test_scanner_without_a_camera_says_to_type_the_address(
    live_server: Any, page: Page, screenshot: Any, console: list[str]
) -> None:
    """A browser that could decode QR codes but has no camera (access refused)."""
    page.add_init_script(
        """
        window.BarcodeDetector = class { detect() { return Promise.resolve([]); } };
        if (!navigator.mediaDevices) {
          Object.defineProperty(navigator, "mediaDevices", { value: {} });
        }
        navigator.mediaDevices.getUserMedia = () =>
          Promise.reject(new DOMException("Requested device not found", "NotFoundError"));
        """
    )
    page.goto(f"{live_server.url}/en/verify/")
    page.click("#qr-start")
    status = page.locator("#qr-status")
    status.wait_for(state="visible")
    page.wait_for_function("document.getElementById('qr-status').textContent.length > 0")
    assert "The camera is not available" in status.inner_text()
    assert page.locator("#qr-fallback").is_hidden()
    assert page.locator("#qr-video").is_hidden()
    screenshot(page, "qr-no-camera")
    assert console == []
