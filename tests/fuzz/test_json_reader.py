"""The strict JSON reader, the trust core's input parser and the API body parser: every
input ends in a value or a documented refusal (issue 12, finding 8)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from microcred.api.errors import ApiError
from microcred.api.parser import BoundedJsonParser
from microcred.vc.errors import JsonInputError
from microcred.vc.jsontext import has_lone_surrogate, read_json
from microcred.vc.verify.parse import Parsed, parse_input
from microcred.vc.verify.report import Check, CheckStatus

from .strategies import FUZZ, json_values, jsonish_text


def outcome(read: Callable[[Any], Any], data: Any) -> tuple[Any, JsonInputError | None]:
    """(value, None) or (None, the reader's refusal); anything else propagates."""
    try:
        return read(data), None
    except JsonInputError as exc:
        return None, exc


READER_CODES = {
    "json_malformed", "json_too_large", "json_too_deep", "json_duplicate_key",
    "json_number_invalid", "json_lone_surrogate",
}  # fmt: skip


@FUZZ
@given(jsonish_text() | st.text(max_size=200))
def test_the_reader_returns_a_value_or_a_coded_refusal(text: str) -> None:
    value, refusal = outcome(read_json, text)
    if refusal is not None:
        assert refusal.code in READER_CODES
    else:
        assert not has_lone_surrogate(value)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # writable back out


@FUZZ
@given(st.binary(max_size=300))
def test_the_reader_takes_any_bytes(data: bytes) -> None:
    _, refusal = outcome(read_json, data)
    assert refusal is None or refusal.code in READER_CODES


@FUZZ
@given(json_values)
def test_what_json_dumps_writes_the_reader_reads_back(value: Any) -> None:
    text = json.dumps(value)
    read, refusal = outcome(read_json, text)
    if refusal is None:
        assert read == value
    else:  # a duplicate key cannot happen; depth and surrogates can
        assert refusal.code in {"json_too_deep", "json_lone_surrogate"}


@FUZZ
@given(jsonish_text() | st.binary(max_size=200).map(lambda b: b.hex()))
def test_parse_input_gives_a_credential_or_a_failed_structure_check(text: str) -> None:
    parsed = parse_input(text)
    if isinstance(parsed, Check):
        assert parsed.status is CheckStatus.FAILED
        assert parsed.check == "structure"
        parsed.message("tr")
    else:
        assert isinstance(parsed, Parsed)
        assert isinstance(parsed.credential, dict)


@FUZZ
@given(jsonish_text().map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200))
def test_the_api_body_parser_gives_an_object_or_an_api_error(body: bytes) -> None:
    request = RequestFactory().post("/api/verify", body, content_type="application/json")
    try:
        data, refusal = BoundedJsonParser().parse_body(request), None
    except ApiError as exc:
        data, refusal = None, exc
    if refusal is not None:
        assert refusal.status in (400, 413)
        assert refusal.code
    else:
        assert isinstance(data, dict)
