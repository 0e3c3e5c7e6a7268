"""The strategy app's translations: complete, compilable, in step with the code and templates."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from microcred.strategy.canvas import KINDS
from microcred.strategy.checks import MESSAGES
from tests.web.test_translations import catalogue, po_file

APP = Path(__file__).resolve().parents[2] / "src" / "microcred" / "strategy"
LANGUAGES = ("en", "tr")
TEMPLATE_STRING = re.compile(r'{% translate "([^"]+)" %}')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    entries = catalogue(po_file(APP, lang))
    assert len(entries) > 150
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in po_file(APP, lang).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_file(APP, lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_code_and_template_strings_are_in_the_turkish_catalogue() -> None:
    turkish = catalogue(po_file(APP, "tr"))
    with translation.override("en"):
        wanted = {str(m) for m in MESSAGES.values()}
        wanted |= {str(s.label) for s in KINDS.values()} | {str(s.plural) for s in KINDS.values()}
    for template in (APP / "templates" / "strategy").glob("*.html"):
        wanted |= set(TEMPLATE_STRING.findall(template.read_text("utf-8")))
    assert sorted(wanted - set(turkish)) == []


def test_turkish_says_mikro_yeterlilik_never_mikro_kredi() -> None:
    turkish = " ".join(catalogue(po_file(APP, "tr")).values()).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikro-kredi" not in turkish
