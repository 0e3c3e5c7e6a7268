"""An organisation proves its own domain and issues as ``did:web:<domain>``.

The domain's web server is a real local HTTPS server (a plain static file server, with a
certificate from a test-only CA); the platform reads it through the SSRF-safe fetcher,
which trusts that CA alone and reaches the name at a public-looking address that leads to
loopback — as DNS would send it to the university's server in the field.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, issue_awards
from microcred.organizations import domains, keys
from microcred.organizations.errors import DomainError, KeyManagementError
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc import Learner
from microcred.vc.fetcher import SafeFetcher, system_connect
from microcred.verification.services import use_remote, verify_document
from tests.conftest import MakeMember
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version
from tests.netns import PUBLIC_LOOKING
from tests.static_tls_server import Handler
from tests.tls import TestAuthority

pytestmark = pytest.mark.django_db

DOMAIN = "odtu.test"
_numbers = itertools.count()


class University:
    """The institution's own web server: files under ``root`` at https://odtu.test/."""

    def __init__(self, root: Path, authority: TestAuthority, port: int) -> None:
        self.root, self.authority, self.port = root, authority, port

    def publish(self, path: str, document: Any) -> None:
        target = self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document))

    def fetcher(self) -> SafeFetcher:
        def connect(host: str, ip: str, port: int, timeout: float) -> Any:
            assert (host, ip, port) == (DOMAIN, PUBLIC_LOOKING[1], 443)
            context = self.authority.client_context()
            return system_connect(host, "127.0.0.1", self.port, timeout, context=context)

        return SafeFetcher(resolve=lambda host, port: [PUBLIC_LOOKING[1]], connect=connect)


@pytest.fixture
def university(tmp_path: Path) -> Iterator[University]:
    authority = TestAuthority(tmp_path)
    cert = authority.issue(DOMAIN)
    root = tmp_path / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    server.socket = authority.server_context(cert).wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site = University(root, authority, server.server_address[1])
    domains.use_fetcher(site.fetcher())
    use_remote(site.fetcher())
    yield site
    domains.use_fetcher(None)
    use_remote(None)
    server.shutdown()
    server.server_close()


