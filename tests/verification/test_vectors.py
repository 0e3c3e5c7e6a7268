"""Every official vector in tests/vectors/manifest.json, through the page and the API.

The page verifies whole credentials: "credential" entries must get the manifest's verdict;
"proof" entries (whose issuer does not hold the key) must show their proof as valid.
Documents the manifest resolves offline are served by a fake internet fetcher.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.vc.errors import DocumentLoadError
from microcred.verification.services import use_remote

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
MANIFEST: list[dict[str, Any]] = json.loads((VECTORS / "manifest.json").read_text())["entries"]
IDS = [
    f"{e['file']}:{e['check']}:{e['expect']}:{'docs' if 'documents' in e else ''}" for e in MANIFEST
]


def serve(entry: dict[str, Any]) -> None:
    documents = (
        json.loads((VECTORS / entry["documents"]).read_text()) if "documents" in entry else {}
    )

    def fake_internet(url: str) -> Any:
        if url in documents:
            return documents[url]
        raise DocumentLoadError(f"[fetch_failed] {url} is offline", code="fetch_failed")

    use_remote(fake_internet)


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_page_answers_each_vector(client: Client, entry: dict[str, Any]) -> None:
    serve(entry)
    raw = (VECTORS / entry["file"]).read_bytes()
    response = client.post("/en/verify/", {"file": SimpleUploadedFile("v.json", raw)})
    assert response.status_code == 200
    text = unescape(response.content.decode())
    verdict = re.search(r'data-verdict="(\w+)"', text)
    assert verdict is not None
    if entry["check"] == "proof":
        assert re.search(
            r"<tr class=\"status-passed\"><td>[^<]*"
            r"<span class=\"check-code\"><code>proof_valid</code>",
            text,
        )
    else:
        assert (verdict.group(1) == "valid") is (entry["expect"] == "verify"), entry["reason"]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_api_answers_each_vector(client: Client, entry: dict[str, Any]) -> None:
    serve(entry)
    credential = json.loads((VECTORS / entry["file"]).read_text())
    response = client.post(
        "/api/verify",
        json.dumps({"verifiableCredential": credential}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    if entry["check"] == "proof":
        assert any(c["code"] == "proof_valid" for c in body["checks"])
    else:
        assert body["verified"] is (entry["expect"] == "verify"), entry["reason"]
