"""The LinkedIn link carries every field, UTF-8 percent-encoded, and nothing else."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from microcred.wallet.documents.linkedin import linkedin_url

CREDENTIAL_URL = "https://wallet.example.edu.tr/s/q8Zt3xY?lang=tr&x=1"


def fields(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


def test_every_field_round_trips_with_turkish_letters() -> None:
    url = linkedin_url(
        name="Veri Okuryazarlığı & İstatistik: çğıİöşü",
        organization="Ege Üniversitesi + Ortakları",
        issued=date(2026, 6, 1),
        credential_url=CREDENTIAL_URL,
        credential_id="urn:uuid:6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert fields(url) == [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", "Veri Okuryazarlığı & İstatistik: çğıİöşü"),
        ("organizationName", "Ege Üniversitesi + Ortakları"),
        ("issueYear", "2026"),
        ("issueMonth", "6"),
        ("certUrl", CREDENTIAL_URL),
        ("certId", "urn:uuid:6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b"),
    ]


def test_encoding_is_ascii_utf8_percent_with_no_plus_for_spaces() -> None:
    url = linkedin_url(
        name="Öğrenme İçin",
        organization="Ege",
        issued=date(2026, 1, 31),
        credential_url=CREDENTIAL_URL,
        credential_id="id 1",
    )
    assert url.isascii()
    assert "name=%C3%96%C4%9Frenme%20%C4%B0%C3%A7in" in url
    assert "+" not in url
    assert "certUrl=https%3A%2F%2Fwallet.example.edu.tr%2Fs%2Fq8Zt3xY%3Flang%3Dtr%26x%3D1" in url


def test_expiry_adds_year_and_month() -> None:
    url = linkedin_url(
        name="Data Literacy",
        organization="Ege University",
        issued=date(2026, 6, 1),
        expires=date(2031, 11, 30),
        credential_url=CREDENTIAL_URL,
        credential_id="c1",
    )
    got = dict(fields(url))
    assert (got["expirationYear"], got["expirationMonth"]) == ("2031", "11")


def test_without_expiry_there_are_no_expiration_fields() -> None:
    url = linkedin_url(
        name="Data Literacy",
        organization="Ege University",
        issued=date(2026, 6, 1),
        credential_url=CREDENTIAL_URL,
        credential_id="c1",
    )
    assert not any(key.startswith("expiration") for key, _ in fields(url))


@pytest.mark.parametrize(
    ("name", "organization", "expires", "message"),
    [
        (" ", "Ege", None, "name and an organisation"),
        ("Data", "", None, "name and an organisation"),
        ("Data", "Ege", date(2026, 5, 31), "expire before"),
    ],
)
def test_bad_input_is_refused(
    name: str, organization: str, expires: date | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        linkedin_url(
            name=name,
            organization=organization,
            issued=date(2026, 6, 1),
            expires=expires,
            credential_url=CREDENTIAL_URL,
            credential_id="c1",
        )
