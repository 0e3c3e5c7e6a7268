"""The questionnaire while it is filled in, through HTTP: one section per page, each answer
autosaved (CSRF, organisation and membership checked), kept per member across sign-ins, and
the member resumes on the page they left."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.strategy.models import Assessment, ReadinessDraft, Strategy
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness.engine import default_kb, questionnaire
from tests.conftest import MakeMember

pytestmark = pytest.mark.django_db
KB = default_kb()
SECTIONS = questionnaire(KB, "en")


def url(name: str, strategy: Strategy, slug: str | None = None) -> str:
    kwargs = {"org": slug or strategy.organization.slug, "sid": strategy.public_id}
    return reverse(f"strategy:{name}", kwargs=kwargs)


def first_signal(section: int = 1) -> str:
    """The first question of a section; section 1's (the second page) takes a 0–4 scale."""
    return SECTIONS[section].questions[0].signal


def autosave(client: Client, strategy: Strategy, signal: str, value: str, **extra: Any) -> Any:
    return client.post(
        url("readiness_answer", strategy, extra.pop("slug", None)),
        {"signal": signal, "value": value},
        **extra,
    )


def test_autosave_keeps_each_answer_and_counts_them(
    member_client: Client, strategy: Strategy, member: Any
) -> None:
    response = autosave(member_client, strategy, first_signal(), "2")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "saved": True,
        "answered": 1,
        "total": len(KB.signals),
    }
    draft = ReadinessDraft.objects.get(strategy=strategy, user=member)
    assert draft.answers == {first_signal(): 2}
    autosave(member_client, strategy, first_signal(), "")
    draft.refresh_from_db()
    assert draft.answers == {}


def test_autosave_refuses_what_is_not_an_answer_with_the_question_in_words(
    member_client: Client, strategy: Strategy
) -> None:
    response = autosave(member_client, strategy, first_signal(), "maybe")
    assert response.status_code == 400
    answer = json.loads(response.content)
    assert answer["saved"] is False
    assert SECTIONS[1].questions[0].text in answer["error"]
    assert autosave(member_client, strategy, "NO-SUCH-QUESTION", "yes").status_code == 404
    assert not ReadinessDraft.objects.filter(strategy=strategy).exclude(answers={}).exists()


