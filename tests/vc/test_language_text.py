"""``text_for`` reads a name or description whatever its shape (VC 2.0 §11.1)."""

from __future__ import annotations

from typing import Any

import pytest

from microcred.vc import language_values, text_for

BILINGUAL = {
    "name": "Veri Okuryazarlığı",
    "https://schema.org/name": [
        {"@value": "Veri Okuryazarlığı", "@language": "tr"},
        {"@value": "Data Literacy", "@language": "en"},
    ],
}


@pytest.mark.parametrize(
    ("node", "language", "expected"),
    [
        ({"name": "Data Literacy"}, "tr", "Data Literacy"),
        ({"name": {"@value": "Veri", "@language": "tr"}}, "en", "Veri"),
        (
            {
                "name": [
                    {"@value": "Veri", "@language": "tr"},
                    {"@value": "Data", "@language": "en"},
                ]
            },
            "en",
            "Data",
        ),
        ({"name": [{"@value": "Data", "@language": "en-GB"}, "Veri"]}, "en", "Data"),
        ({"name": [{"@value": "Data", "@language": "en"}, "Veri"]}, "tr", "Veri"),
        (BILINGUAL, "en", "Data Literacy"),
        (BILINGUAL, "tr", "Veri Okuryazarlığı"),
        (BILINGUAL, "de", "Veri Okuryazarlığı"),
    ],
)
def test_the_text_for_a_language(node: dict[str, Any], language: str, expected: str) -> None:
    assert text_for(node, "name", language) == expected


@pytest.mark.parametrize(
    "node",
    [None, "name", {}, {"name": ""}, {"name": 42}, {"name": [{"@id": "x"}, {"@value": 3}]}],
)
def test_no_text_is_none(node: Any) -> None:
    assert text_for(node, "name", "en") is None


def test_language_values_leave_out_empty_texts() -> None:
    assert language_values({"tr": " Veri ", "en": ""}) == [{"@value": "Veri", "@language": "tr"}]
