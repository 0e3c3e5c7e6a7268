"""ESCO skills in Turkish: the curated labels, Turkish-aware search, its recall, the labels
people see and the labels credentials carry."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

from microcred.catalog.elements_form import element_fields
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.skills import load_turkish, search_skills, skill_by_uri, skill_index
from tests.catalog.conftest import PYTHON_SKILL
from tests.catalog.helpers import create

pytestmark = pytest.mark.django_db

QUERIES = Path(__file__).parent / "data" / "esco_tr_queries.json"
MACHINE_LEARNING = "http://data.europa.eu/esco/skill/3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"
RECALL_AT_10 = 0.9


def test_the_turkish_labels_name_shipped_skills_by_their_english_label() -> None:
    """Each row says which English label it translates: a wrong URI shows up here."""
    turkish = load_turkish()
    assert len(turkish) >= 300
    rows = (QUERIES.parent.parents[2] / "src/microcred/catalog/data/esco-skills-tr.csv").read_text()
    for line in rows.splitlines()[1:]:
        uri, english = line.split(",")[:2]
        skill = skill_by_uri(uri)
        assert skill is not None, uri
        assert english.strip('"') == skill.label
        assert skill.label_tr == turkish[uri][0] != ""


@pytest.mark.parametrize(
    "query",
    ["makine öğrenmesi", "makine ogrenmesi", "MAKİNE ÖĞRENMESİ", "Makine Öğrenmesi", "makine öğ"],
)
def test_makine_ogrenmesi_finds_machine_learning_first(query: str) -> None:
    best = search_skills(query)[0]
    assert best.uri == MACHINE_LEARNING
    assert best.name("tr") == "makine öğrenmesi"
    assert best.name("en") == "machine learning"


def test_turkish_suffixes_and_softened_consonants_still_match() -> None:
    # "sağlığı", "güvenliği": the label says "sağlık", "güvenlik"
    labels = [s.name("tr") for s in search_skills("iş sağlığı ve güvenliği", 10)]
    assert "sağlık ve güvenlik standartlarını uygulamak" in labels


def test_preferred_labels_rank_before_alternative_labels() -> None:
    # "veri analizi" is the alternative label of "data analytics" and the preferred
    # beginning of nothing; "veri analizi yapmak" is a preferred label
    results = [s.name("tr") for s in search_skills("veri analizi")]
    assert results.index("veri analizi yapmak") < results.index("veri analitiği")


def test_recall_at_10_of_fifty_turkish_queries() -> None:
    """50 queries a Turkish registrar would type, with the skills a person would accept
    (chosen from the data by hand). Recall@10 counts every expected skill."""
    cases = json.loads(QUERIES.read_text(encoding="utf-8"))
    assert len(cases) == 50
    expected = [(c["query"], e["uri"]) for c in cases for e in c["expected"]]
    found = [
        (query, uri)
        for query, uri in expected
        if uri in {s.uri for s in skill_index().search(query, 10)}
    ]
    recall = len(found) / len(expected)
    print(f"recall@10 = {recall:.3f} ({len(found)}/{len(expected)})")
    assert recall >= RECALL_AT_10


def test_search_answers_in_the_pages_language(designer_client: Client) -> None:
    accept = {"accept": "application/json"}
    tr = designer_client.get("/tr/catalog/skills/search", {"q": "makine ogrenmesi"}, headers=accept)
    en = designer_client.get("/en/catalog/skills/search", {"q": "makine ogrenmesi"}, headers=accept)
    assert tr.json()["results"][0] == {"uri": MACHINE_LEARNING, "label": "makine öğrenmesi"}
    assert en.json()["results"][0] == {"uri": MACHINE_LEARNING, "label": "machine learning"}
    picked = designer_client.get("/tr/catalog/skills/pick", {"uri": MACHINE_LEARNING})
    assert "makine öğrenmesi" in picked.content.decode()


def test_finding_nothing_gives_a_translated_hint(designer_client: Client) -> None:
    tr = designer_client.get("/tr/catalog/skills/search", {"q": "zzqqxx"}).content.decode()
    assert "Eşleşen ESCO becerisi yok." in tr
    assert "becerinin İngilizce adını deneyin" in tr
    en = designer_client.get("/en/catalog/skills/search", {"q": "zzqqxx"}).content.decode()
    assert "the skill’s English name" in en
    # one letter is not a search yet: no "nothing found" while the person is typing
    assert (
        "no-results"
        not in designer_client.get("/en/catalog/skills/search", {"q": "z"}).content.decode()
    )


@pytest.mark.parametrize(
    ("languages", "label"),
    [("tr, en", "makine öğrenmesi"), ("en, tr", "machine learning"), ("", "machine learning")],
)
def test_the_credential_names_the_skill_in_the_specifications_language(
    languages: str, label: str
) -> None:
    fields = element_fields(
        {"languages": languages, "esco_skills": [MACHINE_LEARNING]}, awarding_body_id="urn:x"
    )
    (skill,) = fields["esco_skills"]
    assert (skill.uri, skill.label) == (MACHINE_LEARNING, label)


def test_migration_cleans_glued_labels_of_unlocked_versions_only(
    designer_client: Client, organization: object
) -> None:
    draft = create(designer_client, organization, languages="en")  # type: ignore[arg-type]
    locked = create(designer_client, organization, languages="tr")  # type: ignore[arg-type]
    glued = "Python (computer programming) Python 3K Python"
    for version in (draft, locked):
        version.elements["esco_skills"] = [{"uri": PYTHON_SKILL, "label": glued}]
    draft.save()
    locked.locked = True
    locked.save()
    migration = importlib.import_module("microcred.catalog.migrations.0003_clean_esco_labels")
    migration.clean_labels(apps, None)
    draft.refresh_from_db()
    locked.refresh_from_db()
    assert draft.elements["esco_skills"][0]["label"] == "Python (computer programming)"
    assert locked.elements["esco_skills"][0]["label"] == glued
    assert SpecificationVersion.objects.count() == 2
