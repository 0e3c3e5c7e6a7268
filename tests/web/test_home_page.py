"""The home page, the language choice and the headers every page carries."""

from __future__ import annotations

import re

import pytest
from django.test import Client


def test_home_page_in_english(client: Client) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Micro-credentials you can trust" in body
    assert "Open Badges 3.0" in body
    assert "Verification works offline" in body


def test_home_page_in_turkish(client: Client) -> None:
    response = client.get("/tr/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="tr">' in body
    assert "Güvenebileceğiniz mikro-yeterlilikler" in body
    assert "Doğrulama çevrimdışı da çalışır" in body
    assert "Micro-credentials you can trust" not in body
    assert "mikro-kredi" not in body.lower()


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [
        ("tr-TR,tr;q=0.9,en;q=0.5", "/tr/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("", "/en/"),
        ("de-DE", "/en/"),
    ],
)
def test_unprefixed_url_follows_the_browser_language(
    client: Client, accept: str, prefix: str
) -> None:
    response = client.get("/verify/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}verify/"


def test_language_switcher_keeps_the_page_and_remembers_the_choice(client: Client) -> None:
    page = client.get("/en/verify/").content.decode()
    assert re.search(r'<button type="submit" name="language" value="tr" lang="tr"', page)
    response = client.post("/i18n/setlang/", {"language": "tr", "next": "/en/verify/"})
    assert response.status_code == 302
    assert response["Location"] == "/tr/verify/"
    assert response.cookies["django_language"].value == "tr"
    assert client.get("/").headers["Location"] == "/tr/"


def test_security_headers(client: Client) -> None:
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp  # only our own files (htmx): no inline, no eval
    assert "unsafe" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_missing_page_is_a_translated_404(client: Client) -> None:
    response = client.get("/tr/no-such-page/")
    assert response.status_code == 404
    assert "Sayfa bulunamadı" in response.content.decode()


@pytest.mark.django_db
def test_pages_link_the_stylesheet(client: Client) -> None:
    body = client.get("/en/").content.decode()
    assert '<link rel="stylesheet" href="/static/web/site.css">' in body
    css = client.get("/static/web/site.css")
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    assert b".verdict" in css.getvalue()
    css.close()
