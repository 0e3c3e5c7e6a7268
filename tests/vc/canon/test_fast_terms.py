"""The fast path's RDF terms: literal escaping, number forms, and pyld's IRI test.

Each is checked against an independent statement of the rule: the canonical N-Quads
serialiser for escaping, a JavaScript-style ``toExponential(15)`` (exact decimal,
round half up) for doubles, and pyld's own regular expressions for what it calls an
absolute IRI or a keyword-like string.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld as pyld_jsonld

from microcred.vc.canon.fast_context import Ctx, expand_document, expand_vocab
from microcred.vc.canon.fast_terms import (
    Unsupported,
    is_pyld_absolute,
    is_strict_iri,
    literal,
    string_literal,
)
from microcred.vc.canon.nquads import format_literal

XSD = "http://www.w3.org/2001/XMLSchema#"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])))
def test_string_literals_are_the_canonical_form(text: str) -> None:
    assert string_literal(text, "") == format_literal(text)
    assert literal(text, "https://x.example/dt") == format_literal(text, "https://x.example/dt")
    assert literal(text, None, "en") == format_literal(text, None, "en")


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb"])
def test_lone_surrogates_are_declined(text: str) -> None:
    with pytest.raises(Unsupported):
        string_literal(text, "")


def javascript_double(value: float) -> str:
    """jsonld.js: ``value.toExponential(15)`` (exact value, ties away from zero), then
    trailing zeros of the mantissa dropped and the exponent written plainly."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = format(Decimal(value), ".15E")
    mantissa, exponent = text.split("E")
    mantissa = re.sub(r"(\.\d*?)0+$", r"\1", mantissa)
    mantissa = mantissa + "0" if mantissa.endswith(".") else mantissa
    return f"{mantissa}E{int(exponent)}"


def is_tie(value: float) -> bool:
    """Exactly halfway between two 16-digit decimals: 17 significant digits, the last 5."""
    significant = str(Decimal(value).copy_abs().normalize().as_tuple().digits)
    digits = "".join(ch for ch in significant if ch.isdigit())
    return len(digits) == 17 and digits.endswith("5")


@pytest.mark.parametrize("value", [1000000000000000.5, 511.96295166015625, -511.96319580078125])
def test_halfway_doubles_are_declined(value: float) -> None:
    """Here pyld (half to even) and jsonld.js (half up) write different numbers."""
    assert is_tie(value)
    assert javascript_double(value) != pyld_jsonld._canonicalize_double(value)
    with pytest.raises(Unsupported):
        literal(value)


@settings(max_examples=2000)
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: not v.is_integer()))
def test_doubles_have_the_javascript_form_or_are_declined(value: float) -> None:
    if is_tie(value):
        with pytest.raises(Unsupported):
            literal(value)
    else:
        assert literal(value) == f'"{javascript_double(value)}"^^<{XSD}double>'


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(1.1, "1.1E0"), (-2.5e-7, "-2.5E-7"), (0.1, "1.0E-1"), (123456.789, "1.23456789E5")],
)
def test_double_examples(value: float, lexical: str) -> None:
    assert literal(value) == f'"{lexical}"^^<{XSD}double>'


@pytest.mark.parametrize(
    ("value", "term"),
    [
        (True, f'"true"^^<{XSD}boolean>'),
        (False, f'"false"^^<{XSD}boolean>'),
        (0, f'"0"^^<{XSD}integer>'),
        (-(2**53) + 1, f'"-9007199254740991"^^<{XSD}integer>'),
        (5.0, f'"5"^^<{XSD}integer>'),
        (-0.0, f'"0"^^<{XSD}integer>'),
    ],
)
def test_booleans_and_integers(value: object, term: str) -> None:
    assert literal(value) == term


@pytest.mark.parametrize("value", [2**53, -(2**53), 1e300, float("nan"), float("inf"), [1], {}])
def test_numbers_outside_the_shared_range_are_declined(value: object) -> None:
    with pytest.raises(Unsupported):
        literal(value)


def test_typed_numbers_keep_their_datatype_but_not_xsd_double() -> None:
    assert literal(5, f"{XSD}decimal") == f'"5"^^<{XSD}decimal>'
    assert literal(2.5, f"{XSD}float") == f'"2.5E0"^^<{XSD}float>'
    for value in (5, 2.5, "2.5"):
        with pytest.raises(Unsupported):
            literal(value, f"{XSD}double")


iri_like = st.text(alphabet="ab:/_-.+,@# \n\t<>é\u00a0", max_size=8) | st.from_regex(
    r"[a-z_][a-z0-9+,.-]{0,3}:[^ ]{0,4}\n?", fullmatch=True
)


@settings(max_examples=1000)
@given(iri_like)
def test_pyld_absolute_iri_test_is_reproduced(value: str) -> None:
    assert is_pyld_absolute(value) == bool(pyld_jsonld._is_absolute_iri(value))
    if is_strict_iri(value):
        assert is_pyld_absolute(value)


@settings(max_examples=500)
@given(st.text(alphabet="@abZ1 \n:", max_size=6))
def test_keyword_like_strings_are_pyld_s(value: str) -> None:
    """pyld ignores strings like "@foo" (not keywords) wherever an IRI is expected."""
    looks_like_keyword = bool(re.match(pyld_jsonld.KEYWORD_PATTERN, value))
    is_keyword = value in pyld_jsonld.KEYWORDS
    ctx = Ctx()
    if looks_like_keyword and not is_keyword:
        assert expand_vocab(ctx, value) is None
        assert expand_document(ctx, value) is None
    elif is_keyword:
        assert expand_vocab(ctx, value) == value
