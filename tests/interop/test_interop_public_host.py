"""Verifiable anywhere: a production deployment at ``https://uni.example`` issues through its
API, and Digital Bazaar's verifier, whose only network is that host (answered by the server
on loopback, over real TLS), verifies the credential with no documents map — then refuses
it on its status once the API revoked it.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from interop_harness import write_json
from public_host import PublicServer, outside_verifier, public_server

pytestmark = pytest.mark.interop

HOST = "uni.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> object:
    with public_server(tmp_path_factory.mktemp("public"), HOST) as running:
        yield running


def issue_through_the_api(server: PublicServer, token: str) -> dict[str, object]:
    auth = {"Authorization": f"Bearer {token}"}
    listed = server.request("GET", "/api/v1/specifications", headers=auth)
    assert listed.status == 200, listed.body
    [specification, *_] = listed.json()
    assert specification["achievement"].startswith(f"https://{HOST}/catalog/achievements/")
    issued = server.request(
        "POST",
        "/api/v1/awards",
        headers=auth,
        body={
            "specification": specification["id"],
            "learner": {"email": "deniz@learners.example", "name": "Deniz Kaya", "grade": "AA"},
            "include_name": True,
        },
    )
    assert issued.status == 201, issued.body
    award: dict[str, object] = issued.json()
    return award


def test_an_outside_verifier_with_only_the_public_host(
    server: PublicServer, tmp_path: Path
) -> None:
    token = server.manage(
        "create_token", "--organization=demo-universitesi", "--scopes=issue,revoke,read",
        "--name=interop",
    )  # fmt: skip
    award = issue_through_the_api(server, token)
    credential = award["credential"]
    assert isinstance(credential, dict)
    text = json.dumps(credential)
    assert "localhost" not in text
    assert "contexts.microcred.eu/elements" not in text
    file = write_json(tmp_path / "issued.json", credential)
    hosts = {HOST: f"127.0.0.1:{server.port}"}

    verdict = outside_verifier([file], hosts, server.authority.ca_file)["issued.json"]
    assert verdict["verified"], verdict["error"]
    fetched = {urlsplit(url).path for url in verdict["fetched"]}
    assert "/contexts/elements/v1.jsonld" in fetched
    assert "/orgs/demo-universitesi/did.json" in fetched
    assert any(path.startswith("/status/") for path in fetched)
    assert all(urlsplit(url).netloc == HOST for url in verdict["fetched"])

    revoked = server.request(
        "POST",
        f"/api/v1/awards/{award['id']}/revoke",
        headers={"Authorization": f"Bearer {token}"},
        body={"reason": "Issued to the wrong learner."},
    )
    assert revoked.status == 200, revoked.body
    verdict = outside_verifier([file], hosts, server.authority.ca_file)["issued.json"]
    assert not verdict["verified"]
    assert "status" in verdict["error"].lower(), verdict["error"]


def test_public_documents_are_readable_from_any_origin(server: PublicServer) -> None:
    for path, media_type in (
        ("/contexts/elements/v1.jsonld", "application/ld+json"),
        ("/orgs/demo-universitesi/did.json", "application/did+json"),
        ("/orgs/demo-universitesi/profile", "application/ld+json"),
    ):
        reply = server.request("GET", path, headers={"Origin": "https://wallet.example"})
        assert reply.status == 200, path
        assert reply.headers["Content-Type"].startswith(media_type), path
        assert reply.headers["Access-Control-Allow-Origin"] == "*", path
