"""Credentials outlive the platform: ``export_public_documents`` writes every public document
as a static tree; a plain static file server (nothing of Microcred behind it) serves it at
the public host name in an isolated network; ``microcred verify --online`` — whose only
network is that host — verifies a credential against it and refuses a revoked one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version
from tests.netns import PUBLIC_LOOKING, isolated_network
from tests.tls import TestAuthority

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import did_document, signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.vc.contexts.integrity import pinned_bytes
from microcred.vc.elements import ELEMENTS_CONTEXT_URL

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOST = "uni.example"
MICROCRED = ROOT / ".venv" / "bin" / "microcred"


@pytest.fixture(autouse=True)
def public_host(settings: Settings) -> None:
    settings.MICROCRED_PUBLIC_URL = f"https://{HOST}"
    settings.MICROCRED_DID_WEB_HOST = HOST


def issue_two(version: SpecificationVersion) -> tuple[dict[str, object], dict[str, object]]:
    requests = [
        AwardRequest(Learner(email, "", "AA", date(2026, 6, 1)), idempotency_key("x", email))
        for email in ("ayse@learners.example", "jean@learners.example")
    ]
    with signer_for(version.specification.organization) as signer:
        valid, revoked = issue_awards(version, requests, signer=signer)
        change_status(
            [revoked.award], StatusAction.REVOKE, reason="Issued in error.", by=None, signer=signer
        )
    return valid.award.credential, revoked.award.credential


def export(directory: Path, *args: str) -> str:
    out = StringIO()
    call_command("export_public_documents", str(directory), *args, stdout=out)
    return out.getvalue()


def test_the_tree_mirrors_the_public_urls(
    tmp_path: Path, organization: Organization, published: SpecificationVersion
) -> None:
    credential, _ = issue_two(published)
    summary = export(tmp_path / "site")
    site = tmp_path / "site"
    assert "2 status" in summary
    assert (site / "contexts/elements/v1.jsonld").read_bytes() == pinned_bytes(ELEMENTS_CONTEXT_URL)
    did = json.loads((site / "orgs/anadolu-uni/did.json").read_text())
    assert did == did_document(organization)
    for entry in credential["credentialStatus"]:  # type: ignore[attr-defined]
        path = entry["statusListCredential"].removeprefix(f"https://{HOST}/")
        assert json.loads((site / path).read_text())["id"] == entry["statusListCredential"]
    achievement = credential["credentialSubject"]["achievement"]  # type: ignore[index]
    path = achievement["id"].removeprefix(f"https://{HOST}/")
    assert json.loads((site / path).read_text())["name"] == achievement["name"]
    profile = json.loads((site / "orgs/anadolu-uni/profile").read_text())
    assert profile["id"] == did["id"]
    assert "Access-Control-Allow-Origin" in (site / "README.txt").read_text()
    assert (site / "orgs").stat().st_mode & 0o777 == 0o755


def test_one_organisation_only_and_refusals(
    tmp_path: Path,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
) -> None:
    issue_two(published)
    export(tmp_path / "one", "--organization", "other-academy")
    assert not (tmp_path / "one/orgs/anadolu-uni").exists()
    assert (tmp_path / "one/orgs/other-academy/profile").exists()
    assert not list((tmp_path / "one").glob("status/*"))
    with pytest.raises(CommandError, match="no organisation"):
        export(tmp_path / "x", "--organization", "nope")
    (tmp_path / "file").write_text("")
    with pytest.raises(CommandError, match="not a directory"):
        export(tmp_path / "file")


def test_verified_online_against_a_plain_static_server(
    tmp_path: Path, published: SpecificationVersion
) -> None:
    valid, revoked = issue_two(published)
    export(tmp_path / "site")
    (tmp_path / "valid.json").write_text(json.dumps(valid))
    (tmp_path / "revoked.json").write_text(json.dumps(revoked))
    authority = TestAuthority(tmp_path)
    cert = authority.issue(HOST)
    with isolated_network({HOST: PUBLIC_LOOKING[0]}) as network:
        server = network.start(
            [sys.executable, str(ROOT / "tests" / "static_tls_server.py"),
             f"--root={tmp_path / 'site'}", f"--cert={cert.certfile}",
             f"--key={cert.keyfile}", f"--bind={PUBLIC_LOOKING[0]}", "--port=443"],
            tmp_path / "static.log",
        )  # fmt: skip
        try:
            _wait_for(tmp_path / "static.log", server)
            offline = network.run(
                [str(MICROCRED), "verify", "--json", str(tmp_path / "valid.json")]
            )
            online = network.run(
                ["env", f"SSL_CERT_FILE={authority.ca_file}", str(MICROCRED), "verify",
                 "--online", "--json", str(tmp_path / "valid.json"),
                 str(tmp_path / "revoked.json")],
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert offline.returncode == 1, offline.stderr  # nothing fetched without --online
    reports = {Path(r["file"]).name: r for r in map(json.loads, online.stdout.splitlines())}
    assert reports["valid.json"]["verified"], reports["valid.json"]["checks"]
    assert not reports["revoked.json"]["verified"]
    codes = {c["code"] for c in reports["revoked.json"]["checks"]}
    assert "revoked" in codes, codes


def _wait_for(log: Path, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if "serving" in log.read_text():
            return
        if server.poll() is not None:
            pytest.fail(f"static server exited: {log.read_text()}")
        time.sleep(0.1)
    pytest.fail("static server did not start")
