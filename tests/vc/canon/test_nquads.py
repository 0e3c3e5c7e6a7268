"""N-Quads: strict parsing, canonical terms, canonical lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.vc.canon import parse_nquads, serialize_nquads
from microcred.vc.canon.nquads import format_literal, serialize_quad
from microcred.vc.errors import CanonicalizationError

from .conftest import VECTORS

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_parses_every_kind_of_term() -> None:
    text = (
        "<http://ex/s> <http://ex/p> <http://ex/o> .\n"
        '_:b0 <http://ex/p> "plain" <http://ex/g> .\n'
        '_:b0 <http://ex/p> "chat"@fr-BE _:g1 .\n'
        '<http://ex/s> <http://ex/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )
    assert parse_nquads(text) == [
        ("<http://ex/s>", "<http://ex/p>", "<http://ex/o>", ""),
        ("_:b0", "<http://ex/p>", '"plain"', "<http://ex/g>"),
        ("_:b0", "<http://ex/p>", '"chat"@fr-BE', "_:g1"),
        ("<http://ex/s>", "<http://ex/p>", f'"5"^^<{XSD}integer>', ""),
    ]


def test_escapes_are_normalised_to_canonical_form() -> None:
    text = (
        '<http://ex/\\u0073> <http://ex/p> "\\u0041\\U0001F600\\t\\u000b\\u007f\\\'" .\n'
        '<http://ex/s> <http://ex/p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .\n'
    )
    assert parse_nquads(text) == [
        ("<http://ex/s>", "<http://ex/p>", '"A😀\\t\\u000B\\u007F\'"', ""),
        ("<http://ex/s>", "<http://ex/p>", '"x"', ""),
    ]


def test_w3c_escaping_vector_serialises_canonically() -> None:
    """test060 of the RDFC suite has no blank nodes: parsing then serialising is the answer."""
    source = (VECTORS / "w3c-rdf-canon/rdfc10/test060-in.nq").read_text("utf-8")
    expected = (VECTORS / "w3c-rdf-canon/rdfc10/test060-rdfc10.nq").read_text("utf-8")
    lines = serialize_nquads(parse_nquads(source)).split("\n")[:-1]  # not splitlines: U+0085
    assert "".join(line + "\n" for line in sorted(lines)) == expected


def test_comments_blank_lines_crlf_and_tight_spacing() -> None:
    text = "# header\r\n\r\n<http://ex/s><http://ex/p>_:o.# trailing\r\n\t \n"
    assert parse_nquads(text) == [("<http://ex/s>", "<http://ex/p>", "_:o", "")]


def test_serialize_quad_lines() -> None:
    assert serialize_quad(("_:a", "<http://ex/p>", '"x"', "")) == '_:a <http://ex/p> "x" .\n'
    assert serialize_quad(("_:a", "<http://ex/p>", '"x"', "_:g")) == '_:a <http://ex/p> "x" _:g .\n'


def test_format_literal() -> None:
    assert format_literal('a"b\\c\n', f"{XSD}string") == '"a\\"b\\\\c\\n"'
    assert format_literal("1", f"{XSD}integer") == f'"1"^^<{XSD}integer>'
    assert format_literal("hi", None, "en") == '"hi"@en'
    assert format_literal("\x00\x08\x0c\x1f") == '"\\u0000\\b\\f\\u001F"'


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("<s> <http://ex/p> <http://ex/o> .", "not absolute"),
        ("<http://ex/s> <http://ex/p> <http://ex/o>", "not an N-Quads statement"),
        ('<http://ex/s> <http://ex/p> "\\x" .', "not an N-Quads statement"),
        ('<http://ex/s> <http://ex/p> "open .', "not an N-Quads statement"),
        ("<http://ex/a b> <http://ex/p> <http://ex/o> .", "not an N-Quads statement"),
        ("<http://ex/a\\u0020b> <http://ex/p> <http://ex/o> .", "may not contain"),
        ("<http://ex/a\\u003Eb> <http://ex/p> <http://ex/o> .", "may not contain"),
        ('<http://ex/s> <http://ex/p> "\\uD800" .', "not a Unicode scalar value"),
        ('<http://ex/s> <http://ex/p> "\\U00110000" .', "not a Unicode scalar value"),
        (
            '<http://ex/s> <http://ex/p> "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#'
            "langString> .",
            "langString",
        ),
        ("_:-a <http://ex/p> <http://ex/o> .", "not an N-Quads statement"),
        ('"lit" <http://ex/p> <http://ex/o> .', "not an N-Quads statement"),
        ("<http://ex/s> _:p <http://ex/o> .", "not an N-Quads statement"),
        ('<http://ex/s> <http://ex/p> "x"@ .', "not an N-Quads statement"),
        ('<http://ex/s> <http://ex/p> "x" "g" .', "not an N-Quads statement"),
        ("<http://ex/s> <http://ex/p> <http://ex/o> . extra", "not an N-Quads statement"),
    ],
)
def test_rejects_invalid_lines_with_their_number(line: str, reason: str) -> None:
    text = "<http://ex/s> <http://ex/p> <http://ex/o> .\n" + line + "\n"
    with pytest.raises(CanonicalizationError) as caught:
        parse_nquads(text)
    assert caught.value.code == "nquads_invalid"
    assert str(caught.value).startswith("N-Quads line 2: ")
    assert reason in str(caught.value)


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(lexical=_TEXT, language=st.sampled_from([None, "en", "tr-TR"]))
def test_any_literal_round_trips(lexical: str, language: str | None) -> None:
    term = format_literal(lexical, None, language)
    quad = ("<http://ex/s>", "<http://ex/p>", term, "")
    assert parse_nquads(serialize_quad(quad)) == [quad]
    assert "\n" not in term
    assert "\r" not in term


@given(lexical=_TEXT)
def test_escaped_and_unescaped_spellings_parse_to_one_term(lexical: str) -> None:
    escaped = "".join(f"\\U{ord(char):08X}" for char in lexical)
    plain = parse_nquads(f'<http://ex/s> <http://ex/p> "{escaped}" .')
    assert plain == [("<http://ex/s>", "<http://ex/p>", format_literal(lexical), "")]
