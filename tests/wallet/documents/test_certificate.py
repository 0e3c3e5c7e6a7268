"""The PDF certificate: Turkish survives text extraction, the EU elements are printed, the
QR points at the verification page, and the renderer fetches nothing from the network."""

from __future__ import annotations

import base64
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from microcred.infra.pdf import OfflineFetcher
from microcred.wallet.documents.certificate import OWN_FILES, render_certificate_pdf

from .conftest import DESCRIPTION, LEARNER_NAME, turkish_credential

VERIFY_URL = "https://wallet.example.edu.tr/verification/c/q8Zt3xY-Kp1vN0aE"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """pdftotext's reading of the PDF, whitespace collapsed (line breaks are layout)."""
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture(scope="module")
def credential() -> dict[str, Any]:
    return turkish_credential()


@pytest.fixture(scope="module")
def turkish_pdf(credential: dict[str, Any]) -> bytes:
    return render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="tr")


def test_it_is_a_pdf_with_metadata(turkish_pdf: bytes) -> None:
    assert turkish_pdf.startswith(b"%PDF-")
    info = PdfReader(io.BytesIO(turkish_pdf)).metadata
    assert info is not None
    assert info.title == "Veri Okuryazarlığı / Data Literacy"
    assert info.author == "Ege Üniversitesi"


