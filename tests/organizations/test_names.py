"""Names compared as a Turkish reader compares them (a pure function)."""

from __future__ import annotations

import unicodedata

import pytest

from microcred.organizations.names import comparable_name, same_name

ODTU = "Orta Doğu Teknik Üniversitesi"


@pytest.mark.parametrize(
    "variant",
    [
        "ORTA DOĞU TEKNİK ÜNİVERSİTESİ",
        "orta doğu teknik üniversitesi",
        "Orta Dogu Teknik Universitesi",
        "ORTA DOGU TEKNIK UNIVERSITESI",
        "orta doğu teknık ünıversıtesı",
        "  Orta   Doğu\tTeknik Üniversitesi ",
        "Orta-Doğu Teknik Üniversitesi.",
        unicodedata.normalize("NFD", ODTU),  # combining diaeresis and breve
        "Ｏｒｔａ Ｄｏğｕ Ｔｅｋｎｉｋ Üniversitesi",  # full-width letters
    ],
)
def test_spellings_of_one_name_are_the_same_name(variant: str) -> None:
    assert same_name(variant, ODTU)


@pytest.mark.parametrize(
    "other",
    ["Orta Doğu Teknik Üniversitesi Vakfı", "Ortadoğu Teknoloji Üniversitesi", "ODTÜ", ""],
)
def test_different_names_stay_different(other: str) -> None:
    assert not same_name(other, ODTU)


def test_the_comparable_form_keeps_letters_and_digits_only() -> None:
    assert comparable_name("İŞ-KUR 2024: Şişli") == "iskur2024sisli"
    assert comparable_name("Straße") == comparable_name("STRASSE")


def test_punctuation_alone_is_no_name() -> None:
    assert not same_name("…", "—")
