"""A bilingual specification: both languages in the credential, which stays valid OB 3.0."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.vc import text_for, verify_credential
from microcred.vc.did import did_key_for
from microcred.vc.elements import (
    AwardingBody,
    LearnerIdentification,
    MicroCredentialElements,
    Translation,
    elements_from_credential,
    elements_to_credential,
)
from microcred.vc.issue import issue_credential
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.openbadges import validate_credential

from .conftest import full_elements
from .helpers import bilingual

NOW = datetime(2026, 6, 2, tzinfo=UTC)


def _credential(el: MicroCredentialElements) -> dict[str, Any]:
    return elements_to_credential(
        el,
        credential_id="urn:uuid:0b6c1f0e-3f43-4a8e-9d51-2a4c8d0f7e12",
        achievement_id="https://mc.example.edu.tr/achievements/veri",
        description="Veriyi okumak, temizlemek ve sunmak.",
    ).to_jsonld()


def test_both_languages_are_language_value_objects_and_the_schema_holds() -> None:
    document = _credential(bilingual(full_elements()))
    achievement = document["credentialSubject"]["achievement"]
    assert validate_credential(document) == []
    assert achievement["name"] == "Veri Okuryazarlığı"  # OB 3.0 wants a string here
    assert achievement["https://schema.org/name"] == [
        {"@value": "Veri Okuryazarlığı", "@language": "tr"},
        {"@value": "Data Literacy", "@language": "en"},
    ]
    assert {"@value": "Explains statistical charts.", "@language": "en"} in achievement[
        "learningOutcome"
    ]
    assert text_for(achievement, "name", "en") == "Data Literacy"
    assert text_for(achievement, "description", "en") == "Reading, cleaning and presenting data."
    narrative = achievement["criteria"]["narrative"]
    assert "Öğrenme çıktıları" in narrative
    assert "Learning outcomes" in narrative


def test_a_bilingual_credential_round_trips() -> None:
    el = bilingual(full_elements())
    assert elements_from_credential(_credential(el)) == el


def test_a_one_language_specification_stays_plain_strings() -> None:
    achievement = _credential(full_elements())["credentialSubject"]["achievement"]
    assert "https://schema.org/name" not in achievement
    assert all(isinstance(o, str) for o in achievement["learningOutcome"])


def test_a_signed_bilingual_credential_verifies() -> None:
    key = Ed25519KeyPair.generate()
    did = did_key_for(key.public)
    el = bilingual(
        full_elements(),
        awarding_body=AwardingBody(id=did, name="Ege Üniversitesi", country="TR"),
        co_awarding_bodies=(),
        learner=LearnerIdentification(id="did:example:learner"),
        date_of_issuing=NOW,
    )
    signed = issue_credential(
        _credential(el),
        key=key,
        verification_method=f"{did}#{did.removeprefix('did:key:')}",
        now=NOW,
    )
    report = verify_credential(signed, now=NOW)
    assert report.verified, [c.code for c in report.failures]


@pytest.mark.parametrize(
    "changes",
    [
        {"text_language": None},
        {"translations": (Translation(language="tr", title="Aynı dil"),)},
    ],
)
def test_translations_need_a_distinct_main_language(changes: dict[str, Any]) -> None:
    el = bilingual(full_elements())
    with pytest.raises(ValueError, match="translation"):
        MicroCredentialElements.model_validate(el.model_dump() | changes)
