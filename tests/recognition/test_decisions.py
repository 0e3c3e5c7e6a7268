"""Requests and decisions through the services: each decision type, the one appeal, the
answer, standing rules, and submissions that do not verify (nothing stored)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.recognition import decisions, rules, submission
from microcred.recognition.errors import RecognitionError
from microcred.recognition.models import Decision, EvidenceFile, Request, Target
from microcred.verification.services import verify_document
from microcred.wallet import claims
from microcred.wallet.models import WalletItem

from .conftest import LEARNER, issue, make_learner

pytestmark = pytest.mark.django_db


def submit(learner: User, course: Target, held: WalletItem, **kwargs: object) -> Request:
    return submission.submit(learner, target=course, item_ids=[held.public_id], **kwargs)  # type: ignore[arg-type]


def test_a_submission_freezes_the_verified_facts(
    learner: User, held: WalletItem, course: Target
) -> None:
    made = submit(learner, course, held, statement="I took it last spring.")
    (credential,) = made.credentials.all()
    facts = credential.facts
    assert credential.report["verified"] is True
    assert facts["issuer_name"] == "Other Academy"
    assert facts["issuer_id"].startswith("did:web:")
    assert facts["ects"] == "2.5"
    assert facts["eqf_level"] == 6
    assert "Cleans a small data set." in facts["outcomes"]
    assert facts["grade"] == "AA"
    assert facts["trust"]["code"] != "issuer_recognised"  # no body recognises the provider
    assert credential.achievement_id.endswith(
        held.credential["credentialSubject"]["achievement"]["id"].rsplit("/", 1)[-1]
    )


def test_full_recognition_is_issued_as_a_credential_that_names_the_recognised_one(
    learner: User, held: WalletItem, course: Target, reviewer: User
) -> None:
    made = submit(learner, course, held)
    decision = decisions.decide(made, outcome="full", by=reviewer)
    assert decision.ects == Decimal(6)
    award = decision.award
    assert award is not None
    assert award.organization == course.organization
    credential = award.credential
    subject = credential["credentialSubject"]
    assert subject["creditsEarned"] == 6
    assert subject["achievement"]["achievementType"] == "ext:RecognitionOfPriorLearning"
    assert "BIL101" in subject["achievement"]["name"]
    assert "6 of 6 ECTS" in subject["achievement"]["description"]
    named = [r["id"] for r in credential["relatedResource"]]
    assert held.credential["id"] in named
    assert verify_document(credential).verified
    # It is in the learner's passport, and does not add to the ECTS total twice.
    item = WalletItem.objects.get(owner=learner, award_public_id=award.public_id)
    assert item.source == WalletItem.Source.PLATFORM
    # The desk's record keeping is not a micro-credential the designers or officers offer.
    assert award.specification_version.specification.internal
    offered = catalog.versions_of(course.organization)
    assert award.specification_version.specification not in offered


def test_partial_recognition_needs_a_reason_and_fewer_ects_than_the_target(
    learner: User, held: WalletItem, course: Target, reviewer: User
) -> None:
    made = submit(learner, course, held)
    with pytest.raises(RecognitionError) as no_reason:
        decisions.decide(made, outcome="partial", ects=Decimal(4), by=reviewer)
    assert no_reason.value.code == "recognition.reason"
    for too_many in (Decimal(6), Decimal(7), Decimal(0)):
        with pytest.raises(RecognitionError) as error:
            decisions.decide(made, outcome="partial", ects=too_many, reason="r", by=reviewer)
        assert error.value.code == "recognition.partial_ects"
    assert not Decision.objects.exists()
    assert not Award.objects.filter(organization=course.organization).exists()
    decision = decisions.decide(
        made, outcome="partial", ects=Decimal(4), reason="No regression models.", by=reviewer
    )
    assert decision.award is not None
    assert decision.award.credential["credentialSubject"]["creditsEarned"] == 4
    with pytest.raises(RecognitionError) as twice:
        decisions.decide(made, outcome="full", by=reviewer)
    assert twice.value.code == "recognition.decided"


def test_a_refusal_needs_a_reason_and_issues_nothing(
    learner: User, held: WalletItem, course: Target, reviewer: User
) -> None:
    made = submit(learner, course, held)
    with pytest.raises(RecognitionError):
        decisions.decide(made, outcome="refused", by=reviewer)
    decision = decisions.decide(made, outcome="refused", reason="Different field.", by=reviewer)
    assert decision.award is None
    assert decision.ects == 0


def test_the_learner_is_told_in_their_language(
    learner: User,
    held: WalletItem,
    course: Target,
    reviewer: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    made = submit(learner, course, held, language="tr")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        decisions.decide(made, outcome="partial", ects=Decimal(4), reason="Eksik.", by=reviewer)
    (message,) = [m for m in mail.outbox if LEARNER in m.to]
    assert "Veri Bilimine Giriş" in message.subject
    assert "Kısmi tanıma" in message.body
    assert "Eksik." in message.body


def test_one_appeal_answered_by_another_reviewer_improves_and_renews(
    learner: User,
    held: WalletItem,
    course: Target,
    reviewer: User,
    second_reviewer: User,
) -> None:
    made = submit(learner, course, held)
    with pytest.raises(RecognitionError) as early:
        decisions.appeal(made, argument="Too early")
    assert early.value.code == "recognition.not_decided"
    first = decisions.decide(
        made, outcome="partial", ects=Decimal(4), reason="No modelling.", by=reviewer
    )
    decisions.appeal(made, argument="My project fitted two regression models.")
    with pytest.raises(RecognitionError) as again:
        decisions.appeal(made, argument="Once more")
    assert again.value.code == "recognition.appealed"
    with pytest.raises(RecognitionError) as same:
        decisions.answer_appeal(made, outcome="full", reason="Convinced.", by=reviewer)
    assert same.value.code == "recognition.same_reviewer"
    with pytest.raises(RecognitionError) as worse:
        decisions.answer_appeal(made, outcome="refused", reason="No.", by=second_reviewer)
    assert worse.value.code == "recognition.worse"
    with pytest.raises(RecognitionError) as no_reason:
        decisions.answer_appeal(made, outcome="full", reason=" ", by=second_reviewer)
    assert no_reason.value.code == "recognition.reason"
    final = decisions.answer_appeal(
        made, outcome="full", reason="The project covers it.", by=second_reviewer
    )
    assert final.stage == "appeal"
    assert final.ects == 6
    assert final.award is not None
    assert final.award.renews == first.award
    assert first.award is not None
    first.award.refresh_from_db()
    assert first.award.state == Award.State.REVOKED
    with pytest.raises(RecognitionError) as answered:
        decisions.answer_appeal(made, outcome="full", reason="Again.", by=second_reviewer)
    assert answered.value.code == "recognition.answered"


def test_a_lone_reviewer_answers_the_appeal_and_may_uphold(
    learner: User, held: WalletItem, course: Target, reviewer: User
) -> None:
    made = submit(learner, course, held)
    first = decisions.decide(made, outcome="refused", reason="Different field.", by=reviewer)
    decisions.appeal(made, argument="It is the same field.")
    final = decisions.answer_appeal(made, outcome="refused", reason="It is not.", by=reviewer)
    assert final.award is None
    assert first.award is None


def test_a_standing_rule_decides_a_matching_request_and_says_so(
    learner: User,
    held: WalletItem,
    course: Target,
    reviewer: User,
    provider_version: SpecificationVersion,
) -> None:
    made = submit(learner, course, held)
    decision = decisions.decide(
        made, outcome="partial", ects=Decimal(4), reason="Covers the first half.", by=reviewer
    )
    rule = rules.rule_from_decision(decision, made.credentials.get(), by=reviewer)
    assert rule.ects == 4
    assert rule.issuer_name == "Other Academy"
    other = make_learner("mehmet@uni.example")
    other_item = claims.claim(other, issue(provider_version, "mehmet@uni.example").award)
    auto = submission.submit(other, target=course, item_ids=[other_item.public_id])
    (decided,) = auto.decisions.all()
    assert decided.rule == rule
    assert decided.decided_by is None
    assert decided.outcome == "partial"
    assert decided.ects == 4
    assert decided.award is not None
    assert (
        "standing rule"
        in decided.award.credential["credentialSubject"]["achievement"]["criteria"]["narrative"]
    )
    rules.withdraw(rule)
    third = make_learner("zeynep@uni.example")
    third_item = claims.claim(third, issue(provider_version, "zeynep@uni.example").award)
    waiting = submission.submit(third, target=course, item_ids=[third_item.public_id])
    assert not waiting.decisions.exists()


def test_a_revoked_credential_is_refused_and_nothing_is_stored(
    learner: User, held: WalletItem, course: Target
) -> None:
    award = Award.objects.get(public_id=held.award_public_id)
    with signer_for(award.organization) as signer:
        change_status([award], StatusAction.REVOKE, reason="Plagiarism.", by=None, signer=signer)
    with translation.override("en"), pytest.raises(RecognitionError) as error:
        submit(learner, course, held)
    assert error.value.code == "recognition.not_verified"
    assert "did not verify" in error.value.message
    assert "revoked" in error.value.message.lower()
    assert not Request.objects.exists()
    assert not EvidenceFile.objects.exists()


def test_a_tampered_credential_is_refused_and_nothing_is_stored(
    learner: User, held: WalletItem, course: Target
) -> None:
    forged = json.loads(held.raw)
    forged["credentialSubject"]["achievement"]["name"] = "Doctorate in Everything"
    held.raw = json.dumps(forged)
    held.save(update_fields=["raw"])
    with pytest.raises(RecognitionError) as error:
        submit(learner, course, held, language="tr")
    assert error.value.code == "recognition.not_verified"
    assert "Hiçbir şey gönderilmedi" in error.value.message
    assert not Request.objects.exists()
    assert not (Path(settings.VAR_DIR) / "recognition-evidence").exists()


def test_only_the_learners_own_credentials_and_open_targets(
    learner: User, held: WalletItem, course: Target, organization: Organization
) -> None:
    intruder = make_learner("intruder@uni.example")
    with pytest.raises(RecognitionError) as not_held:
        submission.submit(intruder, target=course, item_ids=[held.public_id])
    assert not_held.value.code == "recognition.not_held"
    with pytest.raises(RecognitionError) as nothing:
        submission.submit(learner, target=course, item_ids=[])
    assert nothing.value.code == "recognition.nothing_submitted"
    Target.objects.filter(pk=course.pk).update(open=False)
    course.refresh_from_db()
    with pytest.raises(RecognitionError) as closed:
        submit(learner, course, held)
    assert closed.value.code == "recognition.target_closed"
