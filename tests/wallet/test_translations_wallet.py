"""The wallet catalogues are complete, compile, and cover every string of the app."""

from __future__ import annotations

import pytest

from tests.accounts.helpers import SRC, catalogue, check_compiles, extract

APP = SRC / "wallet"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_no_entry_is_left_untranslated(lang: str) -> None:
    entries = catalogue(APP / "locale" / lang / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_catalogue_compiles(lang: str) -> None:
    check_compiles(APP / "locale" / lang / "LC_MESSAGES" / "django.po")


def test_every_string_in_the_code_is_in_the_catalogue() -> None:
    fresh = extract(APP, ["*.py", "templates/**/*.html"])
    shipped = catalogue(APP / "locale" / "tr" / "LC_MESSAGES" / "django.po")
    assert "My passport" in fresh
    assert sorted(fresh - set(shipped)) == []


def test_turkish_says_mikro_yeterlilik() -> None:
    entries = catalogue(APP / "locale" / "tr" / "LC_MESSAGES" / "django.po")
    assert entries["Shared micro-credentials"] == "Paylaşılan mikro-yeterlilikler"
