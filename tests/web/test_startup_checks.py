"""The start-up check: no production start without the operator's secret key."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pytest_django.fixtures import Settings

from microcred.keystore import generate_kek_text
from microcred.web.checks import (
    E001,
    E002,
    check_email_backend,
    check_secret_key,
    refuse_to_start_if_misconfigured,
)
from microcred.web.env import KeySource

ROOT = Path(__file__).resolve().parents[2]


def test_production_without_key_fails_the_check(settings: Settings) -> None:
    settings.DEBUG = False
    settings.MICROCRED_SECRET_KEY_SOURCE = KeySource.EPHEMERAL
    [error] = check_secret_key(None)
    assert error.id == E001
    assert error.is_serious()
    assert "MICROCRED_SECRET_KEY" in error.msg
    with pytest.raises(SystemCheckError, match="MICROCRED_SECRET_KEY is not set"):
        call_command("check")


def test_wsgi_entry_point_refuses_to_start(settings: Settings) -> None:
    settings.DEBUG = False
    settings.MICROCRED_SECRET_KEY_SOURCE = KeySource.EPHEMERAL
    with pytest.raises(ImproperlyConfigured, match=E001):
        refuse_to_start_if_misconfigured()


def test_production_with_key_passes(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    settings.DEBUG = False
    settings.MICROCRED_SECRET_KEY_SOURCE = KeySource.ENVIRONMENT
    settings.MICROCRED_PUBLIC_URL = "https://credentials.example.edu"
    settings.MICROCRED_DID_WEB_HOST = "credentials.example.edu"
    settings.MICROCRED_PUBLIC_URL_GIVEN = True
    assert check_secret_key(None) == []
    call_command("check")  # raises SystemCheckError on any error
    refuse_to_start_if_misconfigured()


def test_development_key_is_fine_in_development(settings: Settings) -> None:
    settings.DEBUG = True
    settings.MICROCRED_SECRET_KEY_SOURCE = KeySource.DEVELOPMENT_FILE
    assert check_secret_key(None) == []


def test_development_key_is_refused_in_production(settings: Settings) -> None:
    settings.DEBUG = False
    settings.MICROCRED_SECRET_KEY_SOURCE = KeySource.DEVELOPMENT_FILE
    assert [e.id for e in check_secret_key(None)] == [E001]


def test_https_mode_satisfies_djangos_deployment_checks(tmp_path: Path) -> None:
    """Behind HTTPS, only the two opt-in HSTS extras (subdomains, preload) stay open."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.update(
        MICROCRED_HTTPS="1",
        MICROCRED_PUBLIC_URL="https://credentials.example.edu",
        MICROCRED_SECRET_KEY=secrets.token_urlsafe(50),
        MICROCRED_KEK=generate_kek_text(),
        MICROCRED_VAR_DIR=str(tmp_path),
        MICROCRED_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_SETTINGS_MODULE="microcred.web.settings",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = set(re.findall(r"\((security\.W\d+)\)", result.stderr + result.stdout))
    assert found <= {"security.W005", "security.W021"}, found


CONSOLE = "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize("backend", [CONSOLE, "django.core.mail.backends.filebased.EmailBackend"])
def test_production_refuses_to_print_its_mail(settings: Settings, backend: str) -> None:
    settings.DEBUG = False
    settings.EMAIL_BACKEND = backend
    [error] = check_email_backend(None)
    assert error.id == E002
    assert error.is_serious()
    for name in ("MICROCRED_EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER"):
        assert name in (error.hint or "")
    assert "MICROCRED_EMAIL_ALLOW_CONSOLE=1" in (error.hint or "")
    with pytest.raises(ImproperlyConfigured, match=E002):
        refuse_to_start_if_misconfigured()


def test_console_mail_in_production_only_when_allowed_explicitly(settings: Settings) -> None:
    settings.DEBUG = False
    settings.EMAIL_BACKEND = CONSOLE
    settings.MICROCRED_EMAIL_ALLOW_CONSOLE = True
    assert check_email_backend(None) == []


def test_console_mail_is_fine_in_development_and_smtp_in_production(settings: Settings) -> None:
    settings.DEBUG = True
    settings.EMAIL_BACKEND = CONSOLE
    assert check_email_backend(None) == []
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_email_backend(None) == []
