"""Shared fixtures and URLs for the signing-key tests (no tests here).

Used with ``pytestmark = pytest.mark.usefixtures(...)`` after importing the fixtures, and
``pytest.mark.urls(URLCONF)``: the site's URLs plus the key pages, so the tests do not
depend on where ``organizations/urls.py`` includes them.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path
from pytest_django.fixtures import Settings

from microcred.keystore import generate_kek_text, get_keystore
from microcred.vc.keys import Ed25519KeyPair
from microcred.web.urls import urlpatterns as site_patterns

URLCONF = "tests.organizations.keys_support"

urlpatterns: list[URLPattern | URLResolver] = [
    *site_patterns,
    *i18n_patterns(
        path("orgs/", include("microcred.organizations.key_urls")),
        prefix_default_language=True,
    ),
]


@pytest.fixture
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh KEK in the environment, as production would have it."""
    text = generate_kek_text()
    monkeypatch.setenv("MICROCRED_KEK", text)
    get_keystore.cache_clear()
    yield text
    get_keystore.cache_clear()


@pytest.fixture
def plain_static(settings: Settings) -> None:
    """Pages render without a collectstatic run (hashed names need its manifest)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def spellings(secret: bytes) -> list[bytes]:
    """The ways a key could leak: raw, hex, base64, base64url (padded or not)."""
    b64 = base64.b64encode(secret)
    b64url = base64.urlsafe_b64encode(secret)
    return [secret, secret.hex().encode(), b64, b64url, b64url.rstrip(b"="), b64.rstrip(b"=")]


def seed_of(pair: Ed25519KeyPair) -> bytes:
    """The 32-byte seed of an unsealed key (from its private JWK)."""
    d = pair.private_jwk()["d"]
    return base64.urlsafe_b64decode(d + "=" * (-len(d) % 4))


def leaks(haystack: bytes, secret: bytes) -> bool:
    return any(form in haystack for form in spellings(secret))
