"""The privacy notice (KVKK aydınlatma metni) and the terms of use: in both languages,
linked from every page's footer and from sign-up, with the operator's contact."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "rights"),
    [("en", "Privacy notice", "KVKK article 11"), ("tr", "Aydınlatma metni", "KVKK madde 11")],
)
def test_the_privacy_notice_in_both_languages(
    client: Client, lang: str, title: str, rights: str
) -> None:
    text = client.get(f"/{lang}/accounts/privacy/").content.decode()
    assert title in text
    assert rights in text
    assert "365" in text  # the retention periods come from the settings
    assert "data-contact" in text


def test_the_operator_sets_the_contact(client: Client, settings: Settings) -> None:
    settings.MICROCRED_PRIVACY_CONTACT = "kvkk@uni.example"
    assert "kvkk@uni.example" in client.get("/en/accounts/privacy/").content.decode()
    assert "kvkk@uni.example" in client.get("/tr/accounts/terms/").content.decode()


def test_the_footer_and_sign_up_link_both(client: Client) -> None:
    for path in ("/en/", "/en/verify/", "/en/accounts/sign-up/"):
        text = client.get(path).content.decode()
        assert 'href="/en/accounts/privacy/"' in text, path
        assert 'href="/en/accounts/terms/"' in text, path
    assert "Kullanım koşulları" in client.get("/tr/accounts/terms/").content.decode()
