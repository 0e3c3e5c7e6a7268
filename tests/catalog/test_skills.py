"""The ESCO skills list, its search index and the search endpoint."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog.esco_import import convert
from microcred.catalog.esco_split import FUNCTION_WORDS, Roles, first_repeat
from microcred.catalog.skills import SkillIndex, SkillRow, skill_by_uri, skill_index
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
            SkillRow("c", "work with scripts", "", ""),
            SkillRow("b", "script writing", "", ""),
            SkillRow("a", "script", "", ""),
            SkillRow("d", "manuscript editing", "", ""),
            SkillRow("e", "write plays", "", "scripting"),
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
        "label": "Python (bilgisayar programlama)",  # the Turkish page names it in Turkish
    }
    empty = client.get("/tr/catalog/skills/search", {"q": "zzqqxx"})
    assert "Eşleşen ESCO becerisi yok." in empty.content.decode()
    picked = client.get("/en/catalog/skills/pick", {"uri": PYTHON_SKILL}).content.decode()
    assert f'name="esco_skills" value="{PYTHON_SKILL}" checked' in picked
    assert client.get("/en/catalog/skills/pick", {"uri": "nope"}).status_code == 404


def test_search_needs_sign_in(client: Client) -> None:
    assert client.get("/en/catalog/skills/search", {"q": "python"}).status_code == 302


def test_import_takes_escos_own_label_when_the_text_starts_with_it() -> None:
    python = "Python (computer programming) Python 3K Python The techniques of software."
    other = "http://data.europa.eu/esco/skill/x2"
    rows = convert(
        [(PYTHON_SKILL, python), (other, "write Kazakh written Kazakh Write texts in Kazakh.")],
        {PYTHON_SKILL.rsplit("/", 1)[1]: "Python (computer programming)", "x2": "read Kazakh"},
        Roles.learn(["write Uzbek", "written Uzbek"]),
    )
    found = {uuid: (label, terms) for uuid, label, terms in rows}
    assert found[PYTHON_SKILL.rsplit("/", 1)[1]] == (
        "Python (computer programming)",
        "Python 3K Python",
    )
    # ESCO's label does not start this text: the split decides, and the recurring name
    # "Kazakh" is a label word, not the start of the description
    assert found["x2"] == ("write Kazakh", "written Kazakh")


def test_import_cuts_glued_alternatives() -> None:
    roles = Roles.learn(["examine soil", "consult maps", "consult credit records", "read maps"])
    text = (
        "examine credit ratings consult credit ratings examining credit ratings "
        "Investigate the creditworthiness of companies."
    )
    habitats = "manage habitats managing habitats habitat management"
    rows = convert(
        [
            ("http://data.europa.eu/esco/skill/x1", text),
            ("http://data.europa.eu/esco/skill/x2", habitats),
        ],
        {},
        roles,
    )
    assert [(label, terms) for _, label, terms in rows] == [
        ("examine credit ratings", "consult credit ratings examining credit ratings"),
        ("manage habitats", "managing habitats habitat management"),
    ]


# The only shipped labels that repeat a content word: each is ESCO's own preferred label.
ESCOS_OWN_REPEATS = {
    "apply research ethics and scientific integrity principles in research activities",
    "attach accounting certificates to accounting transactions",
    "communicate with target community",
    "critique the dive with the dive team",
    "follow directions of the artistic director",
    "follow hygienic procedures during food processing",
    "install electrical and electronic equipment",
    "integrate marketing strategies with the global strategy",
    "interact professionally in research and professional environments",
    "interpret graphical communication interfaces",
    "maintain records of maintenance interventions",
    "manage aeronautical information management services",
    "manage environmental management system",
    "paint with a paint gun",
    "produce customised products",
    "produce sustainable products",
    "remove computer virus or malware from a computer",
    "use meteorological tools to forecast meteorological conditions",
    "watch video and motion picture production products",
}


def test_no_shipped_label_carries_its_alternatives() -> None:
    """A preferred label glued to its alternatives repeats its own words ("maintain
    aquaculture ponds aquaculture pond maintaining"), holds a separator, or ends on a word
    that cannot end a label ("apply diplomatic" + "principles utilise diplomacy …")."""
    labels = [skill.label for skill in skill_index().skills]
    repeated = {label for label in labels if first_repeat(label.split()) is not None}
    assert repeated == ESCOS_OWN_REPEATS
    assert not [label for label in labels if {"\n", "|", ";"} & set(label)]
    assert not [label for label in labels if label.split()[-1].lower() in FUNCTION_WORDS]
    by_uri = {skill.uri.rsplit("/", 1)[1]: skill.label for skill in skill_index().skills}
    assert by_uri["001d46db-035e-4b92-83a3-ed8771e0c123"] == "train staff to reduce food waste"
    assert by_uri["0023e7a5-43da-4b68-bee3-726ef21f986d"] == "apply diplomatic principles"
    assert by_uri["00506f28-e884-4496-800c-3477c67eb355"] == "sport and exercise medicine"
