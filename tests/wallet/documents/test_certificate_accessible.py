"""The certificate is a tagged PDF/UA-1 document and always one page, whatever its length."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from microcred.vc.elements import EscoSkill, elements_to_credential
from microcred.wallet.documents.certificate import render_certificate_pdf
from tests.pdf_ua import assert_pdf_ua, read

from ...vc.elements.conftest import full_elements
from .conftest import turkish_credential

VERIFY_URL = "https://wallet.example.edu.tr/verification/c/q8Zt3xY-Kp1vN0aE"
ESCO = "http://data.europa.eu/esco/skill/"
LONG_TITLE = (
    "Yapay Zekâ Destekli Öğrenme Analitiği ve Veri Okuryazarlığı için İleri Düzey Uygulamalı "
    "Mikro Yeterlilik Programı / Advanced Applied Micro-credential in AI-supported Learning "
    "Analytics and Data Literacy"
)


def crowded_credential() -> dict[str, Any]:
    """30 outcomes, 20 skills, a three-line title and a long description."""
    elements = full_elements().model_copy(
        update={
            "title": LONG_TITLE,
            "learning_outcomes": tuple(
                f"{n}. çıktı: öğrenci ölçme verilerini eleştirel biçimde değerlendirir, "
                "sonuçlarını paydaşlara açık bir dille raporlar."
                for n in range(1, 31)
            ),
            "esco_skills": tuple(
                EscoSkill(uri=f"{ESCO}00000000-0000-4000-8000-{n:012d}", label=f"beceri {n}")
                for n in range(1, 21)
            ),
        }
    )
    return elements_to_credential(
        elements,
        credential_id="urn:uuid:6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b",
        achievement_id="https://mc.example.edu.tr/achievements/uzun",
        description="Bu mikro yeterlilik öğrenme analitiğini uygulamalı olarak öğretir. " * 30,
    ).to_jsonld()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_certificate_is_tagged_pdf_ua(lang: str) -> None:
    pdf = render_certificate_pdf(turkish_credential(), verify_url=VERIFY_URL, lang=lang)
    found = assert_pdf_ua(pdf, language=lang, title="Veri Okuryazarlığı / Data Literacy")
    assert found.headings == [1, 2]
    assert found.pages == 1


def test_the_logo_and_the_qr_code_have_alt_text() -> None:
    logo = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="
    pdf = render_certificate_pdf(
        turkish_credential(), verify_url=VERIFY_URL, lang="tr", issuer_logo=logo
    )
    assert read(pdf).figures == ["Ege Üniversitesi logosu", "Doğrulama sayfasını açan QR kodu"]


@pytest.mark.parametrize(
    ("lang", "more", "note"),
    [
        ("tr", "ve 27 tane daha", "Tek sayfaya sığması için kısaltıldı"),
        ("en", "and 27 more", "Shortened to fit one page"),
    ],
)
def test_thirty_outcomes_and_twenty_skills_fit_on_one_page(
    lang: str, more: str, note: str, tmp_path: Path
) -> None:
    pdf = render_certificate_pdf(crowded_credential(), verify_url=VERIFY_URL, lang=lang)
    found = assert_pdf_ua(pdf, language=lang, title=read(pdf).title or "")
    assert found.pages == 1
    assert (found.title or "").endswith("…")  # the title was shortened too, and says so
    text = pdf_text(pdf, tmp_path)
    assert more in text  # outcomes left out are counted
    assert note in text  # and the reader is sent to the online record
    assert "1. çıktı" in text
    assert "30. çıktı" not in text
    assert VERIFY_URL in text


def test_a_certificate_that_fits_is_not_shortened(tmp_path: Path) -> None:
    pdf = render_certificate_pdf(turkish_credential(), verify_url=VERIFY_URL, lang="en")
    text = pdf_text(pdf, tmp_path)
    assert "Shortened to fit one page" not in text
    assert "more" not in text.replace("more information", "")
