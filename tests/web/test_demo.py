"""The demo data of a first run: made by the real services, verifiable, loaded only once."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.helpers import documents_for, fetch_documents

from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.vc.verify import verify_credential
from microcred.web.demo.registry import BODY_SLUG as QA_SLUG
from microcred.web.demo.seed import LEARNERS, SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_the_demo_issues_verifiable_credentials_and_one_revocation(
    var_dir: Path, kek: str, client: Client
) -> None:
    err = io.StringIO()
    call_command("seed_demo", "--if-empty", stderr=err)
    org = Organization.objects.get(slug=SLUG)
    awards = list(Award.objects.filter(organization=org).order_by("id"))
    assert len(awards) == len(LEARNERS)
    revoked = [a for a in awards if a.state == Award.State.REVOKED]
    assert len(revoked) == 1
    assert "plagiarised" in revoked[0].state_reason
    qa_body = Organization.objects.get(slug=QA_SLUG)
    for award in awards:
        [endorsement] = award.credential["credentialSubject"]["achievement"]["endorsement"]
        assert endorsement["issuer"]["name"] == "Demo Kalite Kurulu"
        report = verify_credential(
            award.credential,
            now=award.created,
            documents={
                **fetch_documents(client, org, award),
                **documents_for(client, qa_body),
            },
        )
        assert report.find("endorsements").code == "endorsement_verified"  # type: ignore[union-attr]
        failures = {c.code for c in report.failures}
        assert failures == ({"revoked"} if award in revoked else set()), failures
    accounts = (var_dir / "demo-accounts.txt").read_text()
    password = accounts.split()[-1]
    assert password in err.getvalue()
    assert documents_for(client, org)  # the organisation's did.json is served
    assert client.login(username=LEARNERS[0][1], password=password)
    passport = client.get("/en/wallet/")
    assert passport.status_code == 200
    assert "Veri Okuryazarlığı" in passport.content.decode()  # her claimed credential


def test_the_demo_quality_body_recognises_the_university(
    var_dir: Path, kek: str, client: Client
) -> None:
    from microcred.verification.services import verify_document
    from microcred.web.demo.registry import BODY_SLUG, REVIEWER

    call_command("seed_demo", stderr=io.StringIO())
    award = Award.objects.filter(organization__slug=SLUG, state=Award.State.ACTIVE).first()
    assert award is not None
    trust = verify_document(award.credential).find("trust")
    assert trust is not None
    assert (trust.code, str(trust.status)) == ("issuer_recognised", "passed")
    assert trust.params["body"] == "Demo Kalite Kurulu"
    assert REVIEWER in (var_dir / "demo-accounts.txt").read_text()
    page = client.get(f"/en/registry/issuers/{SLUG}/").content.decode()
    assert "Recognised by" in page
    assert "Demo Kalite Kurulu" in page
    listed = client.get(f"/registry/trust-lists/{BODY_SLUG}", HTTP_ACCEPT="application/vc")
    assert listed["Content-Type"] == "application/vc"
    assert json.loads(listed.content)["credentialSubject"]["recognition"][0]["issuerName"] == (
        "Demo Üniversitesi"
    )
    # The approval of the demo micro-credential is a registry fact on its public page.
    achievement = award.credential["credentialSubject"]["achievement"]["id"].rsplit("/", 1)[1]
    public = client.get(f"/tr/registry/achievements/{achievement}/").content.decode()
    assert "Demo Kalite Kurulu" in public
    assert 'class="approval"' in public


def test_the_demo_strategy_shows_its_open_checks(var_dir: Path, kek: str, client: Client) -> None:
    from microcred.strategy.canvas.checks import check_canvas
    from microcred.strategy.models import Strategy
    from microcred.strategy.services import snapshot

    call_command("seed_demo", stderr=io.StringIO())
    strategy = Strategy.objects.get(organization__slug=SLUG)
    codes = {finding.code for finding in check_canvas(snapshot(strategy))}
    assert "budget.unfunded" in codes  # the cost centre without a funding source
    assert "performance.no_owner" in codes  # the indicator without an owner
    assert strategy.factors.count() == 2


def test_the_demo_is_loaded_only_into_an_empty_database(var_dir: Path, kek: str) -> None:
    call_command("seed_demo", stderr=io.StringIO())
    call_command("seed_demo", "--if-empty", stderr=io.StringIO())  # a second start: nothing
    assert Organization.objects.count() == 2  # the university and the QA body
    with pytest.raises(CommandError, match="already has organisations"):
        call_command("seed_demo", stderr=io.StringIO())


def test_the_demo_learner_is_half_way_along_its_pathway(
    var_dir: Path, kek: str, client: Client
) -> None:
    err = io.StringIO()
    call_command("seed_demo", stderr=err)
    password = (var_dir / "demo-accounts.txt").read_text().split()[-1]
    assert client.login(username=LEARNERS[0][1], password=password)
    passport = client.get("/tr/wallet/").content.decode()
    assert "Veri Bilimi Sertifika Programı" in passport
    assert "Hâlâ eksik: Makine Öğrenmesine Giriş" in passport
    assert "Yığın belgeyi isteyin" not in passport  # half-way: nothing to request yet
