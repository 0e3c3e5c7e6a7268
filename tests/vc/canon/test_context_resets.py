"""``{"@vocab": null}`` where no @vocab was set: a precise refusal, not a KeyError (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from microcred.vc.canon import canonicalize_jsonld
from microcred.vc.contexts import pinned_loader
from microcred.vc.errors import JsonLdError


@pytest.mark.parametrize(
    ("context", "key"),
    [
        ({"@vocab": None}, "@vocab"),
        ([{"@vocab": None}], "@vocab"),
        ({"@language": None}, "@language"),
    ],
)
def test_resetting_an_unset_default_is_refused_in_words(context: Any, key: str) -> None:
    document = {"@context": context, "@id": "urn:x", "https://example.org/p": "v"}
    with pytest.raises(JsonLdError) as caught:
        canonicalize_jsonld(document, document_loader=pinned_loader())
    assert caught.value.code == "jsonld_invalid_context"
    assert key in str(caught.value)
    assert "KeyError" not in str(caught.value)


def test_resetting_a_vocab_that_was_set_is_fine() -> None:
    document = {
        "@context": [{"@vocab": "https://example.org/"}, {"@vocab": None}],
        "@id": "urn:x",
        "https://example.org/p": "v",
    }
    nquads = canonicalize_jsonld(document, document_loader=pinned_loader())
    assert "<https://example.org/p>" in nquads
