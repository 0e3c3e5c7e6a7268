"""The deployment's public identity: read from the environment, checked at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from microcred.web.checks import E003, W001, check_public_identity
from microcred.web.env import (
    DEV_DID_WEB_HOST,
    DEV_PUBLIC_URL,
    PublicIdentity,
    identity_problems,
    public_identity,
)

ROOT = Path(__file__).resolve().parents[2]


def test_one_variable_names_both() -> None:
    identity = public_identity({"MICROCRED_PUBLIC_URL": "https://uni.example/"})
    assert identity == PublicIdentity("https://uni.example", "uni.example", given=True)


def test_a_port_goes_into_the_did_host_encoded() -> None:
    identity = public_identity({"MICROCRED_PUBLIC_URL": "https://uni.example:8443"})
    assert identity.did_web_host == "uni.example%3A8443"
    assert identity.did_host_name == "uni.example"


def test_the_did_host_can_be_set_apart() -> None:
    identity = public_identity(
        {"MICROCRED_PUBLIC_URL": "https://mc.uni.example", "MICROCRED_DID_WEB_HOST": "uni.example"}
    )
    assert (identity.url, identity.did_web_host) == ("https://mc.uni.example", "uni.example")


def test_development_defaults() -> None:
    identity = public_identity({})
    assert identity == PublicIdentity(DEV_PUBLIC_URL, DEV_DID_WEB_HOST, given=False)
    assert identity_problems(identity, debug=True) == []


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "MICROCRED_PUBLIC_URL is not set"),
        ("http://uni.example", "plain http"),
        ("https://localhost:8000", "local host"),
        ("https://127.0.0.1", "local host"),
        ("https://10.0.0.7", "local host"),
        ("https://mc.localhost", "local host"),
        ("https://uni.example/microcred", "origin only"),
        ("ftp://uni.example", "not an http(s) URL"),
        ("https://uni.example:99999", "invalid port"),
    ],
)
def test_production_refuses_what_verifiers_cannot_reach(url: str, fragment: str) -> None:
    identity = public_identity({"MICROCRED_PUBLIC_URL": url} if url else {})
    problems = identity_problems(identity, debug=False)
    assert any(fragment in p for p in problems), problems


def test_production_accepts_a_public_https_origin() -> None:
    identity = public_identity({"MICROCRED_PUBLIC_URL": "https://credentials.example.edu"})
    assert identity_problems(identity, debug=False) == []


def test_check_names_the_variable_to_set(settings: Settings) -> None:
    settings.DEBUG = False
    settings.MICROCRED_PUBLIC_URL = "http://localhost:8000"
    settings.MICROCRED_PUBLIC_URL_GIVEN = True
    [error] = check_public_identity(None)
    assert error.id == E003
    assert error.is_serious()
    assert "plain http" in error.msg
    assert "Set MICROCRED_PUBLIC_URL" in (error.hint or "")


def test_a_did_host_elsewhere_is_a_warning(settings: Settings) -> None:
    settings.DEBUG = False
    settings.MICROCRED_PUBLIC_URL = "https://mc.uni.example"
    settings.MICROCRED_DID_WEB_HOST = "uni.example"
    settings.MICROCRED_PUBLIC_URL_GIVEN = True
    [warning] = check_public_identity(None)
    assert warning.id == W001
    assert not warning.is_serious()


def _settings_in_a_fresh_process(**environ: str) -> list[str]:
    code = (
        "from django.conf import settings as s; "
        "print(s.MICROCRED_PUBLIC_URL); print(s.MICROCRED_DID_WEB_HOST); "
        "print(','.join(s.ALLOWED_HOSTS)); print(','.join(s.CSRF_TRUSTED_ORIGINS))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")},
        "DJANGO_SETTINGS_MODULE": "microcred.web.settings",
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.splitlines()


def test_settings_read_the_environment_and_answer_to_the_public_host() -> None:
    url, did_host, hosts, origins = _settings_in_a_fresh_process(
        MICROCRED_PUBLIC_URL="https://uni.example", MICROCRED_DID_WEB_HOST="uni.example"
    )
    assert (url, did_host) == ("https://uni.example", "uni.example")
    assert "uni.example" in hosts.split(",")
    assert origins == "https://uni.example"
