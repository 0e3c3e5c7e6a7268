"""A pathway completed from credentials of two issuers yields a stacked credential: an OB
3.0 credential whose Achievement names its component achievements and which binds the
learner's component credentials by id and digest; a revoked component is not counted;
the CLR export says each component is part of the whole."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import User
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.pathways import services
from microcred.pathways.errors import PathwayError
from microcred.pathways.models import Follow, StackedCredential
from microcred.pathways.progress import NOT_VERIFIED
from microcred.vc.bindings import HAS_PART, binding_for
from microcred.vc.verify.parse import Parsed
from microcred.verification.services import verify_document
from microcred.wallet import pathways as passport_pathways
from microcred.wallet.data import delete_account
from microcred.wallet.documents.clr import build_clr
from microcred.wallet.models import WalletItem
from tests.conftest import PASSWORD

from .conftest import IssueTo, Scenario, achievement_url, hold

pytestmark = pytest.mark.django_db


def _both(scenario: Scenario, learner: User, issue_to: IssueTo) -> tuple[WalletItem, WalletItem]:
    return hold(learner, issue_to(scenario.python)), hold(learner, issue_to(scenario.ml))


def test_half_way_shows_what_is_missing(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    hold(learner, issue_to(scenario.python))
    services.follow(learner, scenario.pathway)
    following, suggested = passport_pathways.cards(learner, "en")
    assert suggested == []
    (card,) = following
    assert not card.complete
    assert card.counted == ["Python ile Veri Analizi"]
    assert "Still missing: Machine Learning Basics from Other Academy" in card.rules[0].detail
    with pytest.raises(PathwayError) as refused:
        passport_pathways.receive_stack(learner, scenario.pathway)
    assert refused.value.code == "pathways.not_complete"


def test_suggested_when_credentials_already_count(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    hold(learner, issue_to(scenario.ml))
    following, suggested = passport_pathways.cards(learner, "tr")
    assert following == []
    assert [c.name for c in suggested] == ["Veri Bilimi Sertifika Programı"]


def test_completed_from_two_issuers_yields_a_bound_stacked_credential(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    python, ml = _both(scenario, learner, issue_to)
    services.follow(learner, scenario.pathway)
    (card,), _ = passport_pathways.cards(learner, "en")
    assert card.complete
    item = passport_pathways.receive_stack(learner, scenario.pathway)
    stack = item.credential
    achievement = stack["credentialSubject"]["achievement"]
    assert achievement["id"] == achievement_url(scenario.target)
    parts = [a for a in achievement["alignment"] if a.get("targetType") == HAS_PART]
    assert {a["targetUrl"] for a in parts} == {
        achievement_url(scenario.python),
        achievement_url(scenario.ml),
    }
    bound = {
        r["id"]: r["digestSRI"] for r in stack["relatedResource"] if r["id"].startswith("urn:")
    }
    for component in (python, ml):
        expected = binding_for(Parsed(component.credential))
        assert bound[expected["id"]] == expected["digestSRI"]
    assert verify_document(stack).verified
    report = verify_document(stack, components=[python.raw, ml.raw])
    assert [c.code for c in report.checks if c.check == "components"] == ["component_bound"] * 2
    assert report.verified
    # Asking again returns the same credential, and the passport links to it.
    assert passport_pathways.receive_stack(learner, scenario.pathway).pk == item.pk
    assert StackedCredential.objects.get().award_public_id == item.award_public_id
    (card,), _ = passport_pathways.cards(learner, "en")
    assert card.stack_item == item.public_id


def test_a_revoked_component_is_not_counted(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    hold(learner, issue_to(scenario.python))
    ml = issue_to(scenario.ml)
    hold(learner, ml)
    with signer_for(scenario.academy) as signer:
        change_status(
            [ml.award], StatusAction.REVOKE, reason="Issued in error.", by=None, signer=signer
        )
    services.follow(learner, scenario.pathway)
    (card,), _ = passport_pathways.cards(learner, "en")
    assert not card.complete
    assert card.counted == ["Python ile Veri Analizi"]
    assert [title for title, _reason in card.not_counted] == ["Machine Learning Basics"]
    progress = services.progress_of(scenario.pathway, _evidence(learner))
    assert [reason for _e, reason in progress.not_counted] == [NOT_VERIFIED]
    with pytest.raises(PathwayError):
        passport_pathways.receive_stack(learner, scenario.pathway)
    assert not Award.objects.filter(specification_version=scenario.target).exists()


def _evidence(learner: User) -> Any:
    from microcred.pathways.holdings import verified_evidence

    return verified_evidence(passport_pathways.held_by(learner))


def test_a_swapped_component_fails_the_binding(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    python, ml = _both(scenario, learner, issue_to)
    services.follow(learner, scenario.pathway)
    stack = passport_pathways.receive_stack(learner, scenario.pathway).credential
    other = issue_to(scenario.ml, email="someone@uni.example").award.credential
    swapped = verify_document(stack, components=[python.raw, json.dumps(other)])
    codes = {c.code for c in swapped.failures}
    assert "component_not_bound" in codes
    assert not swapped.verified
    same_id = dict(other, id=ml.credential["id"])
    altered = verify_document(stack, components=[python.raw, json.dumps(same_id)])
    assert "component_digest_mismatch" in {c.code for c in altered.failures}


def test_automatic_issue_on_the_task_queue(
    scenario: Scenario,
    learner: User,
    issue_to: IssueTo,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    scenario.pathway.auto_issue = True
    scenario.pathway.save()
    services.follow(learner, scenario.pathway)
    with django_capture_on_commit_callbacks(execute=True):
        hold(learner, issue_to(scenario.python))
    assert not StackedCredential.objects.exists()  # half-way: nothing issued
    with django_capture_on_commit_callbacks(execute=True):
        hold(learner, issue_to(scenario.ml))
    stack = StackedCredential.objects.get()
    assert stack.automatic
    assert WalletItem.objects.filter(owner=learner, award_public_id=stack.award_public_id).exists()


def test_clr_export_shows_each_component_is_part_of_the_whole(
    scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    _both(scenario, learner, issue_to)
    services.follow(learner, scenario.pathway)
    passport_pathways.receive_stack(learner, scenario.pathway)
    credentials = [i.credential for i in WalletItem.objects.filter(owner=learner)]
    record = build_clr(
        credentials,
        learner_name=None,
        holder_did="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        now=timezone.now(),
        issuer_profile={"id": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
    )
    pairs = {
        (a["sourceId"], a["associationType"], a["targetId"])
        for a in record["credentialSubject"]["association"]
    }
    whole = achievement_url(scenario.target)
    assert (achievement_url(scenario.python), "isPartOf", whole) in pairs
    assert (achievement_url(scenario.ml), "isPartOf", whole) in pairs


def test_clr_download_over_http_carries_the_associations(
    scenario: Scenario, learner: User, issue_to: IssueTo, client: Client
) -> None:
    _both(scenario, learner, issue_to)
    services.follow(learner, scenario.pathway)
    passport_pathways.receive_stack(learner, scenario.pathway)
    assert client.login(username=learner.email, password=PASSWORD)
    response = client.get("/en/wallet/data/clr.json")
    assert response.status_code == 200
    associations = json.loads(response.content)["credentialSubject"]["association"]
    assert {a["targetId"] for a in associations} == {achievement_url(scenario.target)}


def test_the_personal_data_export_and_deletion_cover_pathways(
    scenario: Scenario, learner: User, issue_to: IssueTo, client: Client
) -> None:
    _both(scenario, learner, issue_to)
    services.follow(learner, scenario.pathway)
    item = passport_pathways.receive_stack(learner, scenario.pathway)
    assert client.login(username=learner.email, password=PASSWORD)
    data = json.loads(client.get("/en/wallet/data/export.json").content)["pathways"]
    assert [f["pathway"] for f in data["following"]] == [scenario.pathway.public_id]
    assert [s["award"] for s in data["stackedCredentials"]] == [item.award_public_id]
    delete_account(learner)
    assert not StackedCredential.objects.exists()
    assert not Follow.objects.exists()
