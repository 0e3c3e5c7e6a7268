"""The designer states the grading scheme and its pass mark; the Achievement carries them."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from microcred.catalog import services
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization

from .helpers import create, url

pytestmark = pytest.mark.django_db


def result_description(version: SpecificationVersion) -> dict[str, object]:
    achievement = services.achievement_for(version, base_url="https://mc.example")
    [scheme] = achievement["resultDescription"]
    assert isinstance(scheme, dict)
    return scheme


def test_a_letter_scale_is_stored_low_to_high_with_its_pass_mark(
    designer_client: Client, organization: Organization
) -> None:
    version = create(
        designer_client,
        organization,
        grading_scheme="Harf notu",
        grading_values="AA, BA, BB, CB, CC, DC, DD, FF",
        pass_mark="DD",
    )
    scheme = result_description(version)
    assert scheme["allowedValue"] == ["FF", "DD", "DC", "CC", "CB", "BB", "BA", "AA"]
    assert scheme["requiredValue"] == "DD"
    assert scheme["resultType"] == "LetterGrade"
    edit_url = url("edit", organization, version_id=version.public_id)
    edit = unescape(designer_client.get(edit_url).content.decode())
    assert 'value="AA, BA, BB, CB, CC, DC, DD, FF"' in edit  # shown as typed, best first
    assert 'value="DD"' in edit


def test_pass_fail_and_a_numeric_range(designer_client: Client, organization: Organization) -> None:
    passing = create(designer_client, organization, grading_values="pass, fail", pass_mark="pass")
    assert result_description(passing)["requiredValue"] == "pass"
    scores = create(
        designer_client,
        organization,
        grading_scheme="Puan",
        grading_values="",
        grading_min="0",
        grading_max="100",
        pass_mark="60,0",
    )
    scheme = result_description(scores)
    assert (scheme["valueMin"], scheme["valueMax"], scheme["requiredValue"]) == ("0", "100", "60")
    assert scheme["resultType"] == "RawScore"
    assert "allowedValue" not in scheme


@pytest.mark.parametrize(
    ("changes", "message", "lang"),
    [
        ({"pass_mark": "ZZ"}, "The pass mark must be one of the allowed grades.", "en"),
        ({"pass_mark": "ZZ"}, "Geçme notu geçerli notlardan biri olmalıdır.", "tr"),
        (
            {"grading_values": "", "grading_min": "0", "grading_max": "100", "pass_mark": "120"},
            "The pass mark must lie between the lowest and the highest score.",
            "en",
        ),
        ({"grading_min": "0"}, "Give either a list of grades or a range of scores", "en"),
        ({"grading_scheme": "", "pass_mark": "pass"}, "Name the grading scheme.", "en"),
    ],
)
def test_an_unusable_rule_is_kept_in_the_draft_and_blocks_publishing(
    designer_client: Client,
    organization: Organization,
    changes: dict[str, str],
    message: str,
    lang: str,
) -> None:

    version = create(designer_client, organization, lang, **changes)  # a draft is kept
    edit = designer_client.get(url("edit", organization, lang, version_id=version.public_id))
    assert message in unescape(edit.content.decode())  # said next to the pass mark
    refused = designer_client.post(url("publish", organization, lang, version_id=version.public_id))
    assert refused.status_code == 409
    assert message in unescape(refused.content.decode())
