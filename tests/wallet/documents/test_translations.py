"""Every string the documents show is in the wallet's catalogues, translated, in both
languages, and the Turkish certificate really comes out in Turkish."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import catalogue, po_file

WALLET = Path(__file__).resolve().parents[3] / "src" / "microcred" / "wallet"
LANGUAGES = ("en", "tr")


@pytest.fixture(scope="module")
def used_msgids(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids makemessages finds in the documents' code and templates alone."""
    root = tmp_path_factory.mktemp("wallet")
    shutil.copytree(
        WALLET / "documents", root / "documents", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(WALLET / "templates" / "wallet" / "documents", root / "templates")
    (root / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-wrap",
         "--locale=tr"],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return set(catalogue(po_file(root, "tr")))


def test_the_documents_use_translatable_strings(used_msgids: set[str]) -> None:
    assert {"Micro-credential certificate", "Issued by %(issuer)s", "Skills"} <= used_msgids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_documents_string_is_translated(used_msgids: set[str], lang: str) -> None:
    entries = catalogue(po_file(WALLET, lang))
    assert sorted(m for m in used_msgids if not entries.get(m)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles_and_translates(
    used_msgids: set[str], lang: str, tmp_path: Path
) -> None:
    mo = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(mo), str(po_file(WALLET, lang))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    if lang == "tr":
        assert compiled.gettext("Micro-credential certificate") == "Mikro-yeterlilik belgesi"
        untranslated = [m for m in used_msgids if compiled.gettext(m) == m]
        assert untranslated == []


def test_turkish_says_mikro_yeterlilik(used_msgids: set[str]) -> None:
    entries = catalogue(po_file(WALLET, "tr"))
    ours = " ".join(entries[m] for m in used_msgids if m in entries).lower()
    assert "mikro-yeterlilik" in ours
    assert "mikrokredi" not in ours
