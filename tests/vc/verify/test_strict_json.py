"""One strict JSON reader on every path into the trust core (issue 12, findings 1, 3, 4)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from microcred.vc.errors import JsonInputError
from microcred.vc.jsontext import MAX_DEPTH, nesting_depth, read_json
from microcred.vc.verify import VerificationReport, verify_credential

from ..factories import Issuer
from ..jwt_raw import b64, plain_credential, token_over


def codes(report: VerificationReport) -> list[str]:
    return [c.code for c in report.failures]


def test_a_signed_jwt_verifies_when_its_payload_is_plain(now: datetime) -> None:
    issuer = Issuer.did_key()
    token = token_over(issuer, json.dumps(plain_credential(issuer, now)))
    report = verify_credential(token, now=now)
    assert report.verified, codes(report)


def test_a_signed_jwt_with_a_duplicated_name_is_refused(now: datetime) -> None:
    """The signature is valid; one reader would show "FAKE", another the real name."""
    issuer = Issuer.did_key()
    text = json.dumps(plain_credential(issuer, now))
    forged = text.replace('"name": "Data Literacy"', '"name": "FAKE", "name": "Data Literacy"')
    assert forged != text
    report = verify_credential(token_over(issuer, forged), now=now)
    assert codes(report) == ["json_duplicate_key"]
    assert "name" in report.failures[0].message("en")


def test_nan_in_a_jwt_payload_is_refused(now: datetime) -> None:
    issuer = Issuer.did_key()
    text = json.dumps(plain_credential(issuer, now))[:-1] + ', "n": NaN}'
    assert codes(verify_credential(token_over(issuer, text), now=now)) == ["json_number_invalid"]


def test_a_jwt_payload_of_50000_nested_arrays_is_refused(now: datetime) -> None:
    payload = b64(b"[" * 50_000 + b"]" * 50_000)
    header = b64(b'{"alg":"EdDSA","kid":"did:key:z6Mk#z6Mk"}')
    report = verify_credential(f"{header}.{payload}.{b64(b'x' * 64)}", now=now)
    assert codes(report) == ["json_too_deep"]


@pytest.mark.parametrize(
    "data", ['{"name": "\\ud800"}', '{"\\udfff": 1}', '{"a": ["x\\ud83d"]}', {"name": "\ud800"}]
)
def test_a_lone_surrogate_is_refused(now: datetime, data: object) -> None:
    report = verify_credential(data, now=now)  # type: ignore[arg-type]
    assert codes(report) == ["json_lone_surrogate"]
    report.to_json("tr")  # renders without a UnicodeEncodeError


def test_a_surrogate_pair_is_an_ordinary_character() -> None:
    assert read_json('{"smile": "\\ud83d\\ude00"}') == {"smile": "\U0001f600"}


def test_escaped_quotes_are_read_in_one_pass(now: datetime) -> None:
    """200 KB of ``\\"`` (unterminated): the old string regex rescanned from every quote."""
    report = verify_credential('"' + '\\"' * 100_000, now=now)
    assert codes(report) == ["json_malformed"]


def test_depth_counting_ignores_brackets_in_strings_and_stops_early() -> None:
    assert nesting_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]"}]}', 32) == 3
    assert nesting_depth("[" * 100_000, MAX_DEPTH) == MAX_DEPTH + 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"a": 1e400}', "json_number_invalid"),
        ('{"a": -Infinity}', "json_number_invalid"),
        ('{"a": ' + "9" * 5000 + "}", "json_number_invalid"),
        ('{"a": [1, 2}', "json_malformed"),
    ],
)
def test_numbers_and_syntax(text: str, code: str) -> None:
    with pytest.raises(JsonInputError) as caught:
        read_json(text)
    assert caught.value.code == code
