"""The API's messages: complete in English and Turkish, compilable, in step with the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from microcred.api.errors import not_found
from tests.web.test_translations import catalogue, po_file

API = Path(__file__).resolve().parents[2] / "src" / "microcred" / "api"
LANGUAGES = ("en", "tr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    entries = catalogue(po_file(API, lang))
    assert len(entries) >= 13
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in po_file(API, lang).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(API, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_turkish_says_mikro_yeterlilik() -> None:
    turkish = " ".join(catalogue(po_file(API, "tr")).values()).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikrokredi" not in turkish


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "api"
    shutil.copytree(API, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-wrap",
         *(f"--locale={lang}" for lang in LANGUAGES)],
        cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for lang in LANGUAGES:
        assert set(catalogue(po_file(copy, lang))) == set(catalogue(po_file(API, lang)))


@pytest.mark.django_db
def test_messages_follow_the_request_language(client: Client) -> None:
    """Turkish requests get Turkish errors."""
    with translation.override("tr"):
        assert not_found().message == "Böyle bir kaynak yok."
    response = client.post(
        "/credentials/verify", data=b"{", content_type="application/json",
        headers={"Accept-Language": "tr"},
    )  # fmt: skip
    assert response.json()["message"] == "İstek gövdesi geçerli bir JSON değil."
