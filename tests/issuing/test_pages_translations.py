"""The issuing app speaks Turkish and English completely, and its pages render in Turkish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from tests.web.test_translations import catalogue, po_file

from .test_pages import _static_without_manifest, officer, page, url

__all__ = ["_static_without_manifest", "officer"]
ISSUING = Path(__file__).resolve().parents[2] / "src" / "microcred" / "issuing"
LANGUAGES = ("en", "tr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    entries = catalogue(po_file(ISSUING, lang))
    assert len(entries) > 100
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in po_file(ISSUING, lang).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(ISSUING, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_turkish_says_mikro_yeterlilik() -> None:
    turkish = " ".join(catalogue(po_file(ISSUING, "tr")).values()).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikrokredi" not in turkish
    assert "mikro-kredi" not in turkish


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "issuing"
    shutil.copytree(ISSUING, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-wrap",
         *(f"--locale={lang}" for lang in LANGUAGES)],
        cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for lang in LANGUAGES:
        assert set(catalogue(po_file(copy, lang))) == set(catalogue(po_file(ISSUING, lang)))


@pytest.fixture
def _language_reset() -> Iterator[None]:
    """A /tr/ request leaves Turkish active in this thread; later tests expect the default."""
    yield
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("_language_reset")
def test_turkish_pages_render_in_turkish(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    issue_page = page(officer.get(url("issue", lang="tr", org=organization.slug)))
    assert '<html lang="tr">' in issue_page
    assert "Mikro-yeterlilik ver" in issue_page
    assert "Öğrenenin e-postası" in issue_page
    listing = page(officer.get(url("awards", lang="tr", org=organization.slug)))
    assert "Verilen belgeler" in listing
    assert "0 belge eşleşiyor." in listing