def test_autosave_needs_the_csrf_token(strategy: Strategy, member: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert autosave(client, strategy, first_signal(), "2").status_code == 403
    page = client.get(url("readiness", strategy))
    token = page.cookies["csrftoken"].value
    response = autosave(client, strategy, first_signal(), "2", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert ReadinessDraft.objects.get(strategy=strategy).answers == {first_signal(): 2}


def test_autosave_is_refused_outside_the_organisation(
    client: Client,
    make_member: MakeMember,
    strategy: Strategy,
    other_organization: Organization,
) -> None:
    assert autosave(client, strategy, first_signal(), "2").status_code == 302  # to sign-in
    client.force_login(make_member(other_organization, Role.ADMIN))
    for slug in (None, other_organization.slug):
        assert autosave(client, strategy, first_signal(), "2", slug=slug).status_code == 404
    assert client.get(url("readiness_answer", strategy)).status_code == 405
    assert not ReadinessDraft.objects.filter(strategy=strategy).exists()


def test_every_role_of_the_organisation_may_answer_and_answers_are_each_members_own(
    client: Client, organization: Organization, make_member: MakeMember, strategy: Strategy
) -> None:
    for number, role in enumerate((Role.ADMIN, Role.ISSUER, Role.QA_REVIEWER)):
        someone = make_member(organization, role, email=f"m{number}@anadolu.example")
        client.force_login(someone)
        assert autosave(client, strategy, first_signal(), str(number)).status_code == 200
        assert ReadinessDraft.objects.get(user=someone).answers == {first_signal(): number}
    assert ReadinessDraft.objects.filter(strategy=strategy).count() == 3


def test_answers_are_kept_across_signing_out_and_in(
    client: Client, strategy: Strategy, member: Any
) -> None:
    client.force_login(member)
    autosave(client, strategy, first_signal(1), "4")
    page = {"page": "1", "action": "next", f"q-{first_signal(0)}": "partly"}
    client.post(url("readiness", strategy), page)
    client.post(reverse("accounts:sign_out"))
    assert client.get(url("readiness", strategy)).status_code == 302
    client.force_login(member)
    html = client.get(url("readiness", strategy) + "?page=2").content.decode()
    assert f'name="q-{first_signal(1)}" value="4" checked' in html
    html = client.get(url("readiness", strategy) + "?page=1").content.decode()
    assert f'name="q-{first_signal(0)}" value="partly" checked' in html


def test_pages_go_forward_and_back_and_the_member_resumes_where_they_left(
    member_client: Client, strategy: Strategy
) -> None:
    start = member_client.get(url("readiness", strategy)).content.decode()
    assert f"Section 1 of {len(SECTIONS)}" in start
    assert 'value="next">Save and continue' in start
    assert 'value="back"' not in start
    forward = member_client.post(url("readiness", strategy), {"page": "1", "action": "next"})
    assert forward["Location"] == url("readiness", strategy) + "?page=2"
    member_client.post(url("readiness", strategy), {"page": "2", "action": "next"})
    back = member_client.post(url("readiness", strategy), {"page": "3", "action": "back"})
    assert back["Location"] == url("readiness", strategy) + "?page=2"
    resumed = member_client.get(url("readiness", strategy)).content.decode()
    assert f"Section 2 of {len(SECTIONS)}" in resumed
    assert SECTIONS[1].title in resumed
    last = member_client.get(url("readiness", strategy) + f"?page={len(SECTIONS)}")
    assert 'value="finish">Save and score the assessment' in last.content.decode()
    assert 'value="next"' not in last.content.decode()
    unknown = member_client.get(url("readiness", strategy) + "?page=99").content.decode()
    assert f"Section {len(SECTIONS)} of {len(SECTIONS)}" in unknown


def test_finishing_scores_every_autosaved_answer_and_starts_again_from_the_first_page(
    member_client: Client, strategy: Strategy, member: Any
) -> None:
    for section in SECTIONS:
        for question in section.questions:
            autosave(
                member_client, strategy, question.signal, "yes" if question.kind == "ypn" else "4"
            )
    last = str(len(SECTIONS))
    response = member_client.post(url("readiness", strategy), {"page": last, "action": "finish"})
    saved = Assessment.objects.get(strategy=strategy)
    assert response["Location"].endswith(f"/readiness/{saved.public_id}/")
    assert saved.author == member
    assert all(d["score"] == 100 for d in saved.scores["dimensions"].values())
    page = member_client.get(url("readiness", strategy)).content.decode()
    assert f"Section 1 of {len(SECTIONS)}" in page


def test_a_first_draft_starts_from_the_latest_assessment(
    member_client: Client, strategy: Strategy
) -> None:
    assessing.save_assessment(strategy, None, {first_signal(): 3})
    html = member_client.get(url("readiness", strategy) + "?page=2").content.decode()
    assert f'name="q-{first_signal()}" value="3" checked' in html


def test_the_questionnaire_in_turkish_shows_no_code_or_english(
    member_client: Client, strategy: Strategy
) -> None:
    html = member_client.get(url("readiness", strategy).replace("/en/", "/tr/")).content.decode()
    assert f"Bölüm 1 / {len(SECTIONS)}" in html
    assert "Kaydet ve devam et" in html
    for english in ("Section", "Save and", "Yes", "Partly", "questions answered"):
        assert english not in html
    text = html.split("<main", 1)[1]
    assert first_signal() not in text.replace(f'name="q-{first_signal()}"', "").replace(
        f'id="q-{first_signal()}"', ""
    )
