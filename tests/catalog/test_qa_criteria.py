"""The QA criteria reviewers answer: complete in English and Turkish, codes unique."""

from __future__ import annotations

from django.utils import translation

from microcred.catalog import qa_criteria


def test_every_criterion_and_answer_is_complete_in_both_languages() -> None:
    data = qa_criteria.raw()
    for item in data["criteria"]:
        for part in ("principle", "text"):
            assert set(item[part]) == set(qa_criteria.LANGUAGES), item["code"]
            assert all(item[part][lang].strip() for lang in qa_criteria.LANGUAGES)
        assert item["text"]["en"] != item["text"]["tr"]
        assert "mikrokredi" not in item["text"]["tr"].lower()
    for names in data["answers"].values():
        assert set(names) == set(qa_criteria.LANGUAGES)
    assert len(set(qa_criteria.codes())) == len(qa_criteria.codes()) >= 10


def test_criteria_follow_the_active_language() -> None:
    with translation.override("tr"):
        turkish = qa_criteria.criteria()[0]
        assert qa_criteria.answer_label("not_met") == "Karşılanmıyor"
    english = qa_criteria.criteria()[0]
    assert turkish.code == english.code
    assert turkish.text != english.text
