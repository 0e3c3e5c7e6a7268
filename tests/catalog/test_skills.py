"""The ESCO skills list, its search index and the search endpoint."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog.esco_import import convert
from microcred.catalog.skills import SkillIndex, skill_by_uri, skill_index
from microcred.catalog.text import fold
from tests.catalog.conftest import PYTHON_SKILL

pytestmark = pytest.mark.django_db


def test_the_whole_list_is_shipped() -> None:
    index = skill_index()
    assert len(index) > 13_000
    assert len({skill.uri for skill in index.skills}) == len(index)
    assert skill_by_uri(PYTHON_SKILL) is not None


@pytest.mark.parametrize("query", ["Python", "python", "PYTHON", "pyth", "Python computer"])
def test_python_is_found_first(query: str) -> None:
    results = skill_index().search(query)
    assert results[0].uri == PYTHON_SKILL
    assert results[0].label == "Python (computer programming)"


def test_turkish_dotted_capital_i_matches() -> None:
    # "İNSTALL" typed with a Turkish keyboard's dotted capital İ, "ıNSTALL" with a dotless ı
    for query in ("İNSTALL HEAT PUMP", "ınstall heat pump"):
        labels = [skill.label.lower() for skill in skill_index().search(query)]
        assert labels
        assert labels[0].startswith("install heat pump")


def test_folding_is_case_accent_and_turkish_i_insensitive() -> None:
    assert fold("İIıi") == "iiii"
    assert fold("Değerlendirme ŞÇÖÜ") == "degerlendirme scou"


def test_ranking_exact_then_prefix_then_substring() -> None:
    index = SkillIndex(
        [
            ("c", "work with scripts", ""),
            ("b", "script writing", ""),
            ("a", "script", ""),
            ("d", "manuscript editing", ""),
            ("e", "write plays", "scripting"),
        ]
    )
    assert [s.label for s in index.search("script")] == [
        "script",
        "script writing",
        "work with scripts",
        "write plays",
        "manuscript editing",
    ]
    assert index.search("s") == []  # too short to rank
    assert len(index.search("script", limit=2)) == 2


def test_at_most_twenty_results() -> None:
    assert len(skill_index().search("manage")) == 20


def test_search_endpoint_html_and_json(client: Client) -> None:
    client.force_login(User.objects.create_user("someone@example.org", "pw-pw-pw-pw-1"))
    html = client.get("/en/catalog/skills/search", {"q": "python"})
    assert html.status_code == 200
    assert "Python (computer programming)" in html.content.decode()
    assert 'hx-get="/en/catalog/skills/pick?uri=' in html.content.decode()
    data = client.get(
        "/tr/catalog/skills/search", {"q": "python"}, headers={"accept": "application/json"}
    )
    assert json.loads(data.content)["results"][0] == {
        "uri": PYTHON_SKILL,
        "label": "Python (computer programming)",
    }
    empty = client.get("/tr/catalog/skills/search", {"q": "zzqqxx"})
    assert "Eşleşen ESCO becerisi yok." in empty.content.decode()
    picked = client.get("/en/catalog/skills/pick", {"uri": PYTHON_SKILL}).content.decode()
    assert f'name="esco_skills" value="{PYTHON_SKILL}" checked' in picked
    assert client.get("/en/catalog/skills/pick", {"uri": "nope"}).status_code == 404


def test_search_needs_sign_in(client: Client) -> None:
    assert client.get("/en/catalog/skills/search", {"q": "python"}).status_code == 302


def test_import_splits_label_alternatives_and_description() -> None:
    text = (
        "manage musical staff manage staff of music direct musical staff "
        "Assign and manage staff tasks in areas such as scoring."
    )
    python = "Python (computer programming) Python 3K Python The techniques of software."
    rows = convert(
        [(PYTHON_SKILL, python), ("http://data.europa.eu/esco/skill/x1", text)]
        + [(f"http://data.europa.eu/esco/skill/m{n}", f"manage thing {n} Do it.") for n in range(8)]
    )
    found = {uuid: (label, terms) for uuid, label, terms in rows}
    assert found["x1"] == ("manage musical staff", "manage staff of music direct musical staff")
    assert found[PYTHON_SKILL.rsplit("/", 1)[1]] == (
        "Python (computer programming)",
        "Python 3K Python",
    )
