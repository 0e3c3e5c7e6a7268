"""The pinned context loader: serves only what ships with the package, refuses the rest.

Every index entry but the EU-elements context is tested here; that one belongs to the
elements module, whose tests assert that *every* index entry loads.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from microcred.vc.canon import canonicalize_jsonld
from microcred.vc.contexts import (
    DATA_INTEGRITY_V2,
    DID_V1,
    MULTIKEY_V1,
    OB_CONTEXT,
    OB_V3P0,
    PINNED_CONTEXT_URLS,
    VC_V2,
    load_context,
    pinned_loader,
)
from microcred.vc.contexts import loader as loader_module
from microcred.vc.did import build_did_web_document, did_web_for
from microcred.vc.errors import DocumentLoadError
from microcred.vc.keys import Ed25519KeyPair

from .conftest import VECTORS

ELEMENTS_URL = "https://contexts.microcred.eu/elements/v1.jsonld"
OURS = sorted(PINNED_CONTEXT_URLS - {ELEMENTS_URL})


def _on_disk(url: str) -> Any:
    return json.loads(loader_module.DATA.joinpath(loader_module.INDEX[url]).read_text("utf-8"))


def _refusal(url: str, options: dict[str, Any] | None = None) -> DocumentLoadError:
    with pytest.raises(DocumentLoadError) as caught:
        pinned_loader()(url, options)
    return caught.value


def test_named_contexts_are_pinned() -> None:
    named = {VC_V2, OB_V3P0, DATA_INTEGRITY_V2, MULTIKEY_V1, DID_V1, *OB_CONTEXT}
    assert named <= PINNED_CONTEXT_URLS
    assert OB_CONTEXT == (VC_V2, OB_V3P0)


@pytest.mark.parametrize("url", OURS)
def test_pinned_context_is_served_as_a_remote_document(url: str) -> None:
    remote = pinned_loader()(url)
    assert remote["documentUrl"] == url
    assert remote["contextUrl"] is None
    assert remote["document"] == _on_disk(url)
    assert "@context" in remote["document"]
    assert load_context(url) is remote["document"]


def test_documents_are_parsed_once_and_shared() -> None:
    loader = pinned_loader()
    first, second = loader(VC_V2), loader(VC_V2)
    assert first["document"] is second["document"]
    assert first is not second  # the envelope is fresh: pyld may write to it


def test_default_loader_is_one_object_so_caches_keyed_by_it_survive() -> None:
    assert pinned_loader() is pinned_loader()
    assert pinned_loader({"https://x.example/doc": {}}) is not pinned_loader()


def test_unpinned_context_is_refused_without_fetching() -> None:
    url = "https://evil.example/contexts/v1.jsonld"
    error = _refusal(url)
    assert error.code == "context_not_pinned"
    assert url in str(error)
    assert "remote loading is refused" in str(error)
    with pytest.raises(DocumentLoadError) as caught:
        load_context(url)
    assert caught.value.code == "context_not_pinned"


def test_pyld_context_requests_are_recognised_by_their_profile() -> None:
    options = {
        "headers": {"Accept": "application/ld+json;profile=http://www.w3.org/ns/json-ld#context"}
    }
    assert _refusal("https://evil.example/x", options).code == "context_not_pinned"


def test_other_unknown_documents_are_not_available() -> None:
    error = _refusal("https://issuer.example/keys/1")
    assert error.code == "document_not_available"
    assert "https://issuer.example/keys/1" in str(error)
    assert "remote loading is refused" in str(error)


def test_extra_documents_are_served_but_cannot_replace_pinned_ones() -> None:
    extra = {"https://issuer.example/ctx": {"@context": {"name": "https://schema.org/name"}}}
    loader = pinned_loader(extra)
    assert loader("https://issuer.example/ctx")["document"] == extra["https://issuer.example/ctx"]
    assert loader(VC_V2)["document"] is load_context(VC_V2)
    assert pinned_loader({VC_V2: _on_disk(VC_V2)})(VC_V2)["document"] == _on_disk(VC_V2)
    with pytest.raises(DocumentLoadError) as caught:
        pinned_loader({VC_V2: {"@context": {"@vocab": "https://evil.example/"}}})
    assert caught.value.code == "context_override_refused"


def test_a_missing_file_fails_only_its_own_url(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = "https://contexts.example/missing/v1.jsonld"
    monkeypatch.setitem(loader_module.INDEX, broken, "no-such-file.jsonld")
    with pytest.raises(DocumentLoadError) as caught:
        load_context(broken)
    assert caught.value.code == "context_file_missing"
    assert broken in str(caught.value)
    assert load_context(VC_V2) == _on_disk(VC_V2)


def _samples() -> list[dict[str, Any]]:
    def vector(name: str) -> dict[str, Any]:
        document = json.loads((VECTORS / name).read_text("utf-8"))
        document.pop("proof", None)
        return dict(document)

    did = did_web_for("issuer.example", "uni")
    return [
        vector("w3c-vc-di-eddsa/unsigned.json"),
        vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json"),
        vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json"),
        vector("1edtech-ob30/linked-data-proof-ob-signed.json"),
        build_did_web_document(did, [("key-1", Ed25519KeyPair.generate().public)]),
    ]


def test_pyld_leaves_the_shared_documents_untouched() -> None:
    """Sharing parsed documents is safe only while JSON-LD processing never writes to them."""
    fresh = pinned_loader({"urn:example:unused": {}})  # a new loader: nothing cached yet
    for sample in _samples():
        assert canonicalize_jsonld(sample, document_loader=fresh)
    for url in OURS:
        assert load_context(url) == _on_disk(url), url
