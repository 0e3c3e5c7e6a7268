"""Plain-words answers for our own credentials: valid, revoked with reason, suspended; 429s;
the Turkish catalogue complete."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, translation

from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction
from microcred.vc.elements import AssessmentType, ParticipationForm, label
from microcred.verification.services import verify_document
from microcred.verification.wording import answer_for

from ..conftest import Recognise
from .conftest import change

pytestmark = pytest.mark.django_db
LOCALE = Path(__file__).resolve().parents[2] / "src/microcred/verification/locale"


def headline(client: Client, credential: Any, lang: str = "en") -> str:
    response = client.post(f"/{lang}/verify/", {"text": json.dumps(credential)})
    assert response.status_code == 200
    found = re.search(r'<h2 id="verdict">(.*?)</h2>', unescape(response.content.decode()), re.S)
    assert found is not None
    return found.group(1).strip()


def day(award: Award, lang: str = "en") -> str:
    with translation.override(lang):
        moment = award.state_changed or award.created
        return str(formats.date_format(moment, "DATE_FORMAT"))


def test_valid_own_credential_names_issuer_date_and_holder(
    client: Client, award: Award, recognise: Recognise
) -> None:
    recognise(award.organization)
    assert headline(client, award.credential) == (
        f"Valid — issued by Anadolu Üniversitesi on {day(award)} to Ayşe Yılmaz."
    )


def test_unrecognised_issuer_is_not_named_as_established(client: Client, award: Award) -> None:
    assert headline(client, award.credential) == (
        "The signature is valid, but no quality-assurance body that this service follows "
        "recognises the issuer."
    )


def test_revoked_shows_date_and_reason_from_the_issuer(
    client: Client, award: Award, recognise: Recognise
) -> None:
    recognise(award.organization)
    assert headline(client, award.credential).startswith("Valid")
    change(award, StatusAction.REVOKE, "Plagiarism in the final project")
    award.refresh_from_db()
    assert headline(client, award.credential) == (
        f"Revoked on {day(award)}: Plagiarism in the final project"
    )
    assert headline(client, award.credential, "tr") == (
        f"{day(award, 'tr')} tarihinde iptal edildi: Plagiarism in the final project"
    )


def test_suspended_shows_since_and_reason(client: Client, award: Award) -> None:
    change(award, StatusAction.SUSPEND, "Under review")
    award.refresh_from_db()
    assert headline(client, award.credential) == f"Suspended since {day(award)}: Under review"


def test_tampered_own_credential(award: Award) -> None:
    forged = {**award.credential, "name": "Doctorate"}
    answer = answer_for(verify_document(forged), lang="en")
    assert answer.verdict == "invalid"
    assert answer.headline == "Not valid: the content was changed after signing."


def test_what_the_credential_says(client: Client, award: Award) -> None:
    response = client.post("/en/verify/", {"text": json.dumps(award.credential)})
    text = unescape(response.content.decode())
    for expected in (
        "Reads statistical charts critically.",
        "2.5 ECTS credits",
        "EQF level 6, TQF level 6",
        label(AssessmentType.PROJECT) + ", " + label(AssessmentType.ORAL_EXAM),
        label(ParticipationForm.ON_SITE),
        "analyse data, present reports",
        "YÖKAK",
        "<dd>AA</dd>",
    ):
        assert expected in text, expected


def test_page_rate_limit_answers_429(client: Client, award: Award, settings: Any) -> None:
    settings.MICROCRED_VERIFY_RATE = "2/minute"
    for _ in range(2):
        assert client.post("/en/verify/", {"text": "{}"}).status_code == 200
    response = client.post("/en/verify/", {"text": "{}"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many verifications" in response.content.decode()


def test_api_rate_limit_answers_429(client: Client, settings: Any) -> None:
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    body = json.dumps({"verifiableCredential": {}})
    assert client.post("/api/verify", body, content_type="application/json").status_code == 200
    response = client.post("/credentials/verify", body, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "api.rate_limited"


def test_own_share_link_redirects_to_its_path(client: Client) -> None:
    response = client.post("/en/verify/", {"url": "http://localhost:8000/en/wallet/s/abc?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/en/wallet/s/abc?x=1"


def test_foreign_link_is_fetched_safely(client: Client, award: Award) -> None:
    response = client.post("/en/verify/", {"url": "http://evil.example/c.json"})
    assert response.status_code == 400
    assert "fetch_scheme_refused" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_catalogue_is_complete(lang: str) -> None:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text("utf-8")
    entries = re.findall(r'msgid "(.*?)"\nmsgstr "(.*?)"\n', text)
    assert len(entries) > 50
    assert [m for m, s in entries if m and not s] == []
