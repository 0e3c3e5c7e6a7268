"""Both catalogues are complete, valid, and in step with the strings in the code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "microcred" / "web"
LANGUAGES = ("en", "tr")


def catalogue(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (header excluded), joining continued string lines."""
    entries: dict[str, str] = {}
    text = path.read_text("utf-8")
    pattern = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.MULTILINE)
    for match in pattern.finditer(text):
        msgid, msgstr = (_join(group) for group in match.groups())
        if msgid:
            entries[msgid] = msgstr
    return entries


def _join(lines: str) -> str:
    return "".join(re.findall(r'^"(.*)"$', lines, re.MULTILINE))


def po_file(root: Path, lang: str) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    entries = catalogue(po_file(WEB, lang))
    assert len(entries) > 20  # the parser found the catalogue (home, errors, base)
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in po_file(WEB, lang).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles_with_matching_placeholders(lang: str, tmp_path: Path) -> None:
    # --check makes msgfmt compare python-format placeholders between msgid and msgstr.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(WEB, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_turkish_says_mikro_yeterlilik() -> None:
    turkish = " ".join(catalogue(po_file(WEB, "tr")).values()).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikro-kredi" not in turkish
    assert "mikrokredi" not in turkish


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-extract the strings from a copy of the code: nothing new may be untranslated."""
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
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
        fresh = catalogue(po_file(copy, lang))
        shipped = catalogue(po_file(WEB, lang))
        assert set(fresh) == set(shipped), f"{lang}: run makemessages and translate"
        assert [m for m, s in fresh.items() if not s] == []
