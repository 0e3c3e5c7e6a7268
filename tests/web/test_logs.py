"""Logs: JSON lines in production, structured fields, and no secrets even by mistake."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations import keys
from microcred.organizations.models import Organization
from microcred.web.logs import JsonFormatter, RedactSecrets, redact

ROOT = Path(__file__).resolve().parents[2]


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("microcred.test", logging.INFO, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_one_json_object_per_record_with_its_fields() -> None:
    line = JsonFormatter().format(record("batch %s done", "b1", event="batch_finished", issued=3))
    entry = json.loads(line)
    assert entry["message"] == "batch b1 done"
    assert (entry["event"], entry["issued"], entry["level"]) == ("batch_finished", 3, "INFO")
    assert entry["logger"] == "microcred.test"
    assert "\n" not in line


def test_secret_shaped_text_is_masked() -> None:
    token = "mc_0123abcd_" + "S" * 43
    text = redact(f"Bearer {token} then /en/wallet/claim/{'x' * 43}/ and password=hunter22")
    assert "S" * 43 not in text
    assert "x" * 43 not in text
    assert "hunter22" not in text
    assert "mc_0123abcd_[redacted]" in text
    masked = record("token %s", token)
    assert RedactSecrets().filter(masked)
    assert token not in masked.getMessage()


def test_production_logs_a_refused_fetch_as_json_without_the_url(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from microcred.vc.fetcher import SafeFetcher\n"
        "try:\n"
        "    SafeFetcher()('https://127.0.0.1/private/path?token=very-secret-value')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.update(
        DJANGO_SETTINGS_MODULE="microcred.web.settings",
        MICROCRED_DEBUG="0",
        MICROCRED_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "DocumentLoadError"
    [line] = [json.loads(x) for x in result.stderr.splitlines() if '"fetch_refused"' in x]
    assert (line["code"], line["host"]) == ("fetch_address_refused", "127.0.0.1")
    assert "very-secret-value" not in result.stderr
    assert "/private/path" not in result.stderr


@pytest.mark.django_db
def test_key_events_name_the_key_never_its_material(
    organization: Organization, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    caplog.set_level(logging.INFO, logger="microcred")
    first = keys.ensure_signing_key(organization)
    keys.rotate(organization, by=None)
    keys.retire(first, effective=timezone.now(), reason="lost laptop", by=None)
    events = [
        (r.__dict__["event"], r.__dict__["key"]) for r in caplog.records if "key" in r.__dict__
    ]
    assert events == [("key_created", "key-1"), ("key_created", "key-2"), ("key_retired", "key-1")]
    with keys.signer_for(organization) as signer:
        secret = signer.key.secret_multikey
    assert secret not in caplog.text
    assert signer.key.private_jwk()["d"] not in caplog.text
    get_keystore.cache_clear()
