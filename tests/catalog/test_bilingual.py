"""A specification in Turkish and English: both languages reach the signed credential (as
VC 2.0 language value objects), which verifies, and the certificate prints both."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from microcred.catalog import services
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner, text_for, verify_credential
from microcred.vc.openbadges import validate_credential
from microcred.wallet.documents.certificate import render_certificate_pdf
from tests.catalog.helpers import create, url
from tests.issuing.helpers import fetch_documents

pytestmark = pytest.mark.django_db

BILINGUAL = {
    "title": "Öğretmenler için Veri Okuryazarlığı",
    "title_en": "Data Literacy for Teachers",
    "description": "Öğretmenler veriyi okumayı, sorgulamayı ve sunmayı öğrenir.",
    "description_en": "Teachers learn to read, question and present data.",
    "learning_outcomes": "İstatistik grafiklerini açıklar.\nKüçük bir veri setini temizler.",
    "learning_outcomes_en": "Explains statistical charts.\nCleans a small data set.",
}


@pytest.fixture(autouse=True)
def _kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    yield
    get_keystore.cache_clear()


@pytest.fixture
def published(designer_client: Client, organization: Organization) -> SpecificationVersion:
    version = create(designer_client, organization, **BILINGUAL)
    response = designer_client.post(url("publish", organization, version_id=version.public_id))
    assert response.status_code == 302
    version.refresh_from_db()
    return version


def test_the_editor_keeps_both_languages(
    designer_client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    el = services.elements_of(published)
    assert (el.title, el.text_language) == (BILINGUAL["title"], "tr")
    [english] = el.translations
    assert (english.language, english.title) == ("en", "Data Literacy for Teachers")
    assert english.learning_outcomes == ("Explains statistical charts.", "Cleans a small data set.")
    edit = designer_client.get(url("edit", organization, version_id=published.public_id))
    assert 'value="Data Literacy for Teachers"' in edit.content.decode()


def issue(version: SpecificationVersion) -> dict[str, Any]:
    request = AwardRequest(
        Learner("ayse@uni.example", "Ayşe Yılmaz", "pass", date(2026, 5, 15)),
        idempotency_key(version.public_id, "ayse@uni.example", "2026-05-15"),
    )
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer)
    credential: dict[str, Any] = issued.award.credential
    return credential


def test_a_credential_from_a_bilingual_specification_verifies(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    credential = issue(published)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == BILINGUAL["title"]
    assert {"@value": "Data Literacy for Teachers", "@language": "en"} in achievement[
        "https://schema.org/name"
    ]
    assert text_for(achievement, "description", "en") == BILINGUAL["description_en"]
    assert validate_credential(credential) == []
    award = Award.objects.get()
    report = verify_credential(
        credential, now=award.created, documents=fetch_documents(client, organization, award)
    )
    assert report.verified, [c.code for c in report.failures]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.mark.parametrize(
    ("lang", "first", "second"), [("tr", "title", "title_en"), ("en", "title_en", "title")]
)
def test_the_certificate_shows_both_languages(
    published: SpecificationVersion, tmp_path: Path, lang: str, first: str, second: str
) -> None:
    credential = issue(published)
    text = pdf_text(
        render_certificate_pdf(credential, verify_url="https://x.example/v", lang=lang), tmp_path
    )
    assert BILINGUAL[first] in text
    assert BILINGUAL[second] in text
    assert text.index(BILINGUAL[first]) < text.index(BILINGUAL[second])
    assert "Explains statistical charts." in text
    assert "İstatistik grafiklerini açıklar." in text