def test_turkish_letters_survive_extraction(turkish_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(turkish_pdf, tmp_path)
    assert LEARNER_NAME in text
    assert "Veri Okuryazarlığı / Data Literacy" in text
    assert "Ege Üniversitesi" in text
    assert DESCRIPTION in text
    for letter in "çğıİöşüÇĞÖŞÜ":
        assert letter in text, letter


def test_turkish_labels_and_dates(turkish_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(turkish_pdf, tmp_path)
    for label in ("Öğrenme çıktıları", "Değerlendirme türü", "Kalite güvencesi türü",
                  "Öğrenme etkinliğine katılım biçimi", "Alınan not"):  # fmt: skip
        assert label in text
    assert "Mikro-yeterlilik belgesi" in text  # the wallet's own catalogue
    assert "Düzenleyen: Ege Üniversitesi" in text
    assert "AYÇ 6. seviye" in text  # as every page says it
    assert "2,5 AKTS kredisi" in text
    assert "Haziran 2026" in text  # 1 June 2026, written the Turkish way
    assert "yüz yüze" in text  # participation: on-site
    assert "proje, sözlü sınav" in text  # assessment types


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_eu_elements_are_printed(credential: dict[str, Any], lang: str, tmp_path: Path) -> None:
    pdf = render_certificate_pdf(credential, verify_url=VERIFY_URL, lang=lang)
    text = pdf_text(pdf, tmp_path)
    for value in (
        "Reads statistical charts critically.",  # learning outcomes
        "Cleans a small data set.",
        "70",  # hours
        "YÖKAK",  # quality assurance body
        "Programme accredited under the THEQC institutional framework.",
        "analyse data",  # ESCO skills
        "present reports",
        "BA (Letter grade)",  # grade with its scheme
        "Basic spreadsheet skills.",  # prerequisites
        "Digital Education",  # stackable towards
        "Beispiel-Universität",  # co-awarding body
        "urn:uuid:6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b",  # credential id
    ):
        assert value in text, value
    assert ("2,5" if lang == "tr" else "2.5") in text  # ECTS, in the language's decimals


def test_english_labels(credential: dict[str, Any], tmp_path: Path) -> None:
    text = pdf_text(render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="en"), tmp_path)
    for label in ("Learning outcomes", "Type of assessment", "Type of quality assurance",
                  "Form of participation in the learning activity", "June 1, 2026",
                  "on-site", "EQF level 6"):  # fmt: skip
        assert label in text


def test_verify_url_is_printed(turkish_pdf: bytes, tmp_path: Path) -> None:
    assert VERIFY_URL in pdf_text(turkish_pdf, tmp_path)


def test_qr_in_the_pdf_encodes_the_verify_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page WeasyPrint draws embeds qr_svg(verify_url), whose modules test_qr checks."""
    from microcred.infra import pdf
    from microcred.wallet.documents import certificate

    pages: list[str] = []
    real_html = pdf.HTML  # type: ignore[attr-defined]  # WeasyPrint's, patched to listen

    def capture(*, string: str, **options: Any) -> Any:
        pages.append(string)
        return real_html(string=string, **options)

    monkeypatch.setattr(pdf, "HTML", capture)
    render_certificate_pdf(turkish_credential(), verify_url=VERIFY_URL, lang="en")
    svg = certificate.qr_svg(VERIFY_URL, title="Verify this credential")
    data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    assert pages  # one rendering per fitting step tried; the last one is kept
    assert all(f'src="{data_uri}"' in page for page in pages)


def test_name_is_printed_only_when_disclosed(tmp_path: Path) -> None:
    credential = turkish_credential()
    credential["credentialSubject"]["identifier"] = [
        i for i in credential["credentialSubject"]["identifier"] if i["identityType"] != "name"
    ]
    text = pdf_text(render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="tr"), tmp_path)
    assert LEARNER_NAME not in text
    assert "ayse@example.org" not in text  # the hashed e-mail is never printed


def test_status_note_is_printed(credential: dict[str, Any], tmp_path: Path) -> None:
    note = "İptal edildi, 3 Mayıs 2026: sınav kuralı ihlali"
    pdf = render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="tr", status_note=note)
    assert note in pdf_text(pdf, tmp_path)


def test_foreign_credential_without_elements_still_prints(tmp_path: Path) -> None:
    foreign = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "https://other.example/c/1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:other.example", "name": "Başka Akademi"},
        "validFrom": "2025-03-04T10:00:00Z",
        "credentialSubject": {
            "achievement": {"name": "Şiir Atölyesi", "criteria": {"narrative": "Üç şiir yazdı."},
                            "creditsAvailable": 1.5}
        },
    }  # fmt: skip
    text = pdf_text(render_certificate_pdf(foreign, verify_url=VERIFY_URL, lang="en"), tmp_path)
    for value in ("Şiir Atölyesi", "Başka Akademi", "Üç şiir yazdı.", "1.5 ECTS", "March 4, 2025"):
        assert value in text, value


def test_remote_images_in_a_credential_are_not_fetched(tmp_path: Path) -> None:
    credential = turkish_credential()
    credential["credentialSubject"]["achievement"]["image"] = {
        "id": "http://127.0.0.1:9/track.png",
        "type": "Image",
    }
    pdf = render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="en")
    assert b"127.0.0.1" not in pdf


def test_embedded_image_is_drawn() -> None:
    from microcred.wallet.documents.qr import qr_png

    credential = turkish_credential()
    png = base64.b64encode(qr_png("badge", scale=2)).decode("ascii")
    credential["credentialSubject"]["achievement"]["image"] = {
        "id": f"data:image/png;base64,{png}",
        "type": "Image",
    }
    pdf = render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="en")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1


def test_the_issuers_logo_is_drawn_and_nothing_else_is_taken_for_one() -> None:
    from microcred.wallet.documents.qr import qr_png

    png = base64.b64encode(qr_png("logo", scale=2)).decode("ascii")
    plain = render_certificate_pdf(turkish_credential(), verify_url=VERIFY_URL, lang="en")
    before = len(PdfReader(io.BytesIO(plain)).pages[0].images)
    logo = f"data:image/png;base64,{png}"
    with_logo = render_certificate_pdf(
        turkish_credential(), verify_url=VERIFY_URL, lang="en", issuer_logo=logo
    )
    assert len(PdfReader(io.BytesIO(with_logo)).pages[0].images) == before + 1
    remote = render_certificate_pdf(
        turkish_credential(), verify_url=VERIFY_URL, lang="en", issuer_logo="http://127.0.0.1:9/l"
    )
    assert b"127.0.0.1" not in remote


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "file:///etc/passwd",
        (OWN_FILES / ".." / ".." / ".." / "documents" / "qr.py").resolve().as_uri(),
        (OWN_FILES / "missing.css").as_uri(),
        "file://remote-host" + str(OWN_FILES / "certificate.css"),
    ],
)
def test_fetcher_refuses_everything_but_data_and_own_files(url: str) -> None:
    with pytest.raises((PermissionError, ValueError)):
        OfflineFetcher(OWN_FILES).fetch(url)


def test_fetcher_allows_data_uris_and_own_files() -> None:
    encoded = base64.b64encode("şı".encode()).decode("ascii")
    response = OfflineFetcher(OWN_FILES).fetch(f"data:text/plain;base64,{encoded}")
    assert response.read() == "şı".encode()
    response.close()
    own = OfflineFetcher(OWN_FILES).fetch((OWN_FILES / "certificate.css").as_uri())
    assert b"DejaVu Sans" in own.read()
    own.close()


def test_unknown_language_is_refused(credential: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="lang"):
        render_certificate_pdf(credential, verify_url=VERIFY_URL, lang="de")
