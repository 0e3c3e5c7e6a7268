"""The organizations catalogues are complete, compile, say “mikro-yeterlilik”, and cover
every string of the people pages (members, invitations, tokens) and the shared models."""

from __future__ import annotations

import pytest

from tests.accounts.helpers import SRC, catalogue, check_compiles, extract

APP = SRC / "organizations"
MINE = [
    "models.py",
    "models_people.py",
    "roles.py",
    "forms.py",
    "services.py",
    "views.py",
    "invitations.py",
    "tokens.py",
    "templates/organizations/*.html",
    "templates/organizations/email/*.txt",
]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_no_entry_is_left_untranslated(lang: str) -> None:
    entries = catalogue(APP / "locale" / lang / "LC_MESSAGES" / "django.po")
    assert len(entries) > 80
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_catalogue_compiles(lang: str) -> None:
    check_compiles(APP / "locale" / lang / "LC_MESSAGES" / "django.po")


def test_turkish_says_mikro_yeterlilik() -> None:
    turkish = " ".join(catalogue(APP / "locale" / "tr" / "LC_MESSAGES" / "django.po").values())
    assert "mikro-yeterlilik" in turkish.lower()
    assert "mikro-kredi" not in turkish.lower()


def test_every_string_of_the_people_pages_is_in_the_catalogue() -> None:
    fresh = extract(APP, MINE)
    assert "Invitation to join %(name)s on Microcred" in fresh
    shipped = catalogue(APP / "locale" / "tr" / "LC_MESSAGES" / "django.po")
    assert sorted(fresh - set(shipped)) == []
