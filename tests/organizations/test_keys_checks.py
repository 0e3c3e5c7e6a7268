"""Start-up checks: no production start without a usable key-encryption key."""

from __future__ import annotations

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pytest_django.fixtures import Settings

from microcred.keystore import generate_kek_text
from microcred.organizations.checks import (
    E_DID_HOST,
    E_KEK_MALFORMED,
    E_KEK_MISSING,
    E_KEYSTORE,
    check_did_web_host,
    check_keystore,
)


def ids(messages: list[checks.CheckMessage]) -> list[str | None]:
    return [m.id for m in messages]


@pytest.fixture
def no_kek(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MICROCRED_KEK", raising=False)


@pytest.mark.usefixtures("no_kek")
def test_production_without_kek_refuses_to_start(settings: Settings) -> None:
    settings.DEBUG = False
    [error] = check_keystore(None)
    assert error.id == E_KEK_MISSING
    assert error.is_serious()
    assert "MICROCRED_KEK" in error.msg
    assert error.hint
    assert "base64url" in error.hint
    with pytest.raises(SystemCheckError, match=E_KEK_MISSING):
        call_command("check")


@pytest.mark.usefixtures("no_kek")
def test_development_without_kek_is_fine(settings: Settings) -> None:
    settings.DEBUG = True
    assert check_keystore(None) == []
    assert E_KEK_MISSING not in ids(checks.run_checks())


def test_production_with_kek_passes(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.DEBUG = False
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    assert check_keystore(None) == []


@pytest.mark.parametrize("debug", [False, True])
def test_malformed_kek_is_an_error_even_in_development(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    settings.DEBUG = debug
    monkeypatch.setenv("MICROCRED_KEK", "c2hvcnQ")
    [error] = check_keystore(None)
    assert error.id == E_KEK_MALFORMED
    assert "c2hvcnQ" not in error.msg


@pytest.mark.parametrize(
    "path",
    ["microcred.keystore.NoSuchStore", "microcred.organizations.keys.did_for"],
)
def test_a_keystore_setting_that_is_not_a_store(settings: Settings, path: str) -> None:
    settings.MICROCRED_KEYSTORE = path
    assert ids(check_keystore(None)) == [E_KEYSTORE]


def test_other_stores_need_no_kek(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MICROCRED_KEK", raising=False)
    settings.DEBUG = False
    settings.MICROCRED_KEYSTORE = "tests.organizations.test_keys_checks.KmsLikeStore"
    assert check_keystore(None) == []


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("credentials.example.edu", True),
        ("microcred.localhost%3A8000", True),
        ("localhost%3A8000", False),
        ("127.0.0.1", False),
    ],
)
def test_did_web_host_is_checked(settings: Settings, host: str, ok: bool) -> None:
    settings.MICROCRED_DID_WEB_HOST = host
    assert ids(check_did_web_host(None)) == ([] if ok else [E_DID_HOST])


class KmsLikeStore:
    """Structurally a KeyStore (what the check looks for), keeping keys elsewhere."""

    def create(self, org: object) -> None: ...
    def public_key(self, ref: object) -> None: ...
    def sign(self, ref: object, data: bytes) -> None: ...
    def signer(self, ref: object) -> None: ...
