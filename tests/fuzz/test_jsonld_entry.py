"""The JSON-LD canonicaliser entry and the whole pipeline on random documents: quads or a
``VcError``; a report, never an exception."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from microcred.vc.canon import canonicalize_jsonld
from microcred.vc.contexts import OB_CONTEXT, VC_V2, pinned_loader
from microcred.vc.errors import VcError
from microcred.vc.verify import verify_credential

from .strategies import FUZZ, json_values

NOW = datetime(2026, 6, 1, tzinfo=UTC)
TERMS = ["id", "type", "name", "issuer", "validFrom", "credentialSubject", "description",
         "@id", "@type", "@value", "@language", "@graph", "@list", "achievement", "x"]  # fmt: skip
inline_context = st.dictionaries(
    st.sampled_from(["@vocab", "@language", "@base", "@version", "@protected", "term"]),
    json_values,
    max_size=3,
)
contexts = st.lists(
    st.sampled_from([VC_V2, *OB_CONTEXT, "https://evil.example/c"]) | inline_context, max_size=3
)
documents = st.recursive(
    st.dictionaries(st.sampled_from(TERMS), json_values, max_size=5),
    lambda children: st.dictionaries(st.sampled_from(TERMS), children | json_values, max_size=4),
    max_leaves=10,
)


@FUZZ
@given(contexts, documents)
def test_canonicalising_gives_nquads_or_a_vc_error(
    context: list[Any], body: dict[str, Any]
) -> None:
    document = {"@context": context, **body}
    try:
        nquads, refusal = canonicalize_jsonld(document, document_loader=pinned_loader()), None
    except VcError as exc:
        nquads, refusal = None, exc
    if refusal is not None:
        assert refusal.code
        assert "KeyError" not in str(refusal)
    else:
        assert isinstance(nquads, str)


@FUZZ
@given(contexts, documents)
def test_the_pipeline_always_reports(context: list[Any], body: dict[str, Any]) -> None:
    report = verify_credential({"@context": context, **body}, now=NOW)
    assert not report.verified
    report.to_json("en")
