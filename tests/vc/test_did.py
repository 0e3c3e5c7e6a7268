"""did:key, did:web and the resolution of verification methods, offline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from microcred.vc.contexts import DID_V1, MULTIKEY_V1
from microcred.vc.did import (
    DidResolver,
    VerificationMethod,
    build_did_web_document,
    did_key_for,
    did_web_for,
    did_web_to_url,
    is_authorized,
    resolve_did_key,
)
from microcred.vc.errors import DidError, DocumentLoadError, KeyFormatError, VcError
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.multibase import encode_multibase

from .conftest import load_vector

W3C_PUBLIC = load_vector("w3c-vc-di-eddsa/keyPair.json")["publicKeyMultibase"]
EMPLOY = load_vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json")
P256_DID = EMPLOY["issuer"]["id"]
OB_PAIR = load_vector("1edtech-ob30/keypair.json")
OB_DOCS = load_vector("1edtech-ob30/docs.json")
WEB_DID = "did:web:issuer.example:uni"


def _error(call: Callable[..., Any], *args: Any) -> VcError:
    with pytest.raises(VcError) as caught:
        call(*args)
    return caught.value


class MemoryFetcher:
    """An in-memory web: URL → parsed JSON, counting requests."""

    def __init__(self, pages: dict[str, Any]) -> None:
        self.pages = pages
        self.requests: list[str] = []

    def __call__(self, url: str) -> Any:
        self.requests.append(url)
        if url not in self.pages:
            raise DocumentLoadError(f"404 {url}")
        return self.pages[url]


def _web_issuer() -> tuple[Ed25519KeyPair, dict[str, Any]]:
    key = Ed25519KeyPair.generate()
    return key, build_did_web_document(WEB_DID, [("key-1", key.public)])


# --- did:key --------------------------------------------------------------------------


def test_did_key_document_for_the_w3c_vector_key() -> None:
    did = did_key_for(Ed25519PublicKey.from_multikey(W3C_PUBLIC))
    assert did == f"did:key:{W3C_PUBLIC}"
    method = f"{did}#{W3C_PUBLIC}"
    assert resolve_did_key(did) == {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": W3C_PUBLIC,
            }
        ],
        "authentication": [method],
        "assertionMethod": [method],
        "capabilityInvocation": [method],
        "capabilityDelegation": [method],
    }


def test_did_key_resolves_to_its_key_with_every_purpose() -> None:
    did = f"did:key:{W3C_PUBLIC}"
    vm = DidResolver().dereference_verification_method(f"{did}#{W3C_PUBLIC}")
    assert vm.public_key.multikey == W3C_PUBLIC
    assert (vm.id, vm.type, vm.controller) == (f"{did}#{W3C_PUBLIC}", "Multikey", did)
    for purpose in ("assertionMethod", "authentication", "capabilityInvocation"):
        assert is_authorized(vm, purpose)
    assert not is_authorized(vm, "keyAgreement")


def test_p256_did_key_is_unsupported_not_malformed() -> None:
    assert P256_DID.startswith("did:key:zDn")
    assert _error(resolve_did_key, P256_DID).code == "did_key_unsupported_type"
    error = _error(DidResolver().dereference_verification_method, f"{P256_DID}#x")
    assert error.code == "did_key_unsupported_type"
    assert "P-256" in str(error)


@pytest.mark.parametrize(
    "did",
    [
        "did:key:",
        "did:key:6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "did:key:z6Mk0OIl",
        "did:key:" + encode_multibase(b"\xed\x01" + bytes(31), "z"),
        "did:key:" + encode_multibase(b"\x80\x24" + bytes(32), "z"),
        "did:key:" + encode_multibase(b"\x81\x04" + bytes(32), "z"),
        f"did:key:{W3C_PUBLIC[:-4]}",
        "did:key:" + load_vector("w3c-vc-di-eddsa/keyPair.json")["privateKeyMultibase"],
        "did:web:issuer.example",
    ],
    ids=[
        "empty",
        "no-multibase-prefix",
        "bad-chars",
        "short-ed25519",
        "short-p256",
        "unknown-codec",
        "garbage",
        "private-key",
        "other-method",
    ],
)
def test_malformed_did_keys_are_invalid(did: str) -> None:
    assert _error(resolve_did_key, did).code == "did_key_invalid"


# --- did:web --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000", "https://example.com:3000/.well-known/did.json"),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
    ],
)
def test_did_web_urls_follow_the_method_spec(did: str, url: str) -> None:
    assert did_web_to_url(did) == url


def test_did_web_for_builds_the_spec_forms() -> None:
    assert did_web_for("w3c-ccg.github.io") == "did:web:w3c-ccg.github.io"
    assert did_web_for("w3c-ccg.github.io", "user/alice") == "did:web:w3c-ccg.github.io:user:alice"
    assert did_web_for("example.com", port=3000) == "did:web:example.com%3A3000"
    assert did_web_for("example.com:3000", "/user/alice/") == (
        "did:web:example.com%3A3000:user:alice"
    )
    assert did_web_for("Issuer.Example", "uni") == WEB_DID


@pytest.mark.parametrize(
    "did",
    [
        "did:web:",
        "did:web:localhost",
        "did:web:127.0.0.1",
        "did:web:[::1]",
        "did:web:user@example.com",
        "did:web:example.com::alice",
        "did:web:example.com:..",
        "did:web:example.com:.",
        "did:web:example.com:%2e%2e",
        "did:web:example.com%2Fadmin",
        "did:web:example.com%3A",
        "did:web:example.com%3A0",
        "did:web:example.com%3A99999",
        "did:web:example.com%3A0443",
        "did:web:example.com:a/b",
        "did:web:example.com:a?b",
        "did:web:-example.com",
        "did:web:example..com",
        "did:web:exa_mple.com",
        "did:key:z6Mk",
    ],
)
def test_malformed_did_webs_are_refused(did: str) -> None:
    assert _error(did_web_to_url, did).code == "did_web_invalid"


@pytest.mark.parametrize(
    ("domain", "path", "port"),
    [
        ("example.com", "a//b", None),
        ("example.com", "a/../b", None),
        ("10.0.0.1", None, None),
        ("example.com", None, 70000),
        ("example.com:http", None, None),
        ("user:pw@example.com", None, None),
    ],
)
def test_did_web_for_refuses_what_cannot_be_a_did_web(
    domain: str, path: str | None, port: int | None
) -> None:
    assert _error(did_web_for, domain, path, port).code == "did_web_invalid"


def test_did_web_document_lists_signing_keys() -> None:
    old, new, spare = (Ed25519KeyPair.generate().public for _ in range(3))
    document = build_did_web_document(
        WEB_DID,
        [("old", old), ("new", new), ("spare", spare)],
        assertion=["new"],
        revoked={"old": "2026-01-01T00:00:00Z"},
    )
    assert document["@context"] == [DID_V1, MULTIKEY_V1]
    assert document["id"] == WEB_DID
    assert document["assertionMethod"] == [f"{WEB_DID}#new"]
    methods = {m["id"]: m for m in document["verificationMethod"]}
    assert methods[f"{WEB_DID}#new"] == {
        "id": f"{WEB_DID}#new",
        "type": "Multikey",
        "controller": WEB_DID,
        "publicKeyMultibase": new.multikey,
    }
    assert methods[f"{WEB_DID}#old"]["revoked"] == "2026-01-01T00:00:00Z"
    default = build_did_web_document(
        WEB_DID, [("a", old), ("b", new)], revoked={"a": "2026-01-01T00:00:00Z"}
    )
    assert default["assertionMethod"] == [f"{WEB_DID}#b"]


@pytest.mark.parametrize(
    ("keys", "options"),
    [
        ([], {}),
        ([("k", None), ("k", None)], {}),
        ([("bad fragment", None)], {}),
        ([("k", None)], {"assertion": ["other"]}),
        ([("k", None)], {"assertion": ["k"], "revoked": {"k": "2026-01-01T00:00:00Z"}}),
        ([("k", None)], {"revoked": {"k": "yesterday"}}),
        ([("k", None)], {"revoked": {"other": "2026-01-01T00:00:00Z"}}),
    ],
    ids=[
        "no-keys",
        "duplicate",
        "bad-fragment",
        "unknown-signer",
        "revoked-signer",
        "bad-revoked-date",
        "unknown-revoked",
    ],
)
def test_did_web_document_refuses_inconsistent_input(
    keys: list[tuple[str, None]], options: dict[str, Any]
) -> None:
    public = Ed25519KeyPair.generate().public
    pairs = [(fragment, public) for fragment, _ in keys]
    with pytest.raises(DidError) as caught:
        build_did_web_document(WEB_DID, pairs, **options)
    assert caught.value.code == "did_document_invalid"


# --- resolution -----------------------------------------------------------------------


def test_did_web_resolves_from_the_documents_map() -> None:
    key, document = _web_issuer()
    resolver = DidResolver(documents={WEB_DID: document})
    vm = resolver.dereference_verification_method(f"{WEB_DID}#key-1")
    assert vm.public_key == key.public
    assert vm.controller == WEB_DID
    assert vm.controller_document == document
    assert is_authorized(vm, "assertionMethod")
    assert not is_authorized(vm, "authentication")


def test_did_web_resolves_from_a_map_keyed_by_its_url() -> None:
    _, document = _web_issuer()
    resolver = DidResolver(documents={"https://issuer.example/uni/did.json": document})
    assert resolver.resolve(WEB_DID) == document


def test_did_web_resolves_through_a_fetcher_once() -> None:
    key, document = _web_issuer()
    fetcher = MemoryFetcher({"https://issuer.example/uni/did.json": document})
    resolver = DidResolver(fetcher=fetcher)
    for _ in range(3):
        vm = resolver.dereference_verification_method(f"{WEB_DID}#key-1")
    assert vm.public_key == key.public
    assert fetcher.requests == ["https://issuer.example/uni/did.json"]


def test_the_documents_map_is_consulted_before_the_fetcher() -> None:
    _, document = _web_issuer()
    fetcher = MemoryFetcher({})
    DidResolver(documents={WEB_DID: document}, fetcher=fetcher).resolve(WEB_DID)
    assert fetcher.requests == []


def test_nothing_is_fetched_without_a_fetcher() -> None:
    error = _error(DidResolver().dereference_verification_method, f"{WEB_DID}#key-1")
    assert error.code == "verification_method_unresolvable"
    assert "not fetched" in str(error)
    url = OB_PAIR["verificationMethod"]
    assert _error(DidResolver().dereference_verification_method, url).code == (
        "verification_method_unresolvable"
    )


def test_fetcher_failures_are_document_load_errors() -> None:
    def broken(url: str) -> Any:
        raise OSError("connection reset")

    error = _error(DidResolver(fetcher=broken).resolve, WEB_DID)
    assert isinstance(error, DocumentLoadError)
    assert "connection reset" in str(error)
    assert isinstance(
        _error(DidResolver(fetcher=MemoryFetcher({})).resolve, WEB_DID), DocumentLoadError
    )


def test_a_document_must_carry_the_id_it_was_fetched_for() -> None:
    _, document = _web_issuer()
    other = "did:web:attacker.example"
    resolver = DidResolver(documents={other: document})
    assert _error(resolver.resolve, other).code == "did_document_id_mismatch"
    fetcher = MemoryFetcher({"https://attacker.example/.well-known/did.json": document})
    assert _error(DidResolver(fetcher=fetcher).resolve, other).code == "did_document_id_mismatch"
    resolver = DidResolver(documents={WEB_DID: ["not", "an", "object"]})
    assert _error(resolver.resolve, WEB_DID).code == "did_document_invalid"


def test_a_key_claiming_another_controller_is_refused() -> None:
    """did:web:attacker must not be able to list a key 'controlled by' did:web:victim."""
    key = Ed25519KeyPair.generate()
    attacker = "did:web:attacker.example"
    document = build_did_web_document(attacker, [("k", key.public)])
    document["verificationMethod"][0]["controller"] = "did:web:victim.example"
    resolver = DidResolver(documents={attacker: document})
    error = _error(resolver.dereference_verification_method, f"{attacker}#k")
    assert error.code == "verification_method_controller_mismatch"


def test_missing_fragment_and_revoked_keys_are_refused() -> None:
    key, document = _web_issuer()
    resolver = DidResolver(documents={WEB_DID: document})
    assert _error(resolver.dereference_verification_method, f"{WEB_DID}#key-2").code == (
        "verification_method_not_found"
    )
    assert _error(resolver.dereference_verification_method, WEB_DID).code == (
        "verification_method_not_found"
    )
    revoked = build_did_web_document(
        WEB_DID,
        [("key-1", key.public), ("key-2", key.public)],
        revoked={"key-1": "2026-01-01T00:00:00Z"},
    )
    resolver = DidResolver(documents={WEB_DID: revoked})
    assert _error(resolver.dereference_verification_method, f"{WEB_DID}#key-1").code == (
        "verification_method_revoked"
    )


def test_unsupported_methods_and_schemes_say_so() -> None:
    resolver = DidResolver(fetcher=MemoryFetcher({}))
    assert _error(resolver.resolve, "did:example:123").code == "did_method_unsupported"
    assert _error(resolver.resolve, "http://issuer.example/keys").code == "url_scheme_unsupported"
    assert _error(resolver.resolve, f"{WEB_DID}#key-1").code == "did_invalid"


def test_the_1edtech_controller_document_resolves() -> None:
    vm = DidResolver(documents=OB_DOCS).dereference_verification_method(
        OB_PAIR["verificationMethod"]
    )
    assert vm.public_key.multikey == OB_PAIR["publicKeyMultibase"]
    assert vm.controller == OB_PAIR["controller"]
    assert is_authorized(vm, "assertionMethod")


def _key_node(kind: str, key: Ed25519PublicKey, node_id: str, controller: str) -> dict[str, Any]:
    node: dict[str, Any] = {"id": node_id, "type": kind, "controller": controller}
    if kind.startswith("JsonWebKey"):
        node["publicKeyJwk"] = key.to_jwk()
    else:
        node["publicKeyMultibase"] = key.multikey
    return node


@pytest.mark.parametrize(
    "kind", ["Multikey", "Ed25519VerificationKey2020", "JsonWebKey", "JsonWebKey2020"]
)
def test_supported_key_types_and_relative_ids(kind: str) -> None:
    key = Ed25519KeyPair.generate().public
    controller = "https://issuer.example/org"
    document = {
        "id": controller,
        "verificationMethod": [_key_node(kind, key, "#k1", controller)],
        "assertionMethod": ["#k1"],
    }
    vm = DidResolver(documents={controller: document}).dereference_verification_method(
        f"{controller}#k1"
    )
    assert (vm.type, vm.public_key) == (kind, key)
    assert is_authorized(vm, "assertionMethod")


def test_unsupported_key_material_is_a_key_error() -> None:
    controller = "https://issuer.example/org"
    p256_jwk = {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}
    nodes = [
        {"id": "#a", "type": "JsonWebKey2020", "controller": controller, "publicKeyJwk": p256_jwk},
        {"id": "#b", "type": "EcdsaSecp256k1VerificationKey2019", "controller": controller},
        {"id": "#c", "type": "Multikey", "controller": controller},
        {"id": "#d", "type": ["Multikey"], "controller": controller},
    ]
    resolver = DidResolver(documents={controller: {"id": controller, "verificationMethod": nodes}})
    codes = []
    for fragment in "abcd":
        with pytest.raises(KeyFormatError) as caught:
            resolver.dereference_verification_method(f"{controller}#{fragment}")
        codes.append(caught.value.code)
    assert codes == [
        "key_type_unsupported",
        "key_type_unsupported",
        "key_format_invalid",
        "key_format_invalid",
    ]


def test_embedded_methods_are_authorized_only_where_embedded() -> None:
    key = Ed25519KeyPair.generate().public
    document = {
        "id": WEB_DID,
        "assertionMethod": [_key_node("Multikey", key, f"{WEB_DID}#inline", WEB_DID)],
    }
    vm = DidResolver(documents={WEB_DID: document}).dereference_verification_method(
        f"{WEB_DID}#inline"
    )
    assert vm.public_key == key
    assert is_authorized(vm, "assertionMethod")
    assert not is_authorized(vm, "authentication")


def test_a_key_published_as_its_own_document() -> None:
    """The older Linked Data pattern: the key URL is a document whose controller lists it."""
    key = Ed25519KeyPair.generate().public
    key_url, org = "https://issuer.example/keys/1", "https://issuer.example/org"
    key_doc = _key_node("Multikey", key, key_url, org)
    listing = {"id": org, "assertionMethod": [key_url]}
    vm = DidResolver(documents={key_url: key_doc, org: listing}).dereference_verification_method(
        key_url
    )
    assert (vm.id, vm.controller, vm.public_key) == (key_url, org, key)
    assert is_authorized(vm, "assertionMethod")

    listed_type = {**key_doc, "type": ["Multikey"]}
    resolver = DidResolver(documents={key_url: listed_type, org: listing})
    assert _error(resolver.dereference_verification_method, key_url).code == (
        "verification_method_not_found"
    )

    silent = {"id": org, "assertionMethod": []}
    resolver = DidResolver(documents={key_url: key_doc, org: silent})
    assert _error(resolver.dereference_verification_method, key_url).code == (
        "verification_method_controller_mismatch"
    )


def test_verification_methods_are_frozen() -> None:
    vm = DidResolver().dereference_verification_method(f"did:key:{W3C_PUBLIC}#{W3C_PUBLIC}")
    assert isinstance(vm, VerificationMethod)
    with pytest.raises(AttributeError):
        vm.controller = "did:web:evil.example"  # type: ignore[misc]
