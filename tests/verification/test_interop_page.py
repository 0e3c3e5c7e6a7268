"""Credentials signed by the independent implementation, judged by the verify PAGE.

Digital Bazaar's Node stack (the one the trust core's interop tests use, through their
harness) signs OB 3.0 credentials as an issuer that is not this platform: did:key with
eddsa-rdfc-2022, eddsa-jcs-2022 and vc+jwt (with and without status entries on a list it
built and signed itself), and did:web with both Data Integrity suites. Each file is uploaded
to ``/en/verify/`` the way a visitor would; the page must answer "Valid" for the genuine
ones, "changed after signing" for forged copies and "Revoked" where the list says so. The
Node side's DID document and status list are served by a local fake of the internet
fetcher: nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.vc.did import build_did_web_document, did_web_to_url
from microcred.vc.errors import DocumentLoadError
from microcred.vc.keys import Ed25519PublicKey
from microcred.verification.services import clear_caches, use_remote

INTEROP = Path(__file__).resolve().parents[1] / "interop"
if str(INTEROP) not in sys.path:
    sys.path.insert(0, str(INTEROP))

from interop_harness import TIMEOUT, NodeSide, node_side, read_json, write_json  # noqa: E402
from interop_scenarios import (  # noqa: E402
    NODE_STATUS_URL,
    Outcome,
    node_scenarios,
    sign_node_set,
    tamper,
    unsigned_ob_credential,
)

pytestmark = [pytest.mark.interop, pytest.mark.django_db]

ISSUER = "Bağımsız Düğüm Yayıncısı"
DID_WEB = "did:web:node-issuer.example:badges"
WEB_SUITES = {"rdfc": "eddsa-rdfc-2022", "jcs": "eddsa-jcs-2022"}

#: Signs with a did:web verification method: the same key file, suites and loader as
#: dbsign.mjs, only the issuer and the method id differ. Run from tests/interop so that
#: its node_modules and lib/ resolve. argv: key file, DID, then (suite, in, out) triples.
SIGN_DID_WEB = """
import {readFileSync, writeFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {createLoader} from './lib/loader.mjs';
import {keyPairFromFile, readKeyFile} from './lib/keyfile.mjs';
import {signingSuite} from './lib/suites.mjs';

const [keyFile, did, ...jobs] = process.argv.slice(1);
const keyPair = await keyPairFromFile(
  readKeyFile(keyFile), {id: `${did}#key-1`, controller: did});
for(let i = 0; i < jobs.length; i += 3) {
  const [cryptosuite, input, output] = jobs.slice(i, i + 3);
  const credential = JSON.parse(readFileSync(input, 'utf8'));
  credential.issuer = {...credential.issuer, id: did};
  credential.id = `urn:uuid:${crypto.randomUUID()}`;
  credential.validFrom = new Date().toISOString().replace(/\\.\\d{3}Z$/, 'Z');
  const signed = await vc.issue({
    credential, suite: signingSuite({keyPair, cryptosuite}), documentLoader: createLoader()
  });
  writeFileSync(output, JSON.stringify(signed, null, 2) + '\\n');
}
"""


@dataclass(frozen=True, slots=True)
class World:
    files: dict[str, Path]
    documents: dict[str, Any]


def _sign_did_web(node: NodeSide, work: Path, key: Path) -> dict[str, Path]:
    unsigned = write_json(work / "web-unsigned.json", unsigned_ob_credential("Node web badge"))
    files = {
        f"node-web-{short}-plain": work / f"node-web-{short}-plain.json" for short in WEB_SUITES
    }
    jobs = [
        str(part)
        for short, suite in WEB_SUITES.items()
        for part in (suite, unsigned, files[f"node-web-{short}-plain"])
    ]
    result = subprocess.run(
        [node.node, "--input-type=module", "-e", SIGN_DID_WEB, str(key), DID_WEB, *jobs],
        cwd=INTEROP,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for short in WEB_SUITES:
        plain = files[f"node-web-{short}-plain"]
        files[f"node-web-{short}-tampered"] = tamper(
            plain, work / f"node-web-{short}-tampered.json"
        )
    return files


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    work = tmp_path_factory.mktemp("node-signed-for-the-page")
    node = node_side(work)
    key = work / "node.key"
    signed = sign_node_set(node, work, ("generate-key", str(key)))
    files = {**signed.files, **_sign_did_web(node, work, key)}
    public = Ed25519PublicKey.from_multikey(read_json(key)["publicKeyMultibase"])
    documents = {
        **read_json(signed.documents),
        did_web_to_url(DID_WEB): build_did_web_document(DID_WEB, [("key-1", public)]),
    }
    return World(files, documents)


@pytest.fixture(autouse=True)
def _node_issuer_on_the_internet(world: World) -> None:
    """The page's internet fetcher answers with the Node side's documents, and only those."""

    def fetch(url: str) -> Any:
        if url not in world.documents:
            raise DocumentLoadError(f"{url} is not on this test's internet", code="not_found")
        return json.loads(json.dumps(world.documents[url]))

    use_remote(fetch)  # the verification conftest restores the real one afterwards


def verdict_of(response: Any) -> str:
    text = unescape(response.content.decode("utf-8"))
    match = re.search(r'<h2 id="verdict">(.*?)</h2>', text, re.DOTALL)
    assert match is not None, "the page shows no verdict"
    return match.group(1).strip()


def upload(client: Client, path: Path) -> Any:
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/json")
    response = client.post("/en/verify/", {"file": file})
    assert response.status_code == 200
    return response


VALID = "The signature is valid, but no quality-assurance body that this service follows"
CHANGED = "Not valid: the content was changed after signing."
EXPECTED_VERDICT = {
    Outcome.VERIFIED: VALID,
    Outcome.REVOKED: "Revoked by the issuer.",
    Outcome.TAMPERED: CHANGED,
    Outcome.UNRESOLVABLE: "Not valid: ",  # a context nobody may load
}
SCENARIOS = [(s.name, s.expect) for s in node_scenarios() if s.expect in EXPECTED_VERDICT] + [
    (f"node-web-{short}-{state}", expect)
    for short in WEB_SUITES
    for state, expect in (("plain", Outcome.VERIFIED), ("tampered", Outcome.TAMPERED))
]


@pytest.mark.parametrize(("name", "expect"), SCENARIOS, ids=[name for name, _ in SCENARIOS])
def test_page_answers_for_node_signed_credential(
    client: Client, world: World, name: str, expect: Outcome
) -> None:
    headline = verdict_of(upload(client, world.files[name]))
    assert headline.startswith(EXPECTED_VERDICT[expect]), headline


@pytest.mark.parametrize("short", sorted(WEB_SUITES))
def test_did_web_credential_was_checked_against_the_fetched_document(
    client: Client, world: World, short: str
) -> None:
    """The did:web answer really rests on the document our fetcher was given."""
    credential = read_json(world.files[f"node-web-{short}-plain"])
    assert credential["proof"]["verificationMethod"] == f"{DID_WEB}#key-1"
    assert credential["proof"]["cryptosuite"] == WEB_SUITES[short]
    text = unescape(upload(client, world.files[f"node-web-{short}-plain"]).content.decode())
    assert f"The signing key {DID_WEB}#key-1 was resolved." in text
    # Without the document, the same file is not valid.
    use_remote(_offline)
    clear_caches()
    headline = verdict_of(upload(client, world.files[f"node-web-{short}-plain"]))
    assert headline.startswith("Not valid"), headline


def _offline(url: str) -> Any:
    raise DocumentLoadError(f"{url}: offline", code="not_found")


def test_jwt_pasted_and_status_list_of_the_node_side(client: Client, world: World) -> None:
    """A vc+jwt pasted as text; its active entry reads the Node side's signed list."""
    token = world.files["node-jwt-active"].read_text("ascii").strip()
    assert token.startswith("ey")
    response = client.post("/en/verify/", {"text": token})
    assert verdict_of(response).startswith(VALID)
    text = unescape(response.content.decode())
    assert "<code>status_active</code>" in text
    assert NODE_STATUS_URL in world.documents


@pytest.mark.parametrize(
    ("name", "verified"),
    [("node-rdfc-active", True), ("node-web-jcs-plain", True), ("node-jcs-tampered", False)],
)
def test_json_api_agrees_with_the_page(
    client: Client, world: World, name: str, verified: bool
) -> None:
    credential = read_json(world.files[name])
    response = client.post(
        "/api/verify", {"verifiableCredential": credential}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["verified"] is verified
