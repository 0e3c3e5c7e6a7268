"""The catalogue's translations: complete, compilable, and in step with the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.test_translations import catalogue, po_file

CATALOG = Path(__file__).resolve().parents[2] / "src" / "microcred" / "catalog"
LANGUAGES = ("en", "tr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    entries = catalogue(po_file(CATALOG, lang))
    assert len(entries) > 50
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in po_file(CATALOG, lang).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(CATALOG, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_turkish_says_mikro_yeterlilik() -> None:
    turkish = " ".join(catalogue(po_file(CATALOG, "tr")).values()).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikrokredi" not in turkish
    assert "mikro-kredi" not in turkish


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "catalog"
    shutil.copytree(CATALOG, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-wrap",
         *(f"--locale={lang}" for lang in LANGUAGES)],
        cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for lang in LANGUAGES:
        assert set(catalogue(po_file(copy, lang))) == set(catalogue(po_file(CATALOG, lang)))
