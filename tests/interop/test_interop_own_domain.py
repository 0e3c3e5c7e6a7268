"""An organisation on its own proven domain: Digital Bazaar's verifier, whose only network
is the two hosts involved, verifies a credential issued through the API as
``did:web:odtu.test`` — the keys read from the university's own web server, everything else
from the platform's public documents — and refuses it once revoked.

The hosts live in an isolated network (``tests/netns.py``): ``uni.example`` serves the
platform's public documents as exported (``export_public_documents``) and ``odtu.test`` the
university's ``/.well-known/`` files, each from a plain static HTTPS server.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version
from tests.netns import PUBLIC_LOOKING, Namespace, isolated_network
from tests.tls import TestAuthority

from microcred.catalog.models import SpecificationVersion
from microcred.organizations import domains, keys
from microcred.organizations.models import Organization
from microcred.organizations.tokens import create_token

pytestmark = [pytest.mark.django_db, pytest.mark.interop]

ROOT = Path(__file__).resolve().parents[2]
PLATFORM, UNIVERSITY = "uni.example", "odtu.test"
HOSTS = {PLATFORM: PUBLIC_LOOKING[0], UNIVERSITY: PUBLIC_LOOKING[1]}


def write(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document))


@contextmanager
def static_sites(tmp_path: Path, roots: dict[str, Path]) -> Iterator[Namespace]:
    authority = TestAuthority(tmp_path)
    cert = authority.issue(*roots)
    with isolated_network(HOSTS) as network:
        servers = []
        for host, root in roots.items():
            command = [
                sys.executable, str(ROOT / "tests" / "static_tls_server.py"), f"--root={root}",
                f"--cert={cert.certfile}", f"--key={cert.keyfile}", f"--bind={HOSTS[host]}",
            ]  # fmt: skip
            servers.append(network.start(command, tmp_path / f"{host}.log"))
        try:
            for host in roots:
                _wait_for(tmp_path / f"{host}.log")
            yield network
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)


def _wait_for(log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if log.exists() and "serving" in log.read_text():
            return
        time.sleep(0.1)
    pytest.fail(f"static server did not start: {log.read_text() if log.exists() else ''}")


def outside_verdict(network: Namespace, tmp_path: Path, credential: dict[str, Any]) -> Any:
    file = tmp_path / "credential.json"
    file.write_text(json.dumps(credential))
    hosts = [f"--host={name}={address}:443" for name, address in HOSTS.items()]
    result = network.run(
        ["node", str(ROOT / "tests" / "interop" / "dbfetchverify.mjs"), *hosts,
         f"--ca={tmp_path / 'test-ca.pem'}", str(file)],
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def prove_domain(organization: Organization, university: Path) -> None:
    """The admin's steps, with the university's files written where its server serves them.

    The platform's own reads go through a fetcher that finds the files in the same folder
    (the HTTPS path is covered by tests/organizations/test_own_domain.py)."""

    def read(url: str) -> Any:
        path = url.removeprefix(f"https://{UNIVERSITY}/")
        return json.loads((university / path).read_text())

    domains.use_fetcher(read)
    try:
        record = domains.claim(organization, UNIVERSITY, by=None)
        write(university / ".well-known/microcred-domain.json", domains.challenge_document(record))
        domains.check_challenge(record)
        did = domains.domain_did(UNIVERSITY)
        write(university / ".well-known/did.json", keys.did_document(organization, did=did))
        domains.use_for_issuing(record, on=True)
    finally:
        domains.use_fetcher(None)


def test_issued_under_the_own_domain_verifies_outside(
    settings: Settings,
    client: Client,
    tmp_path: Path,
    organization: Organization,
    published: SpecificationVersion,
) -> None:
    settings.MICROCRED_PUBLIC_URL = f"https://{PLATFORM}"
    settings.MICROCRED_DID_WEB_HOST = PLATFORM
    keys.ensure_signing_key(organization)
    university = tmp_path / "odtu"
    prove_domain(organization, university)
    _, token = create_token(
        organization, name="interop", scopes=["issue", "revoke"], created_by=None
    )
    auth = {"Authorization": f"Bearer {token.reveal()}"}
    body = {"specification": published.public_id, "learner": {"email": "ece@learners.example"}}
    domains.use_fetcher(lambda url: json.loads((university / url.split("/", 3)[3]).read_text()))
    try:
        issued = client.post("/api/v1/awards", body, content_type="application/json", headers=auth)
    finally:
        domains.use_fetcher(None)
    assert issued.status_code == 201, issued.content
    award = issued.json()
    assert award["credential"]["issuer"]["id"] == "did:web:odtu.test"

    platform = tmp_path / "platform"
    call_command("export_public_documents", str(platform))
    with static_sites(tmp_path, {PLATFORM: platform, UNIVERSITY: university}) as network:
        verdict = outside_verdict(network, tmp_path, award["credential"])
        assert verdict["verified"], verdict["error"]
        assert "https://odtu.test/.well-known/did.json" in verdict["fetched"]

    revoke = client.post(
        f"/api/v1/awards/{award['id']}/revoke",
        {"reason": "Issued in error."},
        content_type="application/json",
        headers=auth,
    )
    assert revoke.status_code == 200, revoke.content
    call_command("export_public_documents", str(platform))  # the static copy, brought up to date
    with static_sites(tmp_path, {PLATFORM: platform, UNIVERSITY: university}) as network:
        verdict = outside_verdict(network, tmp_path, award["credential"])
        assert not verdict["verified"]
        assert "status" in verdict["error"].lower(), verdict["error"]
