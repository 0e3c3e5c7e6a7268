"""Helpers shared by the people tests (accounts, organisation pages, tokens)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

SRC = Path(__file__).resolve().parents[2] / "src" / "microcred"


@pytest.fixture(autouse=True)
def static_sources(settings: Settings) -> None:
    """Pages link to hashed static names, which need collectstatic; serve the sources."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def catalogue(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (header excluded), joining continued lines."""
    pattern = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.MULTILINE)
    entries: dict[str, str] = {}
    for match in pattern.finditer(path.read_text("utf-8")):
        msgid, msgstr = ("".join(re.findall(r'^"(.*)"$', g, re.MULTILINE)) for g in match.groups())
        if msgid:
            entries[msgid] = msgstr
    return entries


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    """Hashing with PBKDF2 per test user makes the matrix slow; what is tested is the flow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def check_compiles(po: Path) -> None:
    """msgfmt --check also compares python-format placeholders of msgid and msgstr."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def extract(app: Path, patterns: list[str]) -> set[str]:
    """The msgids makemessages finds in the files of ``app`` matching ``patterns``."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app.name
        for pattern in patterns:
            for source in app.glob(pattern):
                if "__pycache__" in source.parts or "migrations" in source.parts:
                    continue
                target = copy / source.relative_to(app)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
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
        return set(catalogue(copy / "locale" / "tr" / "LC_MESSAGES" / "django.po"))
