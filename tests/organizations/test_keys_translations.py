"""Every string of the key pages and services is translated, in English and Turkish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.test_translations import catalogue, po_file

APP = Path(__file__).resolve().parents[2] / "src" / "microcred" / "organizations"
MINE = ["keys.py", "key_views.py", "did_views.py", "checks.py", "models_keys.py", "keystore"]
LANGUAGES = ("en", "tr")


@pytest.fixture(scope="module")
def my_strings(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids makemessages finds in this feature's code and templates alone."""
    copy = tmp_path_factory.mktemp("keys") / "app"
    (copy / "templates").mkdir(parents=True)
    for name in MINE:
        source = APP / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    for template in (APP / "templates" / "organizations").glob("*keys*.html"):
        shutil.copy(template, copy / "templates" / template.name)
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--no-location", "--locale=tr"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(catalogue(po_file(copy, "tr")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_in_the_catalogue_and_translated(my_strings: set[str], lang: str) -> None:
    shipped = catalogue(po_file(APP, lang))
    assert len(my_strings) > 20
    assert sorted(my_strings - set(shipped)) == []
    assert [msgid for msgid in sorted(my_strings) if not shipped[msgid]] == []


def test_turkish_says_mikro_yeterlilik(my_strings: set[str]) -> None:
    shipped = catalogue(po_file(APP, "tr"))
    turkish = [shipped[m] for m in my_strings if "micro-credential" in m]
    assert turkish
    # "mikro-yeterlili": the stem, so inflections such as "mikro-yeterliliği" count too.
    assert all("mikro-yeterlili" in text for text in turkish)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(APP, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
