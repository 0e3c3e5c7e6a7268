"""The few lines of claims shown under the verdict, read from any shape of credential."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.verification.summary import MAX_CHARS, summarize


def credential(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "issuer": {"id": "did:web:uni.example", "name": "Ege Üniversitesi"},
        "validFrom": "2026-03-01T10:00:00+03:00",
        "credentialSubject": {
            "name": "Ayşe Yılmaz",
            "achievement": {"name": "Veri Okuryazarlığı"},
        },
    }
    base.update(overrides)
    return base


def test_reads_the_usual_fields() -> None:
    summary = summarize(credential(), "en")
    assert summary is not None
    assert summary.issuer == "Ege Üniversitesi"
    assert summary.achievement == "Veri Okuryazarlığı"
    assert summary.subject == "Ayşe Yılmaz"
    assert summary.valid_from == datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    assert not summary.is_empty


def test_issuer_given_only_as_an_id() -> None:
    summary = summarize(credential(issuer="did:key:z6MkExample"), "en")
    assert summary is not None
    assert summary.issuer == "did:key:z6MkExample"
    nameless = summarize(credential(issuer={"id": "did:web:x.example"}), "en")
    assert nameless is not None
    assert nameless.issuer == "did:web:x.example"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("tr", "Veri Okuryazarlığı"), ("en", "Data Literacy"), ("de", "Data Literacy")],
)
def test_language_maps_pick_the_page_language(lang: str, expected: str) -> None:
    names = [
        {"@value": "Data Literacy", "@language": "en"},
        {"@value": "Veri Okuryazarlığı", "@language": "tr-TR"},
    ]
    subject = {"achievement": {"name": names}}
    summary = summarize(credential(credentialSubject=subject), lang)
    assert summary is not None
    assert summary.achievement == expected


def test_first_of_several_subjects() -> None:
    subjects = [{"name": "First"}, {"name": "Second"}]
    summary = summarize(credential(credentialSubject=subjects), "en")
    assert summary is not None
    assert summary.subject == "First"


def test_unparseable_date_is_kept_as_text_only() -> None:
    summary = summarize(credential(validFrom="yesterday"), "en")
    assert summary is not None
    assert (summary.valid_from, summary.valid_from_text) == (None, "yesterday")


def test_hostile_shapes_give_nothing_rather_than_an_error() -> None:
    odd = {"issuer": 42, "validFrom": ["x"], "credentialSubject": "text"}
    summary = summarize(odd, "en")
    assert summary is not None
    assert summary.is_empty
    assert summarize(None, "en") is None


def test_long_values_are_cut() -> None:
    summary = summarize(credential(issuer={"name": "x" * 5000}), "en")
    assert summary is not None
    assert summary.issuer is not None
    assert len(summary.issuer) == MAX_CHARS
    assert summary.issuer.endswith("…")
