"""The editor's live checks through HTTP: missing → complete, and each kind of problem."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from microcred.organizations.models import Organization
from tests.catalog.conftest import complete_data

pytestmark = pytest.mark.django_db


def check(client: Client, org: Organization, data: dict[str, object], lang: str = "en") -> str:
    url = f"/{lang}" + reverse("catalog:check", kwargs={"org": org.slug})[3:]
    response = client.post(url, data)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_checks_go_from_missing_to_complete(
    designer_client: Client, organization: Organization
) -> None:
    partial = check(designer_client, organization, {"title": "Data Literacy", "hours_per_ects": 25})
    assert "Not ready to publish yet." in partial
    for element in (
        "Awarding body",
        "Learning outcomes",
        "Notional workload (ECTS credits, hours)",
        "Type of assessment",
        "Type of quality assurance",
    ):
        assert element in partial
    assert "Title of the micro-credential" not in partial  # present

    complete = check(designer_client, organization, complete_data())
    assert "Complete: every mandatory element is present and consistent." in complete
    assert "Missing mandatory elements" not in complete
    assert '"type": [' in complete
    assert "MicroCredential" in complete
    # the picked ESCO skill, named in the specification's first language (tr)
    assert "Python (bilgisayar programlama)" in complete


def test_ects_and_hours_that_disagree_with_the_conversion(
    designer_client: Client, organization: Organization
) -> None:
    page = check(designer_client, organization, complete_data(workload_hours="140"))
    assert "5 ECTS at 25 hours per credit is 125 hours, not 140." in page  # a warning
    assert "Warnings to check" in page
    page = check(designer_client, organization, complete_data(workload_hours="160"))
    assert "5 ECTS means 125 to 150 hours of work (25-30 hours per credit), not 160." in page
    page = check(
        designer_client, organization, complete_data(workload_hours="150", hours_per_ects="30")
    )
    assert "Complete:" in page


def test_level_nine_is_refused(designer_client: Client, organization: Organization) -> None:
    page = check(designer_client, organization, complete_data(eqf_level="9"))
    assert "EQF level: Levels run from 1 to 8." in page
    assert "Complete:" not in page


@pytest.mark.parametrize(
    ("lang", "outcome", "flag"),
    [
        ("en", "Understands statistics.", "describes an inner state"),
        ("en", "Statistics for teachers.", "no observable action verb"),
        ("tr", "İstatistiği bilir.", "iç durumu anlatıyor"),
        ("tr", "Öğretmenler için istatistik.", "gözlemlenebilir bir eylem fiili yok"),
    ],
)
def test_outcome_without_an_observable_verb_is_flagged(
    designer_client: Client, organization: Organization, lang: str, outcome: str, flag: str
) -> None:
    data = complete_data(learning_outcomes=f"Explains statistical charts.\n{outcome}")
    page = check(designer_client, organization, data, lang)
    assert flag in page
    assert outcome in page
    assert "Explains statistical charts.”" not in page  # the good outcome is not flagged


@pytest.mark.parametrize(
    "outcome", ["İstatistiksel grafikleri yorumlar.", "Küçük bir veri setini temizleyebilir."]
)
def test_turkish_outcomes_with_observable_verbs_pass(
    designer_client: Client, organization: Organization, outcome: str
) -> None:
    page = check(designer_client, organization, complete_data(learning_outcomes=outcome), "tr")
    assert "Eksiksiz: tüm zorunlu öğeler var ve tutarlı." in page
    assert outcome + "”" not in page


def test_turkish_fragment_names_missing_elements_in_turkish(
    designer_client: Client, organization: Organization
) -> None:
    page = check(designer_client, organization, {"title": "Veri", "hours_per_ects": 25}, "tr")
    assert "Öğrenme çıktıları" in page
    assert "Kalite güvencesi türü" in page
