"""The desk over HTTP: the learner's form with files and its limits, the reviewers' pages,
who may see what (other organisations and other learners get 404, other roles 403), the
evidence served as an attachment, and the decision credential verified by the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.accounts.models import User
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.recognition import decisions, submission
from microcred.recognition.models import EvidenceFile, Request, Target
from microcred.wallet.models import WalletItem
from tests.conftest import MakeMember

from .conftest import make_learner, signed_in, text

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a transcript\n"


def post_request(client: Client, course: Target, held: WalletItem, *files: Any) -> Any:
    data: dict[str, Any] = {
        "target": course.public_id,
        "credentials": [held.public_id],
        "statement": "I did the project.",
    }
    if files:
        data["files"] = list(files)
    return client.post("/en/recognition/new/", data)


def test_the_learner_asks_from_the_passport_with_a_file(
    client: Client, learner: User, held: WalletItem, course: Target
) -> None:
    signed_in(client, learner)
    passport = client.get("/en/wallet/")
    assert "Request recognition" in text(passport)
    form = client.get("/en/recognition/new/")
    assert "BIL101 — Introduction to Data Science" in text(form)
    response = post_request(
        client, course, held, SimpleUploadedFile("transcript.pdf", PDF, "application/pdf")
    )
    assert response.status_code == 302
    made = Request.objects.get()
    page = text(client.get(response["Location"]))
    assert "Waiting for a reviewer" in page
    assert "Other Academy" in page
    assert "Cleans a small data set." in page
    (item,) = EvidenceFile.objects.all()
    download = client.get(f"/en/recognition/files/{item.public_id}")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert made.learner == learner


def test_upload_limits_give_precise_messages_and_keep_nothing(
    client: Client, learner: User, held: WalletItem, course: Target, settings: Any
) -> None:
    settings.MICROCRED_EVIDENCE_MAX_BYTES = 10
    signed_in(client, learner)
    big = post_request(client, course, held, SimpleUploadedFile("big.pdf", PDF))
    assert big.status_code == 400
    assert "big.pdf: The file is larger than" in text(big)
    settings.MICROCRED_EVIDENCE_MAX_BYTES = 10_000
    fake = post_request(client, course, held, SimpleUploadedFile("cv.pdf", b"MZ\x90\x00"))
    assert "cv.pdf: The file's content does not match its name (.pdf)." in text(fake)
    exe = post_request(client, course, held, SimpleUploadedFile("run.exe", b"MZ"))
    assert "This kind of file is not accepted" in text(exe)
    many = [SimpleUploadedFile(f"f{i}.pdf", PDF) for i in range(11)]
    assert "Attach at most 10 files." in text(post_request(client, course, held, *many))
    assert not Request.objects.exists()
    assert not EvidenceFile.objects.exists()
    turkish = client.post(
        "/tr/recognition/new/",
        {"target": course.public_id, "files": [SimpleUploadedFile("run.exe", b"MZ")]},
    )
    assert "run.exe: Bu dosya türü kabul edilmiyor." in text(turkish)


def test_reviewers_decide_in_their_organisation_only(
    client: Client,
    learner: User,
    held: WalletItem,
    course: Target,
    reviewer: User,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    made = submission.submit(learner, target=course, item_ids=[held.public_id])
    evidence_url = f"/en/recognition/desk/{organization.slug}/requests/{made.public_id}/"
    outsider = make_member(other_organization, Role.RPL_REVIEWER, email="r@other.example")
    assert signed_in(Client(), outsider).get(evidence_url).status_code == 404
    foreign = f"/en/recognition/desk/{other_organization.slug}/requests/{made.public_id}/"
    assert signed_in(Client(), outsider).get(foreign).status_code == 404
    issuer = make_member(organization, Role.ISSUER)
    assert signed_in(Client(), issuer).get(evidence_url).status_code == 403
    other_learner = signed_in(Client(), make_learner("other@uni.example"))
    assert other_learner.get(f"/en/recognition/requests/{made.public_id}/").status_code == 404

    signed_in(client, reviewer)
    overview = text(client.get(f"/en/orgs/{organization.slug}/"))
    assert "1 recognition request waits for a decision." in overview
    queue = client.get(f"/en/recognition/desk/{organization.slug}/")
    assert "1 request waits for a decision." in text(queue)
    review = text(client.get(evidence_url))
    assert "Introduction to Data Science" in review
    assert "Cleans a small data set." in review
    refused = client.post(
        evidence_url + "decide", {"outcome": "partial", "ects": "4", "reason": ""}
    )
    assert "Give the reason for a partial recognition or a refusal." in text(
        client.get(refused["Location"])
    )
    client.post(evidence_url + "decide", {"outcome": "partial", "ects": "4", "reason": "Half."})
    page = text(client.get(evidence_url))
    assert "Partial recognition — 4 of 6 ECTS" in page
    assert "Make this a rule" in page


def test_the_decision_credential_verifies_with_the_cli(
    client: Client,
    learner: User,
    held: WalletItem,
    course: Target,
    reviewer: User,
    organization: Organization,
    tmp_path: Path,
) -> None:
    made = submission.submit(learner, target=course, item_ids=[held.public_id])
    decision = decisions.decide(
        made, outcome="partial", ects=Decimal(4), reason="Half of it.", by=reviewer
    )
    assert decision.award is not None
    credential = decision.award.credential
    documents = {did_for(organization): client.get(f"/orgs/{organization.slug}/did.json").json()}
    for entry in credential["credentialStatus"]:
        url = entry["statusListCredential"]
        documents[url] = json.loads(client.get(url.removeprefix("http://localhost:8000")).content)
    (tmp_path / "cred.json").write_text(json.dumps(credential))
    (tmp_path / "docs.json").write_text(json.dumps(documents))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "microcred.cli",
            "verify",
            "--json",
            "cred.json",
            "--documents",
            "docs.json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout.splitlines()[0])["verified"] is True
    held_item = WalletItem.objects.get(owner=learner, award_public_id=decision.award.public_id)
    passport = text(signed_in(client, learner).get("/en/wallet/"))
    assert "Recognition of prior learning: BIL101" in passport
    assert held_item.credential == credential


def test_admins_add_targets_and_reviewers_see_rules(
    client: Client, organization: Organization, make_member: MakeMember, reviewer: User
) -> None:
    admin = signed_in(client, make_member(organization, Role.ADMIN))
    url = f"/en/recognition/desk/{organization.slug}/targets/"
    bad = admin.post(
        url,
        {"kind": "course", "title_en": "Stats", "title_tr": "İstatistik", "ects": "5"},
    )
    assert bad.status_code == 400
    made = admin.post(
        url,
        {
            "kind": "course",
            "code": "IST201",
            "title_en": "Statistics",
            "title_tr": "İstatistik",
            "ects": "5",
            "eqf_level": "6",
            "outcomes": "Tests hypotheses\nEstimates intervals",
        },
    )
    assert made.status_code == 302
    target = Target.objects.get(code="IST201")
    assert target.outcomes == ["Tests hypotheses", "Estimates intervals"]
    assert signed_in(Client(), reviewer).get(url).status_code == 403
    rules_page = signed_in(Client(), reviewer).get(
        f"/en/recognition/desk/{organization.slug}/rules/"
    )
    assert "IST201 — Statistics" in rules_page.content.decode()
