"""Every app's two catalogues: complete, compilable, in step with the code, and in the
project's Turkish (mikro-yeterlilik; "mikrokredi" means microfinance in Turkish)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import catalogue, po_file

SRC = Path(__file__).resolve().parents[1] / "src" / "microcred"
APPS = sorted(p.parent.name for p in SRC.glob("*/locale"))
LANGUAGES = ("en", "tr")
#: Folders of data, not code: nothing in them is translated through gettext.
NOT_CODE = ("__pycache__", "*.mo", "data", "static")


def test_every_app_with_strings_has_catalogues() -> None:
    assert {"web", "catalog", "issuing", "registry", "verification", "wallet"} <= set(APPS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_every_entry_is_translated(app: str, lang: str) -> None:
    path = po_file(SRC / app, lang)
    entries = catalogue(path)
    assert entries, f"{app}/{lang}: no entries found"
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in path.read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_compiles_with_matching_placeholders(app: str, lang: str, tmp_path: Path) -> None:
    # --check makes msgfmt compare python-format placeholders between msgid and msgstr.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(SRC / app, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("app", APPS)
def test_turkish_says_mikro_yeterlilik(app: str) -> None:
    entries = catalogue(po_file(SRC / app, "tr"))
    pairs = [(m.lower(), s.lower()) for m, s in entries.items()]
    for msgid, msgstr in pairs:
        assert "mikrokredi" not in msgstr, msgstr
        assert "mikro-kredi" not in msgstr, msgstr
        if "micro-credential" in msgid:
            assert "mikro-yeterlili" in msgstr, (msgid, msgstr)


@pytest.mark.parametrize("app", APPS)
def test_catalogues_cover_every_string_in_the_code(app: str, tmp_path: Path) -> None:
    """Re-extract the strings from a copy of the app: nothing new may be untranslated."""
    copy = tmp_path / app
    shutil.copytree(SRC / app, copy, ignore=shutil.ignore_patterns(*NOT_CODE))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--no-location",
            "--no-wrap",
            "--no-obsolete",
            *(f"--locale={lang}" for lang in LANGUAGES),
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for lang in LANGUAGES:
        fresh = set(catalogue(po_file(copy, lang)))
        shipped = catalogue(po_file(SRC / app, lang))
        assert fresh - set(shipped) == set(), f"{app}/{lang}: run makemessages and translate"
