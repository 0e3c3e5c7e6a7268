"""The organisation settings page (admins only) and the logo it serves: PNG and JPEG
re-encoded, SVG kept only without scripts or links, everything size-capped."""

from __future__ import annotations

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from microcred.accounts.models import User
from microcred.organizations.errors import LogoError
from microcred.organizations.logos import MAX_BYTES, check_logo
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.accounts.helpers import fast_passwords, static_sources
from tests.conftest import PASSWORD, MakeMember

__all__ = ["fast_passwords", "static_sources"]
pytestmark = pytest.mark.django_db
CLEAN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="url(#g)"/></svg>'
)


def png(size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format="PNG")
    return out.getvalue()


def settings_url(org: Organization, lang: str = "en") -> str:
    return f"/{lang}/orgs/{org.slug}/settings/"


def signed_in(client: Client, user: User) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


def form(**changes: object) -> dict[str, object]:
    return {
        "name": "Anadolu Üniversitesi",
        "website": "https://anadolu.example",
        "contact_email": "Mikro@Anadolu.example",
        "default_language": "tr",
        **changes,
    }


def test_an_admin_sets_name_contact_language_and_logo(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    signed_in(client, make_member(organization, Role.ADMIN))
    assert "Organisation settings" in unescape(
        client.get(settings_url(organization)).content.decode()
    )
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(settings_url(organization), form(logo=logo))
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.contact_email == "mikro@anadolu.example"
    assert organization.default_language == "tr"
    assert organization.logo_type == "image/png"
    assert organization.logo_version == 1
    served = client.get(f"/orgs/{organization.slug}/logo")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]
    assert served["X-Content-Type-Options"] == "nosniff"
    Image.open(io.BytesIO(served.content)).verify()
    client.post(settings_url(organization), form(remove_logo="on"))
    assert client.get(f"/orgs/{organization.slug}/logo").status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "scripts"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "scripts"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="https://evil.example/a.png"/></svg>',
            "links",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>',
            "links",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "document type",
        ),
        (b"GIF89a not allowed", "PNG, JPEG or SVG"),
        (b"\x89PNG\r\n\x1a\nbroken", "could not be read"),
        (b"<svg" + b" " * MAX_BYTES + b"/>", "larger than"),
    ],
)
def test_unsafe_or_unknown_logos_are_refused_and_nothing_is_saved(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    body: bytes,
    message: str,
) -> None:
    with pytest.raises(LogoError, match=message):
        check_logo(body)
    signed_in(client, make_member(organization, Role.ADMIN))
    upload = SimpleUploadedFile("logo.svg", body, content_type="image/svg+xml")
    response = client.post(settings_url(organization), form(name="Renamed", logo=upload))
    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.name != "Renamed"
    assert not organization.logo_type


def test_a_plain_svg_is_kept_as_it_is() -> None:
    assert check_logo(CLEAN_SVG).data == CLEAN_SVG
    big = check_logo(png((3000, 1500)))
    assert Image.open(io.BytesIO(big.data)).size == (1024, 512)


def test_turkish_page_and_bad_input(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    signed_in(client, make_member(organization, Role.ADMIN))
    text = unescape(client.get(settings_url(organization, "tr")).content.decode())
    assert "Kurum ayarları" in text
    assert "Ayarları kaydet" in text
    bad = client.post(settings_url(organization), form(contact_email="nope", name=" "))
    assert bad.status_code == 400
    organization.refresh_from_db()
    assert organization.contact_email == ""


@pytest.mark.parametrize("role", [Role.ISSUER, Role.DESIGNER, Role.QA_REVIEWER])
def test_only_admins_may_change_settings(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    role: Role,
) -> None:
    assert client.get(settings_url(organization)).status_code == 302
    signed_in(client, make_member(organization, role))
    assert client.get(settings_url(organization)).status_code == 403
    assert client.post(settings_url(organization), form(name="Taken over")).status_code == 403
    signed_in(client, make_member(other_organization, Role.ADMIN))
    assert client.post(settings_url(organization), form(name="Taken over")).status_code == 404
    organization.refresh_from_db()
    assert organization.name != "Taken over"
