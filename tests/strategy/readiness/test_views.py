"""The readiness pages: roles, saving and scoring, gates, progress, and recommendations whose
reasons come from the answers and from the canvas and STEEP."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.strategy.canvas import editing
from microcred.strategy.models import Assessment, ReadinessDraft, Strategy
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness.engine import default_kb, questionnaire
from microcred.strategy.steep import work as steep_work
from tests.conftest import MakeMember

pytestmark = pytest.mark.django_db
KB = default_kb()


def form(default: str = "no", **chosen: str) -> dict[str, str]:
    """Every question answered ``default`` ("no" → 0, "yes" → 4 on scales) unless chosen."""
    scale = {"no": "0", "partly": "2", "yes": "4"}
    data = {}
    for s in KB.signals:
        answer = chosen.get(s.id.replace("-", "_"), default)
        data[f"q-{s.id}"] = answer if s.kind == "ypn" else scale[answer]
    return data


def fill(client: Client, strategy: Strategy, data: dict[str, str]) -> Any:
    """Answers the questionnaire page by page as a browser without script does ("Save and
    continue" on each page, then "Save and score" on the last); the last response."""
    count = len(KB.dimensions)
    for number in range(1, count + 1):
        action = "finish" if number == count else "next"
        response = client.post(
            url("readiness", strategy), {**data, "page": str(number), "action": action}
        )
    return response


def url(name: str, strategy: Strategy, slug: str | None = None, **extra: str) -> str:
    kwargs = {"org": slug or strategy.organization.slug, "sid": strategy.public_id, **extra}
    return reverse(f"strategy:{name}", kwargs=kwargs)


def routes(strategy: Strategy, slug: str | None = None) -> list[tuple[str, str, dict[str, str]]]:
    saved = assessing.save_assessment(strategy, None, {})
    return [
        ("get", url("readiness", strategy, slug), {}),
        ("post", url("readiness", strategy, slug), form()),
        ("get", url("readiness_result", strategy, slug, aid=saved.public_id), {}),
        ("get", url("recommendations", strategy, slug), {}),
        ("get", url("report", strategy, slug), {}),
        ("get", url("report_pdf", strategy, slug), {}),
    ]


def test_members_of_any_role_use_every_readiness_and_report_page(
    client: Client, organization: Organization, make_member: MakeMember, strategy: Strategy
) -> None:
    client.force_login(make_member(organization, Role.QA_REVIEWER))
    for method, target, data in routes(strategy):
        response = getattr(client, method)(target, data)
        assert response.status_code in ((302,) if method == "post" else (200,)), target


def test_non_members_and_other_organisations_get_404(
    client: Client,
    make_member: MakeMember,
    strategy: Strategy,
    other_organization: Organization,
) -> None:
    client.force_login(make_member(other_organization, Role.ADMIN))
    for slug in (None, other_organization.slug):
        for method, target, data in routes(strategy, slug):
            assert getattr(client, method)(target, data).status_code == 404, target
    assert Assessment.objects.filter(strategy=strategy).count() == 2  # only routes() saved


def test_an_unknown_assessment_id_is_404(member_client: Client, strategy: Strategy) -> None:
    assert member_client.get(url("readiness_result", strategy, aid="nope")).status_code == 404


def test_the_questionnaire_shows_one_dimension_per_page_with_a_fieldset_per_question(
    member_client: Client, strategy: Strategy
) -> None:
    html = member_client.get(url("readiness", strategy).replace("/en/", "/tr/")).content.decode()
    (first, *_rest) = questionnaire(KB, "tr")
    assert html.count('<fieldset class="question"') == len(first.questions)
    assert html.count('<section class="dimension"') == 1
    assert f"Bölüm 1 / {len(KB.dimensions)}" in html
    assert "Politika ve strateji" in html
    assert "Evet" in html
    assert "Kısmen" in html


def test_saving_scores_and_shows_dimensions_practices_and_the_radar(
    member_client: Client, strategy: Strategy, member: Any
) -> None:
    response = fill(member_client, strategy, form("yes"))
    saved = Assessment.objects.get(strategy=strategy)
    assert response["Location"] == url("readiness_result", strategy, aid=saved.public_id)
    assert saved.author == member
    assert saved.kb_version == KB.kb_version
    assert all(d["score"] == 100 for d in saved.scores["dimensions"].values())
    html = member_client.get(response["Location"]).content.decode()
    assert 'class="radar-current"' in html
    assert html.count('id="practice-') == len(KB.practices)
    assert "Not yet in place" not in html


def test_a_practice_whose_prerequisite_is_missing_is_blocked(
    member_client: Client, strategy: Strategy
) -> None:
    prerequisite = {s.id.replace("-", "_"): "no" for s, _ in KB.signals_of("AC-01")}
    fill(member_client, strategy, form("yes", **prerequisite))
    saved = assessing.latest(strategy)
    assert saved is not None
    assert saved.scores["practices"]["AC-02"]["blocked_by"] == ["AC-01"]
    html = member_client.get(url("readiness_result", strategy, aid=saved.public_id)).content
    row = html.decode().split('id="practice-AC-02"')[1].split("</tr>")[0]
    assert "Blocked by AC-01" in row


def test_a_nonsense_answer_is_refused_and_nothing_is_saved(
    member_client: Client, strategy: Strategy
) -> None:
    (first, *_rest) = questionnaire(KB, "en")
    data = {**form(), "page": "1", "action": "next"}
    data[f"q-{first.questions[0].signal}"] = "maybe"
    response = member_client.post(url("readiness", strategy), data)
    assert response.status_code == 400
    assert Assessment.objects.count() == 0
    assert ReadinessDraft.objects.get(strategy=strategy).answers == {}
    html = unescape(response.content.decode())
    assert f"Choose one of the offered answers for: {first.questions[0].text}" in html


def test_repeating_the_assessment_shows_progress(member_client: Client, strategy: Strategy) -> None:
    fill(member_client, strategy, form("no"))
    fill(member_client, strategy, form("partly", PS_01a="yes", PS_01b="yes"))
    history = assessing.history_of(strategy)
    assert history is not None
    assert history.progress is not None
    assert history.progress.dimensions["policy_strategy"].delta > 0
    html = member_client.get(
        url("readiness_result", strategy, aid=history.current.public_id)
    ).content.decode()
    assert "Progress since the previous assessment" in html
    assert 'class="radar-previous"' in html
    assert "+" in html.split('id="score-policy_strategy"')[1].split("</tr>")[0]


def test_recommendations_give_reasons_from_answers_canvas_and_steep_with_sources(
    member_client: Client, strategy: Strategy
) -> None:
    editing.add_item(strategy, None, "cost_centres", {"name": "Licences"})
    steep_work.add_factor(
        strategy,
        None,
        {
            "lens": "economic",
            "orientation": "opportunity",
            "title": "Employers ask for short industry courses",
            "impact": 5,
            "likelihood": 4,
        },
    )
    weak = {
        s.id.replace("-", "_"): "partly"
        for p in ("SE-07", "PS-09", "ID-10", "ID-01", "SE-06")
        for s, _ in KB.signals_of(p)
    }
    fill(member_client, strategy, form("yes", **weak))
    html = unescape(member_client.get(url("recommendations", strategy)).content.decode())
    for practice in ("SE-07", "PS-09", "ID-10", "ID-01", "SE-06"):
        assert f'id="rec-{practice}"' in html
    rec = html.split('id="rec-SE-07"')[1].split("</li>\n</li>")[0]
    assert KB.rule("CTX-UNFUNDED-COST").reason.en in rec
    assert "You answered “Partly” to:" in rec
    assert KB.practice("SE-07").first_step.en in rec
    assert KB.practice("SE-07").done_when.en in rec
    for key in KB.practice("SE-07").sources:
        source = KB.source(key)
        assert source.citation in rec
        if source.url:
            assert f'href="{source.url}"' in rec
    employer = html.split('id="rec-ID-10"')[1]
    assert KB.rule("CTX-EMPLOYER-DEMAND").reason.en in employer

    turkish = member_client.get(url("recommendations", strategy).replace("/en/", "/tr/"))
    text = unescape(turkish.content.decode())
    assert KB.rule("CTX-UNFUNDED-COST").reason.tr in text
    assert "sorusuna yanıtınız: Kısmen" in text
    assert KB.practice("SE-07").first_step.tr in text


def test_recommendations_without_an_assessment_invite_to_start(
    member_client: Client, strategy: Strategy
) -> None:
    html = member_client.get(url("recommendations", strategy)).content.decode()
    assert "No self-assessment yet." in html
    assert url("readiness", strategy) in html


def test_a_stored_assessment_reads_the_same_after_the_knowledge_base_changes(
    member_client: Client, strategy: Strategy
) -> None:
    saved = assessing.save_assessment(strategy, None, {})
    first = saved.result["recommendations"][0]
    first["title"]["en"] = "A practice the knowledge base has since renamed"
    saved.result["names"]["practices"][first["practice"]]["en"] = first["title"]["en"]
    saved.save()
    html = member_client.get(url("recommendations", strategy)).content.decode()
    assert "A practice the knowledge base has since renamed" in html
