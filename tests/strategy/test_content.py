"""The data files: eight blocks and the STEEP theme library, complete in both languages."""

from __future__ import annotations

from microcred.strategy.canvas.document import BLOCKS
from microcred.strategy.content import (
    LANGUAGES,
    LENSES,
    block_texts,
    key_interfaces,
    raw_blocks,
    raw_themes,
)


def test_eight_blocks_in_canvas_order_with_questions_and_help_in_both_languages() -> None:
    assert [b["key"] for b in raw_blocks()] == list(BLOCKS)
    for block in raw_blocks():
        for lang in LANGUAGES:
            assert block["title"][lang].strip()
            assert block["help"][lang].strip()
        assert len(block["questions"]["en"]) == len(block["questions"]["tr"]) >= 2
        assert all(q.strip() for lang in LANGUAGES for q in block["questions"][lang])


def test_turkish_texts_say_mikro_yeterlilik_never_mikro_kredi() -> None:
    turkish = " ".join(
        " ".join([b["title"]["tr"], b["help"]["tr"], *b["questions"]["tr"]]) for b in raw_blocks()
    ).lower()
    assert "mikro-yeterlilik" in turkish
    assert "mikro-kredi" not in turkish
    assert block_texts("tr")["budget"].title == "Bütçe, gelir ve maliyet"


def test_theme_library_covers_every_lens_both_ways_in_both_languages() -> None:
    themes = raw_themes()
    assert len({t["key"] for t in themes}) == len(themes) >= 15
    assert {t["lens"] for t in themes} == set(LENSES)
    assert {t["orientation"] for t in themes} == {"opportunity", "threat"}
    assert all(t["title"][lang].strip() for t in themes for lang in LANGUAGES)


def test_key_interfaces_are_offered_in_both_languages() -> None:
    english, turkish = key_interfaces("en"), key_interfaces("tr")
    assert len(english) == len(turkish) >= 16
    assert "Quality office" in english
    assert "Kalite ofisi" in turkish
    assert all(name.strip() for name in english + turkish)