@pytest.fixture
def admin(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    client.force_login(make_member(organization, Role.ADMIN))
    return client


def page(client: Client) -> str:
    response = client.get("/en/orgs/anadolu-uni/domain/")
    assert response.status_code == 200
    return response.content.decode()


def post(client: Client, step: str, **data: str) -> str:
    url = f"/en/orgs/anadolu-uni/domain/{DOMAIN}/{step}/"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def issue_one(version: SpecificationVersion) -> dict[str, Any]:
    """A new award each call (a fresh idempotency key)."""
    email = f"learner{next(_numbers)}@learners.example"
    request = AwardRequest(Learner(email, "", "AA", date(2026, 6, 1)), email)
    with keys.signer_for(version.specification.organization) as signer:
        [issued] = issue_awards(version, [request], signer=signer)
    credential: dict[str, Any] = issued.award.credential
    return credential


def test_prove_publish_and_issue_under_the_domain(
    admin: Client,
    organization: Organization,
    published: SpecificationVersion,
    university: University,
) -> None:
    keys.ensure_signing_key(organization)
    assert (
        admin.post("/en/orgs/anadolu-uni/domain/claim/", {"domain": "ODTU.test."}).status_code
        == 302
    )
    assert DOMAIN in page(admin)

    # Nothing published yet: a precise refusal, nothing proven.
    assert "could not be read from the domain" in post(admin, "prove")
    challenge = admin.get(f"/en/orgs/anadolu-uni/domain/{DOMAIN}/microcred-domain.json")
    assert challenge["Content-Disposition"].startswith("attachment")
    university.publish(".well-known/microcred-domain.json", {domains.CHALLENGE_KEY: "wrong"})
    assert "does not hold this organisation" in post(admin, "prove")
    university.publish(".well-known/microcred-domain.json", json.loads(challenge.content))
    assert "The domain is proven" in post(admin, "prove")

    # The DID document: refused until it is published, then current.
    assert "could not be read from the domain" in post(admin, "use", use="1")
    did_json = json.loads(admin.get(f"/en/orgs/anadolu-uni/domain/{DOMAIN}/did.json").content)
    assert did_json["id"] == "did:web:odtu.test"
    university.publish(".well-known/did.json", did_json)
    assert "issued under your own domain" in post(admin, "use", use="1")
    assert 'id="issuing-did">did:web:odtu.test<' in page(admin)

    credential = issue_one(published)
    assert credential["issuer"]["id"] == "did:web:odtu.test"
    assert credential["proof"]["verificationMethod"] == "did:web:odtu.test#key-1"
    report = verify_document(credential)  # the platform reads the DID from the domain too
    assert report.verified, report.failures
    # The answer names the proven domain as who signed, apart from the self-chosen name.
    upload = SimpleUploadedFile("c.json", json.dumps(credential).encode())
    answer = admin.post("/en/verify/", {"file": upload}).content.decode()
    assert 'data-identity="domain"' in answer
    assert "whoever controls the internet domain odtu.test" in answer

    # A rotation: issuing stops until the published document names the new key.
    keys.rotate(organization, by=None)
    with pytest.raises(KeyManagementError) as refused:
        issue_one(published)
    assert refused.value.code == "organizations.domain_did_not_current"
    university.publish(".well-known/did.json", keys.did_document(organization, did=did_json["id"]))
    assert issue_one(published)["proof"]["verificationMethod"] == "did:web:odtu.test#key-2"


def test_the_earlier_platform_did_stays_served(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    university: University,
) -> None:
    before = issue_one(published)
    record = domains.claim(organization, DOMAIN, by=None)
    university.publish(".well-known/microcred-domain.json", domains.challenge_document(record))
    domains.check_challenge(record)
    university.publish(
        ".well-known/did.json", keys.did_document(organization, did="did:web:odtu.test")
    )
    domains.use_for_issuing(record, on=True)
    served = json.loads(client.get("/orgs/anadolu-uni/did.json").content)
    assert served["id"] == before["issuer"]["id"] == keys.platform_did(organization)
    assert verify_document(before).verified


def test_one_domain_per_organisation(
    organization: Organization, other_organization: Organization, university: University
) -> None:
    keys.ensure_signing_key(organization)
    record = domains.claim(organization, DOMAIN, by=None)
    university.publish(".well-known/microcred-domain.json", domains.challenge_document(record))
    domains.check_challenge(record)
    with pytest.raises(DomainError) as taken:
        domains.claim(other_organization, DOMAIN, by=None)
    assert taken.value.code == "organizations.domain_taken_elsewhere"


@pytest.mark.parametrize(
    "text", ["https://odtu.edu.tr", "odtu.edu.tr/x", "localhost", "10.0.0.1", "tr", "a..b", ""]
)
def test_only_plain_domain_names(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        domains.normalise(text)
    assert refused.value.code == "organizations.domain_invalid"


def test_idn_domains_are_stored_in_ascii() -> None:
    stored = domains.normalise("Üsküdar.edu.tr")
    assert stored.isascii()
    assert stored.startswith("xn--")
    assert stored.encode("ascii").decode("idna") == "üsküdar.edu.tr"


def test_only_admins_of_the_organisation(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    domains.claim(organization, DOMAIN, by=None)
    urls = [
        "/en/orgs/anadolu-uni/domain/",
        f"/en/orgs/anadolu-uni/domain/{DOMAIN}/did.json",
        f"/en/orgs/anadolu-uni/domain/{DOMAIN}/microcred-domain.json",
    ]
    posts = ["/en/orgs/anadolu-uni/domain/claim/", f"/en/orgs/anadolu-uni/domain/{DOMAIN}/prove/"]
    assert all(client.get(u).status_code == 302 for u in urls)  # to sign-in
    client.force_login(make_member(organization, Role.DESIGNER, Role.ISSUER))
    assert all(client.get(u).status_code == 403 for u in urls)
    assert all(client.post(u, {"domain": "x.test"}).status_code == 403 for u in posts)
    client.force_login(make_member(other_organization, Role.ADMIN))
    assert all(client.get(u).status_code == 404 for u in urls)
    assert all(client.post(u, {"domain": "x.test"}).status_code == 404 for u in posts)
    admin = make_member(organization, Role.ADMIN, email="boss@anadolu.example")
    client.force_login(admin)
    assert client.get("/en/orgs/anadolu-uni/domain/other.test/did.json").status_code == 404
    assert not mail.outbox


def test_the_command_scripts_the_steps(
    tmp_path: Path, organization: Organization, university: University
) -> None:
    challenge = tmp_path / "challenge.json"
    call_command("own_domain", "anadolu-uni", DOMAIN, "--challenge-file", str(challenge))
    university.publish(".well-known/microcred-domain.json", json.loads(challenge.read_text()))
    did_file = tmp_path / "did.json"
    call_command("own_domain", "anadolu-uni", DOMAIN, "--prove", "--did-file", str(did_file))
    university.publish(".well-known/did.json", json.loads(did_file.read_text()))
    call_command("own_domain", "anadolu-uni", DOMAIN, "--use")
    assert keys.did_for(organization) == "did:web:odtu.test"
    with pytest.raises(CommandError, match="no organisation"):
        call_command("own_domain", "nope", DOMAIN)
    with pytest.raises(CommandError, match="domain_invalid"):
        call_command("own_domain", "anadolu-uni", "https://x")
    assert timezone.now()
